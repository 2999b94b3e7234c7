#include "quantization/compare/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace litescope {

double CosineSimilarity(std::span<const float> a, std::span<const float> b) {
  double dot = 0, aa = 0, bb = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    dot += double(a[i]) * b[i];
    aa += double(a[i]) * a[i];
    bb += double(b[i]) * b[i];
  }
  if (aa == 0 && bb == 0) return 1;
  if (aa == 0 || bb == 0) return 0;
  return dot / (std::sqrt(aa) * std::sqrt(bb));
}

void ErrorAccumulator::Add(std::span<const float> reference, std::span<const float> test) {
  const size_t n = std::min(reference.size(), test.size());
  for (size_t i = 0; i < n; ++i) {
    const double e = double(test[i]) - double(reference[i]);
    sum_error_ += e;
    sum_abs_ += std::fabs(e);
    max_abs_ = std::max(max_abs_, std::fabs(e));
    sum_squared_error_ += e * e;
    sum_squared_reference_ += double(reference[i]) * reference[i];
  }
  count_ += static_cast<int64_t>(n);
  sum_cosine_ += CosineSimilarity(reference, test);
  ++samples_;
}

ErrorMetrics ErrorAccumulator::Metrics() const {
  ErrorMetrics m;
  m.count = count_;
  m.samples = samples_;
  if (count_ == 0) return m;
  const auto n = static_cast<double>(count_);
  m.mean_error = sum_error_ / n;
  m.mean_abs_error = sum_abs_ / n;
  m.max_abs_error = max_abs_;
  m.mse = sum_squared_error_ / n;
  m.rmse = std::sqrt(m.mse);
  if (sum_squared_error_ == 0) m.snr_db = std::numeric_limits<double>::infinity();
  else if (sum_squared_reference_ == 0) m.snr_db = -std::numeric_limits<double>::infinity();
  else m.snr_db = 10.0 * std::log10(sum_squared_reference_ / sum_squared_error_);
  m.cosine = sum_cosine_ / samples_;
  return m;
}

Histogram MakeHistogram(std::span<const float> values, int bins) {
  Histogram h;
  h.counts.assign(static_cast<size_t>(std::max(bins, 1)), 0);
  double m = 0;
  for (float v : values) {
    if (std::isfinite(v)) m = std::max(m, std::fabs(double(v)));
  }
  h.lo = -m;
  h.hi = m;
  const size_t last = h.counts.size() - 1;
  for (float v : values) {
    if (!std::isfinite(v)) continue;
    size_t bin = h.counts.size() / 2;
    if (m > 0) bin = std::min(last, static_cast<size_t>((double(v) + m) / (2 * m) * static_cast<double>(h.counts.size())));
    ++h.counts[bin];
  }
  return h;
}

}  // namespace litescope
