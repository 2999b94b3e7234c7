#include <gtest/gtest.h>

#include <cmath>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::BuiltinOperator_DEQUANTIZE;
using tflite::TensorType_FLOAT32;

template <typename T>
std::unique_ptr<OpCase> DequantizeCase(const std::string& name, tflite::TensorType type, Shape shape,
                                       const std::vector<T>& values, const QuantParams& q, bool constant) {
  auto c = std::make_unique<OpCase>(name, BuiltinOperator_DEQUANTIZE);
  if (constant)
    c->ConstInput<T>(type, shape, values, q);
  else
    c->Input<T>(type, shape, values, q);
  c->Output(TensorType_FLOAT32, std::move(shape));
  return c;
}

TEST(Dequantize, ConstantFloat16Weights) {
  // 1, -2, the smallest subnormal 2^-24, infinity, and 0x3555 = 0.333251953125.
  auto c = DequantizeCase<uint16_t>("f16", tflite::TensorType_FLOAT16, {5}, {0x3C00, 0xC000, 0x0001, 0x7C00, 0x3555},
                                    {}, true);
  EXPECT_EQ(RunValues<float>(*c), (Floats{1, -2, 5.9604644775390625e-8f, INFINITY, 0.333251953125f}));
}

TEST(Dequantize, PerTensor) {
  auto i8 = DequantizeCase<int8_t>("int8", tflite::TensorType_INT8, {4}, {-1, 1, 127, -128},
                                   {.scale = {0.5f}, .zero_point = {-1}}, false);
  EXPECT_EQ(RunValues<float>(*i8), (Floats{0, 1, 64, -63.5f}));
  auto u8 = DequantizeCase<uint8_t>("uint8", tflite::TensorType_UINT8, {3}, {128, 132, 0},
                                    {.scale = {0.25f}, .zero_point = {128}}, true);
  EXPECT_EQ(RunValues<float>(*u8), (Floats{0, 1, -32}));
  auto i16 = DequantizeCase<int16_t>("int16", tflite::TensorType_INT16, {2}, {1000, -32768},
                                     {.scale = {0.001f}, .zero_point = {0}}, false);
  ExpectNear(RunValues<float>(*i16), {1, -32.768f}, 1e-5f);
}

TEST(Dequantize, PerChannelInt8Weights) {
  // Shape [2, 3] quantized along dimension 0 (scales 0.1 and 2, zero points 0 and 1), and
  // along dimension 1 (scales 1, 2, 4).
  auto rows = DequantizeCase<int8_t>("rows", tflite::TensorType_INT8, {2, 3}, {10, 20, -10, 1, 2, 0},
                                     {.scale = {0.1f, 2}, .zero_point = {0, 1}, .quantized_dimension = 0}, true);
  ExpectNear(RunValues<float>(*rows), {1, 2, -1, 0, 2, -2});
  auto cols = DequantizeCase<int8_t>("cols", tflite::TensorType_INT8, {2, 3}, {1, 1, 1, -1, 2, 3},
                                     {.scale = {1, 2, 4}, .zero_point = {0, 0, 0}, .quantized_dimension = 1}, true);
  EXPECT_EQ(RunValues<float>(*cols), (Floats{1, 2, 4, -1, 4, 12}));
}

