#include "app/core/tensor_stats.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "engine/kernels/internal/element_type.h"
#include "engine/model/tensor_type.h"

namespace litescope {
namespace {

template <typename T>
void Read(std::span<const uint8_t> data, std::vector<double>& out) {
  const size_t n = data.size() / sizeof(T);
  out.resize(n);
  for (size_t i = 0; i < n; ++i) {
    T v;
    std::memcpy(&v, data.data() + i * sizeof(T), sizeof(T));
    out[i] = static_cast<double>(v);
  }
}

// The channel of element i along `axis` of a C-order shape.
size_t ChannelOf(size_t i, size_t inner, size_t channels) { return (i / inner) % channels; }

size_t InnerSize(const std::vector<int32_t>& shape, int axis) {
  size_t inner = 1;
  for (size_t d = static_cast<size_t>(axis) + 1; d < shape.size(); ++d) inner *= static_cast<size_t>(shape[d]);
  return inner;
}

}  // namespace

Result<TensorValues> DecodeTensor(const TensorView& tensor, bool dequantize) {
  TensorValues out;
  std::span<const uint8_t> data = tensor.data();
  if (data.empty()) return InvalidArgument("tensor " + std::to_string(tensor.index()) + " has no constant data");
  switch (tensor.type()) {
    case tflite::TensorType_FLOAT32: Read<float>(data, out.values); break;
    case tflite::TensorType_FLOAT64: Read<double>(data, out.values); break;
    case tflite::TensorType_INT8: Read<int8_t>(data, out.values); break;
    case tflite::TensorType_UINT8: Read<uint8_t>(data, out.values); break;
    case tflite::TensorType_BOOL: Read<uint8_t>(data, out.values); break;
    case tflite::TensorType_INT16: Read<int16_t>(data, out.values); break;
    case tflite::TensorType_UINT16: Read<uint16_t>(data, out.values); break;
    case tflite::TensorType_INT32: Read<int32_t>(data, out.values); break;
    case tflite::TensorType_UINT32: Read<uint32_t>(data, out.values); break;
    case tflite::TensorType_INT64: Read<int64_t>(data, out.values); break;
    case tflite::TensorType_FLOAT16: {
      Read<uint16_t>(data, out.values);
      for (double& v : out.values) v = HalfToFloat(static_cast<uint16_t>(v));
      break;
    }
    default:
      return Unsupported("tensor " + std::to_string(tensor.index()) + " has type " +
                                   TensorTypeName(tensor.type()) + ", which the viewer does not decode");
  }
  const QuantizationView q = tensor.quantization();
  if (!dequantize || q.scale.empty()) return out;
  const std::vector<int32_t> shape(tensor.shape().begin(), tensor.shape().end());
  const size_t channels = q.scale.size();
  const int axis = q.quantized_dimension;
  const bool per_channel = channels > 1 && axis >= 0 && static_cast<size_t>(axis) < shape.size() &&
                           static_cast<size_t>(shape[static_cast<size_t>(axis)]) == channels;
  const size_t inner = per_channel ? InnerSize(shape, axis) : 1;
  for (size_t i = 0; i < out.values.size(); ++i) {
    const size_t c = per_channel ? ChannelOf(i, inner, channels) : 0;
    const double zp = c < q.zero_point.size() ? static_cast<double>(q.zero_point[c]) : 0.0;
    out.values[i] = (out.values[i] - zp) * static_cast<double>(q.scale[c]);
  }
  out.dequantized = true;
  return out;
}

TensorStats ComputeStats(const std::vector<double>& values) {
  TensorStats s;
  s.count = values.size();
  double sum = 0, sum_sq = 0;
  uint64_t finite = 0, zeros = 0;
  s.min = std::numeric_limits<double>::infinity();
  s.max = -std::numeric_limits<double>::infinity();
  for (double v : values) {
    if (std::isnan(v)) {
      ++s.nan;
      continue;
    }
    if (std::isinf(v)) {
      ++s.inf;
      continue;
    }
    ++finite;
    if (v == 0) ++zeros;
    s.min = std::min(s.min, v);
    s.max = std::max(s.max, v);
    sum += v;
  }
  if (finite == 0) {
    s.min = s.max = 0;
    return s;
  }
  s.mean = sum / static_cast<double>(finite);
  for (double v : values)
    if (std::isfinite(v)) sum_sq += (v - s.mean) * (v - s.mean);
  s.stddev = std::sqrt(sum_sq / static_cast<double>(finite));
  s.sparsity = static_cast<double>(zeros) / static_cast<double>(s.count);
  return s;
}

Histogram ComputeHistogram(const std::vector<double>& values, int bins) {
  Histogram h;
  const TensorStats s = ComputeStats(values);
  h.low = s.min;
  h.high = s.max;
  if (h.high <= h.low) {
    h.low -= 0.5;
    h.high += 0.5;
    bins = 1;
  }
  h.counts.assign(static_cast<size_t>(std::max(bins, 1)), 0);
  const double width = (h.high - h.low) / static_cast<double>(h.counts.size());
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    auto bin = static_cast<size_t>((v - h.low) / width);
    ++h.counts[std::min(bin, h.counts.size() - 1)];
  }
  return h;
}

std::vector<ChannelRange> ChannelRanges(const std::vector<double>& values, const std::vector<int32_t>& shape,
                                        int axis) {
  if (axis < 0 || static_cast<size_t>(axis) >= shape.size() || shape[static_cast<size_t>(axis)] <= 0) return {};
  const size_t channels = static_cast<size_t>(shape[static_cast<size_t>(axis)]);
  const size_t inner = InnerSize(shape, axis);
  std::vector<ChannelRange> ranges(channels, {std::numeric_limits<double>::infinity(),
                                              -std::numeric_limits<double>::infinity()});
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) continue;
    ChannelRange& r = ranges[ChannelOf(i, inner, channels)];
    r.min = std::min(r.min, values[i]);
    r.max = std::max(r.max, values[i]);
  }
  for (ChannelRange& r : ranges)
    if (r.min > r.max) r = {0, 0};
  return ranges;
}

}  // namespace litescope
