#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;
using tflite::TensorType_INT64;
constexpr auto kOp = tflite::BuiltinOperator_FLOOR_MOD;

TEST(FloorMod, HandComputedTakesTheDivisorsSign) {
  auto f = BinaryCase<float>("float", kOp, TensorType_FLOAT32, {5}, Floats{5.5f, -5.5f, 5.5f, -5.5f, 1}, {5},
                             Floats{2, 2, -2, -2, 0}, TensorType_FLOAT32, {5});
  std::vector<float> y = RunValues<float>(*f);
  ASSERT_EQ(y.size(), 5u);
  EXPECT_EQ(y[0], 1.5f);
  EXPECT_EQ(y[1], 0.5f);
  EXPECT_EQ(y[2], -0.5f);
  EXPECT_EQ(y[3], -1.5f);
  EXPECT_TRUE(std::isnan(y[4]));  // fmod by 0; only integer zero divisors are errors
  const int32_t lowest = std::numeric_limits<int32_t>::min();
  auto i = BinaryCase<int32_t>("int32", kOp, TensorType_INT32, {5}, Ints{7, -7, 7, -7, lowest}, {5},
                               Ints{3, 3, -3, -3, -1}, TensorType_INT32, {5});
  EXPECT_EQ(RunValues<int32_t>(*i), (Ints{1, 2, -2, -1, 0}));
  auto l = BinaryCase<int64_t>("int64", kOp, TensorType_INT64, {2}, Int64s{-1, (int64_t{1} << 40) + 5}, {}, Int64s{4},
                               TensorType_INT64, {2});
  EXPECT_EQ(RunValues<int64_t>(*l), (Int64s{3, 1}));
}

TEST(FloorMod, IntegerZeroDivisorIsAnError) {
  auto i =
      BinaryCase<int64_t>("int64", kOp, TensorType_INT64, {2}, Int64s{1, 2}, {2}, Int64s{3, 0}, TensorType_INT64, {2});
  ExpectError(*i, "input 1, element 1: division by zero (integer divisors must not be 0)");
}

TEST(FloorMod, PrepareErrors) {
  auto c = BinaryCase<float>("shape", kOp, TensorType_FLOAT32, {3}, Floats(3), {2}, Floats(2), TensorType_FLOAT32, {3});
  ExpectError(*c, "input shapes [3] and [2] do not broadcast");
}

TEST(FloorMod, MatchesTfliteOnRandomCases) { ExpectFloorOpMatchesTflite(kOp); }

}  // namespace
}  // namespace litescope
