#include "quantization/calibration/observer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace litescope {
namespace {

// Mean squared error of int8 affine quantization over [lo, hi] (widened to hold 0), values
// outside clipped.
double QuantizationMse(const std::vector<float>& values, float lo, float hi) {
  lo = std::min(lo, 0.0f);
  hi = std::max(hi, 0.0f);
  if (hi <= lo) return 0;
  const double scale = (static_cast<double>(hi) - lo) / 255.0;
  const double zero_point = std::round(-128.0 - lo / scale);
  double sum = 0;
  for (float v : values) {
    const double q = std::clamp(std::round(v / scale) + zero_point, -128.0, 127.0);
    const double e = (q - zero_point) * scale - v;
    sum += e * e;
  }
  return sum / static_cast<double>(values.size());
}

}  // namespace

const char* ObserverName(ObserverKind kind) {
  switch (kind) {
    case ObserverKind::kMinMax: return "minmax";
    case ObserverKind::kEma: return "ema";
    case ObserverKind::kPercentile: return "percentile";
    case ObserverKind::kMse: return "mse";
  }
  return "?";
}

Result<ObserverKind> ParseObserver(const std::string& name) {
  for (ObserverKind k : {ObserverKind::kMinMax, ObserverKind::kEma, ObserverKind::kPercentile, ObserverKind::kMse})
    if (name == ObserverName(k)) return k;
  return InvalidArgument("unknown observer '" + name + "' (minmax, ema, percentile or mse)");
}

void TensorObserver::Add(const float* values, int64_t count) {
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  for (int64_t i = 0; i < count; ++i) {
    const float v = values[i];
    if (!std::isfinite(v)) {
      ++nonfinite_;
      continue;
    }
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    // Reservoir sampling (algorithm R): every finite value has the same chance to be kept.
    ++offered_;
    if (sample_.size() < kSampleCapacity) {
      sample_.push_back(v);
    } else {
      const uint64_t j = std::uniform_int_distribution<uint64_t>(0, static_cast<uint64_t>(offered_ - 1))(rng_);
      if (j < kSampleCapacity) sample_[static_cast<size_t>(j)] = v;
    }
  }
  if (lo > hi) return;  // nothing finite in this sample
  if (!seen_) {
    min_ = ema_min_ = lo;
    max_ = ema_max_ = hi;
    seen_ = true;
    return;
  }
  min_ = std::min(min_, lo);
  max_ = std::max(max_, hi);
  ema_min_ = kEmaDecay * ema_min_ + (1 - kEmaDecay) * lo;
  ema_max_ = kEmaDecay * ema_max_ + (1 - kEmaDecay) * hi;
}

TensorRange TensorObserver::Range(ObserverKind kind) const {
  switch (kind) {
    case ObserverKind::kMinMax:
      return {min_, max_};
    case ObserverKind::kEma:
      return {ema_min_, ema_max_};
    case ObserverKind::kPercentile: {
      if (sample_.empty()) return {min_, max_};
      std::vector<float> sorted = sample_;
      std::sort(sorted.begin(), sorted.end());
      const auto at = [&](double q) { return sorted[static_cast<size_t>(std::llround(q * static_cast<double>(sorted.size() - 1)))]; };
      return {at(0.0001), at(0.9999)};
    }
    case ObserverKind::kMse: {
      TensorRange best{min_, max_};
      double best_error = QuantizationMse(sample_, min_, max_);
      for (int step = 1; step <= 35; ++step) {
        const float f = 1.0f - 0.02f * static_cast<float>(step);
        const double e = QuantizationMse(sample_, min_ * f, max_ * f);
        if (e < best_error) {
          best_error = e;
          best = {min_ * f, max_ * f};
        }
      }
      return best;
    }
  }
  return {min_, max_};
}

}  // namespace litescope
