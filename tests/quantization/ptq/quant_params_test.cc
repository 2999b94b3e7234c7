// The quantization arithmetic against values worked out by hand from TFLite's quantization
// specification (asymmetric int8 activations, symmetric int16, symmetric per-channel weights,
// int32 bias at input_scale * weight_scale) and IEEE binary16 encodings.
#include <gtest/gtest.h>

#include "quantization/ptq/quant_params.h"

namespace litescope::quant {
namespace {

TEST(ActivationParams, Int8CoversTheRangeAndHoldsZero) {
  QuantParams p = ActivationParams(0.0f, 6.0f, tflite::TensorType_INT8);  // a ReLU6 output
  EXPECT_FLOAT_EQ(p.scale[0], 6.0f / 255);
  EXPECT_EQ(p.zero_point[0], -128);
  p = ActivationParams(-3.0f, -1.0f, tflite::TensorType_INT8);  // widened to [-3, 0]
  EXPECT_FLOAT_EQ(p.scale[0], 3.0f / 255);
  EXPECT_EQ(p.zero_point[0], 127);
  p = ActivationParams(-1.0f, 1.0f, tflite::TensorType_INT8);  // -128 + 127.5 rounds away from zero
  EXPECT_FLOAT_EQ(p.scale[0], 2.0f / 255);
  EXPECT_EQ(p.zero_point[0], -1);
  p = ActivationParams(0.0f, 0.0f, tflite::TensorType_INT8);  // a tensor that was always 0
  EXPECT_FLOAT_EQ(p.scale[0], 1.0f);
}

TEST(ActivationParams, Uint8AndInt16) {
  QuantParams p = ActivationParams(-1.0f, 1.0f, tflite::TensorType_UINT8);
  // 1 / (2/255) is 127.5 exactly but 127.49999 in float, where TFLite computes it.
  EXPECT_EQ(p.zero_point[0], 127);
  p = ActivationParams(-2.0f, 1.0f, tflite::TensorType_INT16);
  EXPECT_FLOAT_EQ(p.scale[0], 2.0f / 32767);
  EXPECT_EQ(p.zero_point[0], 0);
}

TEST(QuantizeWeights, SymmetricPerChannel) {
  // Shape [2, 1, 1, 2]: channel 0 holds {1, -0.5}, channel 1 {0.25, 0.1}.
  const std::vector<float> w = {1.0f, -0.5f, 0.25f, 0.1f};
  QuantizedWeights q = QuantizeWeights(w.data(), {2, 1, 1, 2}, 0);
  ASSERT_EQ(q.params.scale.size(), 2u);
  EXPECT_FLOAT_EQ(q.params.scale[0], 1.0f / 127);
  EXPECT_FLOAT_EQ(q.params.scale[1], 0.25f / 127);
  EXPECT_EQ(q.params.zero_point, (std::vector<int64_t>{0, 0}));
  EXPECT_EQ(q.values, (std::vector<int8_t>{127, -64, 127, 51}));  // -63.5 -> -64, 50.8 -> 51
  // Along the last axis (depthwise): channel 0 = {1, 0.25}, channel 1 = {-0.5, 0.1}.
  q = QuantizeWeights(w.data(), {1, 2, 1, 2}, 3);
  EXPECT_EQ(q.params.quantized_dimension, 3);
  EXPECT_FLOAT_EQ(q.params.scale[1], 0.5f / 127);
  EXPECT_EQ(q.values, (std::vector<int8_t>{127, -127, 32, 25}));  // 31.75 -> 32, 25.4 -> 25
  // Per tensor.
  q = QuantizeWeights(w.data(), {2, 2}, -1);
  EXPECT_EQ(q.params.scale.size(), 1u);
  EXPECT_EQ(q.values, (std::vector<int8_t>{127, -64, 32, 13}));  // 12.7 -> 13
}

TEST(QuantizeBias, Int32AtInputTimesWeightScale) {
  const std::vector<float> b = {0.5f, -0.25f};
  QuantParams p;
  std::vector<uint8_t> bytes = QuantizeBias(b.data(), 2, 0.01f, {0.02f, 0.05f}, tflite::TensorType_INT32, &p);
  ASSERT_EQ(bytes.size(), 8u);
  int32_t v[2];
  std::memcpy(v, bytes.data(), 8);
  EXPECT_EQ(v[0], 2500);  // 0.5 / 0.0002
  EXPECT_EQ(v[1], -500);  // -0.25 / 0.0005
  EXPECT_FLOAT_EQ(p.scale[1], 0.0005f);
  bytes = QuantizeBias(b.data(), 2, 0.01f, {0.02f}, tflite::TensorType_INT64, &p);
  int64_t w[2];
  std::memcpy(w, bytes.data(), 16);
  EXPECT_EQ(w[1], -1250);
  EXPECT_EQ(p.scale.size(), 1u);
}

TEST(FloatToHalf, KnownEncodings) {
  EXPECT_EQ(FloatToHalf(1.0f), 0x3c00);
  EXPECT_EQ(FloatToHalf(-2.0f), 0xc000);
  EXPECT_EQ(FloatToHalf(0.1f), 0x2e66);
  EXPECT_EQ(FloatToHalf(65504.0f), 0x7bff);
  EXPECT_EQ(FloatToHalf(65520.0f), 0x7c00);  // rounds past the largest half
  EXPECT_EQ(FloatToHalf(5.9604645e-8f), 0x0001);  // the smallest subnormal
  EXPECT_EQ(FloatToHalf(1e-9f), 0x0000);
  EXPECT_EQ(FloatToHalf(-0.0f), 0x8000);
  EXPECT_EQ(FloatToHalf(1.0009765625f), 0x3c01);  // exactly representable
  EXPECT_EQ(FloatToHalf(1.00048828125f), 0x3c00);  // halfway: ties to even
}

}  // namespace
}  // namespace litescope::quant
