#include <gtest/gtest.h>

#include <limits>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::BuiltinOperator_NEG;

TEST(Neg, HandComputed) {
  auto f = UnaryCase<float>("float", BuiltinOperator_NEG, tflite::TensorType_FLOAT32, {3}, Floats{1, -2.5f, 0});
  EXPECT_EQ(RunValues<float>(*f), (Floats{-1, 2.5f, -0.0f}));
  constexpr int32_t kMin32 = std::numeric_limits<int32_t>::min();
  auto i32 = UnaryCase<int32_t>("int32", BuiltinOperator_NEG, tflite::TensorType_INT32, {3}, Ints{5, -7, kMin32},
                                tflite::TensorType_INT32);
  EXPECT_EQ(RunValues<int32_t>(*i32), (Ints{-5, 7, kMin32}));  // the most negative value wraps to itself
  constexpr int64_t kBig = int64_t{1} << 40;
  auto i64 = UnaryCase<int64_t>("int64", BuiltinOperator_NEG, tflite::TensorType_INT64, {2}, Int64s{kBig, -3},
                                tflite::TensorType_INT64);
  EXPECT_EQ(RunValues<int64_t>(*i64), (Int64s{-kBig, 3}));
}

TEST(Neg, RejectsOtherTypes) {
  auto i16 = UnaryCase<int16_t>("int16", BuiltinOperator_NEG, tflite::TensorType_INT16, {1}, std::vector<int16_t>{1},
                                tflite::TensorType_INT16);
  ExpectError(*i16, "input is INT16; supported: FLOAT32, INT32, INT64");
  auto mixed = UnaryCase<int32_t>("mixed", BuiltinOperator_NEG, tflite::TensorType_INT32, {1}, Ints{1},
                                  tflite::TensorType_INT64);
  ExpectError(*mixed, "output is INT64; it must be INT32 like the input");
}

TEST(Neg, MatchesTfliteOnRandomCases) {
  std::vector<std::unique_ptr<OpCase>> cases = MakeRandomUnaryCases({.op = BuiltinOperator_NEG});
  cases.push_back(UnaryCase<int32_t>("neg_int32", BuiltinOperator_NEG, tflite::TensorType_INT32, {3, 5},
                                     RandomInts<int32_t>(15, 4, -1000000, 1000000), tflite::TensorType_INT32));
  // INT64 is checked above only: the oracle's runner cannot feed or read INT64 graph tensors.
  ExpectAllMatchTflite(cases);
}

}  // namespace
}  // namespace litescope::testing
