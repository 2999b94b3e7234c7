#include "quantization/ptq/quant_params.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace litescope::quant {
namespace {

std::pair<int32_t, int32_t> IntegerRange(tflite::TensorType type) {
  switch (type) {
    case tflite::TensorType_UINT8:
      return {0, 255};
    case tflite::TensorType_INT16:
      return {-32768, 32767};
    default:
      return {-128, 127};
  }
}

}  // namespace

QuantParams ActivationParams(float min, float max, tflite::TensorType type) {
  min = std::min(min, 0.0f);
  max = std::max(max, 0.0f);
  QuantParams p;
  if (type == tflite::TensorType_INT16) {
    const float bound = std::max(-min, max);
    p.scale = {bound > 0 ? bound / 32767.0f : 1.0f};
    p.zero_point = {0};
  } else {
    const auto [qmin, qmax] = IntegerRange(type);
    const float scale = max > min ? (max - min) / static_cast<float>(qmax - qmin) : 1.0f;
    // In float, as TFLite's GetAsymmetricQuantizationParams computes it.
    const float zero_point = static_cast<float>(qmin) - min / scale;
    p.scale = {scale};
    p.zero_point = {static_cast<int64_t>(std::clamp<float>(std::round(zero_point), static_cast<float>(qmin), static_cast<float>(qmax)))};
  }
  p.min = {min};
  p.max = {max};
  return p;
}

int32_t QuantizeValue(float value, float scale, int64_t zero_point, tflite::TensorType type) {
  const auto [qmin, qmax] = IntegerRange(type);
  const double q = std::round(static_cast<double>(value) / scale) + static_cast<double>(zero_point);
  return static_cast<int32_t>(std::clamp<double>(q, qmin, qmax));
}

QuantizedWeights QuantizeWeights(const float* data, const ir::Dims& shape, int axis) {
  int64_t count = 1;
  for (int32_t d : shape) count *= d;
  const int64_t channels = axis < 0 ? 1 : shape[static_cast<size_t>(axis)];
  int64_t inner = 1;  // elements after `axis`
  for (size_t d = static_cast<size_t>(axis + 1); axis >= 0 && d < shape.size(); ++d) inner *= shape[d];
  auto channel_of = [&](int64_t i) { return axis < 0 ? 0 : (i / inner) % channels; };
  std::vector<float> bound(static_cast<size_t>(channels), 0.0f);
  for (int64_t i = 0; i < count; ++i) {
    float& b = bound[static_cast<size_t>(channel_of(i))];
    b = std::max(b, std::fabs(data[i]));
  }
  QuantizedWeights w;
  w.params.quantized_dimension = std::max(axis, 0);
  for (float b : bound) {
    w.params.scale.push_back(b > 0 ? b / 127.0f : 1.0f);
    w.params.zero_point.push_back(0);
  }
  w.values.resize(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    const float s = w.params.scale[static_cast<size_t>(channel_of(i))];
    w.values[static_cast<size_t>(i)] = static_cast<int8_t>(std::clamp<double>(std::round(data[i] / s), -127, 127));
  }
  return w;
}

std::vector<uint8_t> QuantizeBias(const float* bias, int64_t count, float input_scale, const std::vector<float>& weight_scales,
                                  tflite::TensorType type, QuantParams* params) {
  const bool wide = type == tflite::TensorType_INT64;
  const double limit = wide ? 9.0e18 : static_cast<double>(std::numeric_limits<int32_t>::max());
  std::vector<uint8_t> bytes(static_cast<size_t>(count) * (wide ? 8 : 4));
  params->scale.clear();
  params->zero_point.clear();
  params->quantized_dimension = 0;
  for (int64_t c = 0; c < count; ++c) {
    const float s = input_scale * weight_scales[weight_scales.size() == 1 ? 0 : static_cast<size_t>(c)];
    if (weight_scales.size() > 1 || c == 0) {
      params->scale.push_back(s);
      params->zero_point.push_back(0);
    }
    const double q = std::clamp<double>(std::round(static_cast<double>(bias[c]) / s), -limit, limit);
    if (wide) {
      const int64_t v = static_cast<int64_t>(q);
      std::memcpy(bytes.data() + c * 8, &v, 8);
    } else {
      const int32_t v = static_cast<int32_t>(q);
      std::memcpy(bytes.data() + c * 4, &v, 4);
    }
  }
  return bytes;
}

uint16_t FloatToHalf(float value) {
  const uint32_t f = std::bit_cast<uint32_t>(value);
  const uint32_t sign = (f >> 16) & 0x8000u;
  const uint32_t abs = f & 0x7fffffffu;
  if (abs >= 0x7f800000u) return static_cast<uint16_t>(sign | 0x7c00u | (abs > 0x7f800000u ? 0x200u : 0u));  // inf, NaN
  if (abs >= 0x477ff000u) return static_cast<uint16_t>(sign | 0x7c00u);  // rounds past 65504: infinity
  if (abs < 0x38800000u) {  // below the smallest normal half: a subnormal (or zero)
    const float scaled = std::bit_cast<float>(abs) * 16777216.0f;  // value / 2^-24
    return static_cast<uint16_t>(sign | static_cast<uint32_t>(std::nearbyint(scaled)));
  }
  // Normal: rebias the exponent, round the 13 dropped mantissa bits to nearest even.
  const uint32_t rebased = abs - 0x38000000u;
  const uint32_t rounded = rebased + 0x0fffu + ((rebased >> 13) & 1u);
  return static_cast<uint16_t>(sign | (rounded >> 13));
}

std::vector<uint8_t> QuantizeConstant(const ir::Value& v, tflite::TensorType type, const QuantParams& params) {
  const int64_t n = v.elements();
  const size_t width = type == tflite::TensorType_INT16 ? 2 : 1;
  std::vector<uint8_t> bytes(static_cast<size_t>(n) * width);
  const float* x = v.as<float>();
  for (int64_t i = 0; i < n; ++i) {
    const int32_t q = QuantizeValue(x[i], params.scale[0], params.zero_point[0], type);
    if (width == 2) {
      const int16_t s = static_cast<int16_t>(q);
      std::memcpy(bytes.data() + i * 2, &s, 2);
    } else {
      bytes[static_cast<size_t>(i)] = static_cast<uint8_t>(q);
    }
  }
  return bytes;
}

int AddQuantizedConstantLike(ir::Graph& g, int like, tflite::TensorType type, std::vector<uint8_t> bytes, QuantParams params) {
  const std::string name = g.values[static_cast<size_t>(like)].name;
  const ir::Dims shape = g.values[static_cast<size_t>(like)].shape;
  const int id = g.AddConstant(name, type, shape, std::move(bytes));
  g.values[static_cast<size_t>(id)].quant = std::move(params);
  return id;
}

std::vector<uint8_t> Int8Bytes(const std::vector<int8_t>& values) {
  std::vector<uint8_t> bytes(values.size());
  if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

}  // namespace litescope::quant
