#include "quantization/dataset/real_values.h"

#include <cstring>

#include "engine/kernels/internal/element_type.h"

namespace litescope {

std::optional<std::vector<float>> RealValues(tflite::TensorType type, const uint8_t* data, int64_t n,
                                             const Quantization& quant, const Shape& shape) {
  if (type == tflite::TensorType_FLOAT16) {
    std::vector<float> out(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      uint16_t bits = 0;
      std::memcpy(&bits, data + 2 * i, 2);
      out[static_cast<size_t>(i)] = HalfToFloat(bits);
    }
    return out;
  }
  // Per-channel parameters: element i belongs to channel (i / inner) % channels.
  const bool per_channel = quant.scale.size() > 1 && quant.axis >= 0 && static_cast<size_t>(quant.axis) < shape.size();
  int64_t inner = 1, channels = 1;
  if (per_channel) {
    channels = shape[static_cast<size_t>(quant.axis)];
    for (size_t d = static_cast<size_t>(quant.axis) + 1; d < shape.size(); ++d) inner *= shape[d];
  }
  const bool quantized = !quant.scale.empty() && type != tflite::TensorType_FLOAT32 && type != tflite::TensorType_FLOAT64;
  std::optional<std::vector<float>> out;
  VisitElementType<float, double, int8_t, uint8_t, int16_t, uint16_t, int32_t, uint32_t, int64_t, bool>(type, [&](auto tag) {
    using T = decltype(tag);
    std::vector<float> v(static_cast<size_t>(n));
    const T* x = reinterpret_cast<const T*>(data);
    for (int64_t i = 0; i < n; ++i) {
      const double raw = static_cast<double>(x[i]);
      if (!quantized) {
        v[static_cast<size_t>(i)] = static_cast<float>(raw);
        continue;
      }
      size_t c = per_channel ? static_cast<size_t>((i / inner) % channels) : 0;
      if (c >= quant.scale.size()) c = 0;
      const double zp = c < quant.zero_point.size() ? static_cast<double>(quant.zero_point[c]) : 0.0;
      v[static_cast<size_t>(i)] = static_cast<float>(quant.scale[c] * (raw - zp));
    }
    out = std::move(v);
  });
  return out;
}

std::optional<std::vector<float>> RealValues(const Tensor& t) {
  if (t.raw() == nullptr) return std::nullopt;
  return RealValues(t.type, t.raw(), t.elements(), t.quant, t.shape);
}

std::optional<std::pair<int, int>> QuantizedRange(tflite::TensorType type) {
  switch (type) {
    case tflite::TensorType_INT8: return std::pair{-128, 127};
    case tflite::TensorType_UINT8: return std::pair{0, 255};
    case tflite::TensorType_INT16: return std::pair{-32768, 32767};
    default: return std::nullopt;
  }
}

std::optional<std::pair<float, float>> RepresentableRange(tflite::TensorType type, const Quantization& quant) {
  const std::optional<std::pair<int, int>> q = QuantizedRange(type);
  if (!q || quant.scale.size() != 1 || quant.zero_point.size() != 1 || !(quant.scale[0] > 0)) return std::nullopt;
  const auto zp = static_cast<float>(quant.zero_point[0]);
  return std::pair{quant.scale[0] * (static_cast<float>(q->first) - zp), quant.scale[0] * (static_cast<float>(q->second) - zp)};
}

}  // namespace litescope