TEST(Dequantize, RejectsBadQuantizationAndTypes) {
  auto none = DequantizeCase<int8_t>("none", tflite::TensorType_INT8, {2}, {1, 2}, {}, false);
  ExpectError(*none, "INT8 input has no quantization scale");
  auto count = DequantizeCase<int8_t>("count", tflite::TensorType_INT8, {2, 3}, std::vector<int8_t>(6, 1),
                                      {.scale = {1, 2, 3}, .zero_point = {0, 0, 0}, .quantized_dimension = 0}, true);
  ExpectError(*count, "3 per-channel scales but dimension 0 has size 2");  // refused when the model loads
  auto i16 = DequantizeCase<int16_t>("i16pc", tflite::TensorType_INT16, {2}, {1, 2},
                                     {.scale = {1, 2}, .zero_point = {0, 0}}, true);
  ExpectError(*i16, "per-channel INT16 input is not supported");
  auto zp =
      DequantizeCase<uint8_t>("zp", tflite::TensorType_UINT8, {1}, {1}, {.scale = {1}, .zero_point = {300}}, false);
  ExpectError(*zp, "zero point 300 is out of range for UINT8");
  auto zp16 =
      DequantizeCase<int16_t>("zp16", tflite::TensorType_INT16, {1}, {1}, {.scale = {1}, .zero_point = {-7}}, false);
  ExpectError(*zp16, "INT16 zero point -7 is not 0");
  auto f32 = DequantizeCase<float>("f32", TensorType_FLOAT32, {1}, {1}, {}, false);
  ExpectError(*f32, "input is FLOAT32; supported: INT8, UINT8, INT16, FLOAT16");
  auto out = std::make_unique<OpCase>("out", BuiltinOperator_DEQUANTIZE);
  out->Input<int8_t>(tflite::TensorType_INT8, {1}, {1}, {.scale = {1}, .zero_point = {0}});
  out->Output(tflite::TensorType_FLOAT16, {1});
  ExpectError(*out, "output is FLOAT16; it must be FLOAT32");
}

// Only graph inputs are compared: the oracle's XNNPACK delegate takes over a DEQUANTIZE of a
// constant and then fails when nothing consumes it ("failed to setup XNNPACK runtime"), and its
// runner cannot feed FLOAT16. Constant and FLOAT16 inputs are checked by hand above.
TEST(Dequantize, MatchesTfliteOnRandomCases) {
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 70;
  auto name = [&] { return "dequantize_" + std::to_string(cases.size()); };
  cases.push_back(DequantizeCase<int8_t>(name(), tflite::TensorType_INT8, {2, 3, 5},
                                         RandomInts<int8_t>(30, seed++, -128, 127),
                                         {.scale = {0.037f}, .zero_point = {-5}}, false));
  cases.push_back(DequantizeCase<uint8_t>(name(), tflite::TensorType_UINT8, {4, 7},
                                          RandomInts<uint8_t>(28, seed++, 0, 255),
                                          {.scale = {0.11f}, .zero_point = {131}}, false));
  cases.push_back(DequantizeCase<int16_t>(name(), tflite::TensorType_INT16, {3, 9},
                                          RandomInts<int16_t>(27, seed++, -32768, 32767),
                                          {.scale = {0.00041f}, .zero_point = {0}}, false));
  cases.push_back(DequantizeCase<int16_t>(name(), tflite::TensorType_INT16, {1, 1, 11},
                                          RandomInts<int16_t>(11, seed++, -32768, 32767),
                                          {.scale = {3.5f}, .zero_point = {0}}, false));
  // Per channel: along the first and the last dimension (INT8), and the middle one (UINT8).
  cases.push_back(DequantizeCase<int8_t>(
      name(), tflite::TensorType_INT8, {4, 3, 3, 2}, RandomInts<int8_t>(72, seed++, -127, 127),
      {.scale = {0.01f, 0.2f, 3, 0.07f}, .zero_point = {0, 0, 0, 0}, .quantized_dimension = 0}, false));
  cases.push_back(DequantizeCase<int8_t>(
      name(), tflite::TensorType_INT8, {1, 3, 3, 5}, RandomInts<int8_t>(45, seed++, -127, 127),
      {.scale = {0.5f, 0.25f, 0.1f, 0.3f, 0.9f}, .zero_point = {0, 1, -2, 3, 0}, .quantized_dimension = 3}, false));
  cases.push_back(DequantizeCase<uint8_t>(
      name(), tflite::TensorType_UINT8, {2, 3, 4}, RandomInts<uint8_t>(24, seed++, 0, 255),
      {.scale = {0.5f, 0.02f, 1.5f}, .zero_point = {128, 100, 3}, .quantized_dimension = 1}, false));
  ExpectAllMatchTflite(cases);
}

}  // namespace
}  // namespace litescope::testing
