#include <gtest/gtest.h>

#include <cmath>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::BuiltinOperator_SIGN;

TEST(Sign, HandComputed) {
  auto f =
      UnaryCase<float>("float", BuiltinOperator_SIGN, tflite::TensorType_FLOAT32, {5}, Floats{-3, 0, 2.5f, -0.0f, NAN});
  EXPECT_EQ(RunValues<float>(*f), (Floats{-1, 0, 1, 0, 0}));
  auto i = UnaryCase<int32_t>("int32", BuiltinOperator_SIGN, tflite::TensorType_INT32, {3}, Ints{-9, 0, 4},
                              tflite::TensorType_INT32);
  EXPECT_EQ(RunValues<int32_t>(*i), (Ints{-1, 0, 1}));
  auto d = UnaryCase<double>("float64", BuiltinOperator_SIGN, tflite::TensorType_FLOAT64, {2},
                             std::vector<double>{-1e-300, 7}, tflite::TensorType_FLOAT64);
  EXPECT_EQ(RunValues<double>(*d), (std::vector<double>{-1, 1}));
}

TEST(Sign, RejectsOtherTypes) {
  auto i8 = UnaryCase<int8_t>("int8", BuiltinOperator_SIGN, tflite::TensorType_INT8, {1}, std::vector<int8_t>{1},
                              tflite::TensorType_INT8);
  ExpectError(*i8, "input is INT8; supported: FLOAT32, FLOAT64, INT32");
}

TEST(Sign, MatchesTfliteOnRandomCases) {
  std::vector<std::unique_ptr<OpCase>> cases = MakeRandomUnaryCases({.op = BuiltinOperator_SIGN, .specials = {0}});
  // INT32 is checked above only: the oracle's TFLite predates SIGN on INT32 (it returns garbage).
  ExpectAllMatchTflite(cases);
}

}  // namespace
}  // namespace litescope::testing
