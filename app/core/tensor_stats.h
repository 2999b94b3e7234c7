// Numbers about one constant tensor, for the tensor viewer: its values as doubles (dequantized
// or the raw integers), statistics, a histogram and per-channel ranges.
//
//   Result<TensorValues> v = DecodeTensor(tensor, /*dequantize=*/true);
//   TensorStats s = ComputeStats(v->values);           // min, max, mean, std, sparsity, NaN, Inf
//   Histogram h = ComputeHistogram(v->values, 64);     // over [s.min, s.max]
#pragma once

#include <cstdint>
#include <vector>

#include "engine/base/status.h"
#include "engine/model/model.h"

namespace litescope {

struct TensorValues {
  std::vector<double> values;  // C order
  bool dequantized = false;    // (q - zero_point) * scale applied, per channel where given
};

// Fails for tensors without data and for types that are not numbers (STRING, RESOURCE, ...).
Result<TensorValues> DecodeTensor(const TensorView& tensor, bool dequantize);

struct TensorStats {
  uint64_t count = 0;
  double min = 0, max = 0, mean = 0, stddev = 0;  // over the finite values
  double sparsity = 0;                            // fraction of exact zeros
  uint64_t nan = 0, inf = 0;
};
TensorStats ComputeStats(const std::vector<double>& values);

struct Histogram {
  double low = 0, high = 0;     // the range the bins split evenly; the last bin includes `high`
  std::vector<uint64_t> counts;
};
// Finite values only; an empty tensor or one value gives one bin around it.
Histogram ComputeHistogram(const std::vector<double>& values, int bins);

struct ChannelRange {
  double min = 0, max = 0;
};
// The range of each slice along `axis` (the quantized dimension for per-channel tensors).
std::vector<ChannelRange> ChannelRanges(const std::vector<double>& values, const std::vector<int32_t>& shape,
                                        int axis);

}  // namespace litescope
