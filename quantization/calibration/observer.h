// Calibration observers: what is remembered of a tensor's values over the calibration samples,
// and the range it yields. minmax (the extremes; TFLite's converter), ema (moving average of
// each sample's extremes), percentile (0.01 % and 99.99 % of a value sample) and mse (the
// clipping range that minimises the int8 quantization error over a value sample).
//
//   TensorObserver obs;
//   obs.Add(values, n);           // per sample
//   TensorRange r = obs.Range(ObserverKind::kPercentile);
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engine/base/status.h"

namespace litescope {

enum class ObserverKind { kMinMax, kEma, kPercentile, kMse };

const char* ObserverName(ObserverKind kind);
Result<ObserverKind> ParseObserver(const std::string& name);

struct TensorRange {
  float min = 0, max = 0;
};

class TensorObserver {
 public:
  static constexpr size_t kSampleCapacity = 16384;
  static constexpr float kEmaDecay = 0.9f;

  // One calibration sample's values of the tensor; NaN and infinities are counted and ignored.
  void Add(const float* values, int64_t count);

  TensorRange Range(ObserverKind kind) const;
  bool seen() const { return seen_; }
  int64_t nonfinite() const { return nonfinite_; }

 private:
  bool seen_ = false;
  float min_ = 0, max_ = 0, ema_min_ = 0, ema_max_ = 0;
  int64_t nonfinite_ = 0, offered_ = 0;
  std::vector<float> sample_;  // reservoir sample of the values
  std::mt19937 rng_{12345};
};

}  // namespace litescope
