#include <gtest/gtest.h>

#include <limits>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::BuiltinOperator_ABS;

TEST(Abs, HandComputedFloat) {
  auto c = UnaryCase<float>("float", BuiltinOperator_ABS, tflite::TensorType_FLOAT32, {4}, Floats{-1.5f, 0, 2, -0.0f});
  EXPECT_EQ(RunValues<float>(*c), (Floats{1.5f, 0, 2, 0}));
}

TEST(Abs, IntegersKeepTheMostNegativeValue) {
  constexpr int32_t kMin32 = std::numeric_limits<int32_t>::min();
  auto i32 = UnaryCase<int32_t>("int32", BuiltinOperator_ABS, tflite::TensorType_INT32, {4}, Ints{-7, 0, 5, kMin32},
                                tflite::TensorType_INT32);
  EXPECT_EQ(RunValues<int32_t>(*i32), (Ints{7, 0, 5, kMin32}));
  using I16 = std::vector<int16_t>;
  auto i16 = UnaryCase<int16_t>("int16", BuiltinOperator_ABS, tflite::TensorType_INT16, {3}, I16{-3, 32767, -32768},
                                tflite::TensorType_INT16);
  EXPECT_EQ(RunValues<int16_t>(*i16), (I16{3, 32767, -32768}));
}

TEST(Abs, RejectsQuantizedAndUnsupportedTypes) {
  auto quantized = std::make_unique<OpCase>("q16", BuiltinOperator_ABS);
  QuantParams q{.scale = {0.5f}, .zero_point = {0}};
  quantized->Input<int16_t>(tflite::TensorType_INT16, {2}, {1, -2}, q);
  quantized->Output(tflite::TensorType_INT16, {2}, q);
  ExpectError(*quantized, "quantized INT16 input is not implemented yet");
  auto i64 = UnaryCase<int64_t>("int64", BuiltinOperator_ABS, tflite::TensorType_INT64, {1}, Int64s{-1},
                                tflite::TensorType_INT64);
  ExpectError(*i64, "input is INT64; supported: FLOAT32, INT32, INT16");
}

// The oracle's TFLite predates ABS on INT32 (it refuses the model), so only float32 is compared;
// the integer semantics are checked above.
TEST(Abs, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = BuiltinOperator_ABS, .specials = {0, -0.0f}}});
}

}  // namespace
}  // namespace litescope::testing
