// INT16 LOGISTIC and TANH (engine/kernels/internal/quantized_sigmoid_int16.h): values worked out
// by hand, every int16 input against real TFLite for several input scales (builtin kernels in the
// oracle: exact match), and the prepare errors.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope::testing {
namespace {

using tflite::BuiltinOperator, tflite::TensorType_INT16;

std::unique_ptr<OpCase> Sigmoid16(const std::string& name, BuiltinOperator op, const std::vector<int16_t>& x,
                                  float input_scale, float output_scale = 1.0f / 32768) {
  auto c = std::make_unique<OpCase>(name, op);
  const Shape shape = {static_cast<int32_t>(x.size())};
  c->Input<int16_t>(TensorType_INT16, shape, x, PerTensor(input_scale, 0));
  c->Output(TensorType_INT16, shape, PerTensor(output_scale, 0));
  return c;
}

std::vector<int16_t> AllInt16() {
  std::vector<int16_t> x;
  for (int v = -32768; v <= 32767; ++v) x.push_back(static_cast<int16_t>(v));
  return x;
}

TEST(QuantizedSigmoidInt16, TableByHand) {
  // Scale 1/1536 is not a power of two: the input goes to steps of 1/12288 as 8 x (multiplier
  // 16384, right shift 11). x = 64 -> 512, table entry 1 exactly (sigmoid(1/24) * 65536 ~ 33451):
  // LOGISTIC (33451 * 512 + 512) >> 10 = 16726 (0.5104 * 32768 = 16725.3); TANH x = 32 -> 256,
  // entry 1 on 8 fraction bits: (33451 * 256 - 2^23 + 128) >> 8 = 683 (tanh(1/48) * 32768 = 682.6).
  // 0 is 1/2 and 0; the ends saturate to 32767 and, below, to 1 (LOGISTIC) and -32767 (TANH).
  // Negative inputs mirror, rounded down: LOGISTIC -64 -> (2^25 - 33451 * 512 + 511) >> 10 = 16042,
  // TANH -32 -> (-33451 * 256 + 2^23 + 127) >> 8 = -683.
  auto logistic = Sigmoid16("lg", tflite::BuiltinOperator_LOGISTIC, {0, 64, 32767, -32768, -64}, 1.0f / 1536);
  EXPECT_EQ(RunValues<int16_t>(*logistic), (std::vector<int16_t>{16384, 16726, 32767, 1, 16042}));
  auto tanh = Sigmoid16("th", tflite::BuiltinOperator_TANH, {0, 32, 32767, -32768, -32}, 1.0f / 1536);
  EXPECT_EQ(RunValues<int16_t>(*tanh), (std::vector<int16_t>{0, 683, 32767, -32767, -683}));
}

TEST(QuantizedSigmoidInt16, FixedPointByHand) {
  // Scale 2^-12 (3 integer bits) takes gemmlowp's 16-bit fixed-point path: 0 -> 1/2 and 0, odd
  // symmetry (with 1 as 32767), and within a few LSB of the true values (its Taylor and
  // Newton-Raphson steps round at 16 bits): sigmoid(1) * 32768 = 23955.6, tanh(1) * 32768 = 24955.9,
  // sigmoid(8) * 32768 = 32757.
  const std::vector<int16_t> x = {0, 4096, 32767, -4096};
  auto logistic = Sigmoid16("lg", tflite::BuiltinOperator_LOGISTIC, x, 1.0f / 4096);
  const std::vector<int16_t> y = RunValues<int16_t>(*logistic);
  ASSERT_EQ(y.size(), 4u);
  EXPECT_EQ(y[0], 16384);
  EXPECT_NEAR(y[1], 23956, 8);
  EXPECT_NEAR(y[2], 32757, 8);
  EXPECT_EQ(y[1] + y[3], 32767);
  auto tanh = Sigmoid16("th", tflite::BuiltinOperator_TANH, x, 1.0f / 4096);
  const std::vector<int16_t> t = RunValues<int16_t>(*tanh);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0], 0);
  EXPECT_NEAR(t[1], 24956, 8);
  EXPECT_EQ(t[3], -t[1]);
}

TEST(QuantizedSigmoidInt16, MatchesTfliteOnEveryInput) {
  // Powers of two the fixed-point code takes (2^-12; TANH also 2^-11) and one within CheckedLog2's
  // 1e-3, powers of two it does not take, and scales that are not powers of two.
  const float scales[] = {1.0f / 4096, 1.0f / 2048, 1.0003f / 4096, 1.0f / 1024, 1.0f / 65536, 0.001f,
                          0.0003f,     1.0f / 3000, 0.01f,          0.1234f,     1.0f,          3.0f};
  std::vector<std::unique_ptr<OpCase>> cases;
  const std::vector<int16_t> x = AllInt16();
  for (float s : scales) {
    cases.push_back(Sigmoid16("lg16_" + std::to_string(cases.size()), tflite::BuiltinOperator_LOGISTIC, x, s));
    cases.push_back(Sigmoid16("th16_" + std::to_string(cases.size()), tflite::BuiltinOperator_TANH, x, s));
  }
  ExpectMatchesTflite(cases, 0);
}

TEST(QuantizedSigmoidInt16, RejectsBadQuantization) {
  auto wrong_output = Sigmoid16("lg", tflite::BuiltinOperator_LOGISTIC, {1, 2}, 0.001f, 1.0f / 256);
  ExpectError(*wrong_output, "INT16 LOGISTIC must have scale 1/32768");
  auto wrong_tanh_output = Sigmoid16("th", tflite::BuiltinOperator_TANH, {1, 2}, 0.001f, 1.0f / 16384);
  ExpectError(*wrong_tanh_output, "INT16 TANH must have scale 1/32768");
  auto too_large = Sigmoid16("big", tflite::BuiltinOperator_TANH, {1, 2}, 10.0f);
  ExpectError(*too_large, "input scale 10.000000 is too large for INT16 TANH");
  auto zero_point = std::make_unique<OpCase>("zp", tflite::BuiltinOperator_LOGISTIC);
  zero_point->Input<int16_t>(TensorType_INT16, {2}, {1, 2}, PerTensor(0.001f, 3));
  zero_point->Output(TensorType_INT16, {2}, PerTensor(1.0f / 32768, 0));
  ExpectError(*zero_point, "zero point 3 is not 0");
}

}  // namespace
}  // namespace litescope::testing
