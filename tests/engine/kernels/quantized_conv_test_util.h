// Random quantized convolution cases (CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV) for the tests
// against real TFLite: activations over the whole range of their type with random scales and zero
// points, INT8 or UINT8 filters, the bias quantized with input_scale * filter_scale, and an output
// scale that spreads the sums over the output range.
//
//   ConvTypes t = k16x8;
//   const float in_scale = AddActivations(c, t, {1, 5, 5, 3}, seed);
//   const QuantParams fq = FilterQuant(t, 4, 0, true, seed + 1);
//   AddFilter(c, t, {4, 3, 3, 3}, fq, seed + 2);
//   AddBias(c, t, in_scale, fq, seed + 3);
//   AddOutput(c, t, {1, 5, 5, 4}, in_scale * fq.scale[0] * SumSpread(t, 27), seed + 4);
#pragma once

#include <cmath>

#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope::testing {

struct ConvTypes {
  tflite::TensorType input, filter, bias;
  const char* name;
};
inline const ConvTypes kConvInt8{tflite::TensorType_INT8, tflite::TensorType_INT8, tflite::TensorType_INT32, "i8"};
inline const ConvTypes kConvUint8{tflite::TensorType_UINT8, tflite::TensorType_UINT8, tflite::TensorType_INT32, "u8"};
inline const ConvTypes k16x8{tflite::TensorType_INT16, tflite::TensorType_INT8, tflite::TensorType_INT64, "i16"};
inline const ConvTypes k16x8Bias32{tflite::TensorType_INT16, tflite::TensorType_INT8, tflite::TensorType_INT32,
                                   "i16b32"};

inline bool IsInt16(const ConvTypes& t) { return t.input == tflite::TensorType_INT16; }

// Adds the activations input; returns its scale. INT16 has zero point 0, as TFLite requires.
inline float AddActivations(OpCase& c, const ConvTypes& t, const Shape& shape, uint32_t seed) {
  const float scale = RandomFloats(1, seed, 0.005f, 0.05f)[0];
  const auto n = static_cast<size_t>(ElementCount(shape));
  switch (t.input) {
    case tflite::TensorType_INT8:
      c.Input<int8_t>(t.input, shape, RandomInts<int8_t>(n, seed + 1, -128, 127),
                      PerTensor(scale, RandomInts<int>(1, seed + 2, -20, 20)[0]));
      break;
    case tflite::TensorType_UINT8:
      c.Input<uint8_t>(t.input, shape, RandomInts<uint8_t>(n, seed + 1, 0, 255),
                       PerTensor(scale, RandomInts<int>(1, seed + 2, 90, 160)[0]));
      break;
    default: c.Input<int16_t>(t.input, shape, RandomInts<int16_t>(n, seed + 1, -32768, 32767), PerTensor(scale, 0));
  }
  return scale;
}

// Filter scales: one per output channel along `axis` (INT8 only) or one; zero points 0 for INT8.
inline QuantParams FilterQuant(const ConvTypes& t, int channels, int axis, bool per_channel, uint32_t seed) {
  QuantParams q;
  q.scale = RandomFloats(per_channel ? static_cast<size_t>(channels) : 1, seed, 0.002f, 0.03f);
  const int zp = t.filter == tflite::TensorType_UINT8 ? RandomInts<int>(1, seed + 1, 90, 160)[0] : 0;
  q.zero_point.assign(q.scale.size(), zp);
  q.quantized_dimension = axis;
  return q;
}

inline void AddFilter(OpCase& c, const ConvTypes& t, const Shape& shape, const QuantParams& q, uint32_t seed) {
  const auto n = static_cast<size_t>(ElementCount(shape));
  if (t.filter == tflite::TensorType_UINT8) {
    c.ConstInput<uint8_t>(t.filter, shape, RandomInts<uint8_t>(n, seed, 0, 255), q);
  } else {
    c.ConstInput<int8_t>(t.filter, shape, RandomInts<int8_t>(n, seed, -127, 127), q);
  }
}

// One bias per filter scale's channel (channels values), scales input_scale * filter_scale.
inline void AddBias(OpCase& c, const ConvTypes& t, int channels, float in_scale, const QuantParams& fq,
                    uint32_t seed) {
  QuantParams q;
  for (float s : fq.scale) q.scale.push_back(in_scale * s);
  q.zero_point.assign(q.scale.size(), 0);
  const auto n = static_cast<size_t>(channels);
  // About as large as a sum of a few products.
  const int range = IsInt16(t) ? 2000000 : 5000;
  if (t.bias == tflite::TensorType_INT64) {
    c.ConstInput<int64_t>(t.bias, {channels}, RandomInts<int64_t>(n, seed, -range, range), q);
  } else {
    c.ConstInput<int32_t>(t.bias, {channels}, RandomInts<int32_t>(n, seed, -range, range), q);
  }
}

// The spread of a sum of `taps` products (uniform values: about range / sqrt(12) each), over the
// spread wanted at the output (50 steps for 8 bits, 10000 for 16): the output scale per unit of
// input_scale * filter_scale.
inline float SumSpread(const ConvTypes& t, int taps) {
  const float x = IsInt16(t) ? 18900.0f : 74.0f;
  return x * 74.0f * std::sqrt(static_cast<float>(taps)) / (IsInt16(t) ? 10000.0f : 50.0f);
}

inline void AddOutput(OpCase& c, const ConvTypes& t, const Shape& shape, float scale, uint32_t seed) {
  const int zp = t.input == tflite::TensorType_INT8    ? RandomInts<int>(1, seed, -20, 20)[0]
                 : t.input == tflite::TensorType_UINT8 ? RandomInts<int>(1, seed, 90, 160)[0]
                                                       : 0;
  c.Output(t.input, shape, PerTensor(scale * RandomFloats(1, seed + 1, 0.5f, 2.0f)[0], zp));
}

}  // namespace litescope::testing
