#include <gtest/gtest.h>

#include <limits>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;
using tflite::TensorType_INT64;
constexpr auto kOp = tflite::BuiltinOperator_FLOOR_DIV;

TEST(FloorDiv, HandComputedRoundsTowardMinusInfinity) {
  auto f = BinaryCase<float>("float", kOp, TensorType_FLOAT32, {4}, Floats{7, -7, 7, -7.5f}, {4}, Floats{2, 2, -2, -2},
                             TensorType_FLOAT32, {4});
  EXPECT_EQ(RunValues<float>(*f), (Floats{3, -4, -4, 3}));
  // lowest / -1 = 2^31 saturates to max.
  const int32_t lowest = std::numeric_limits<int32_t>::min();
  auto i = BinaryCase<int32_t>("int32", kOp, TensorType_INT32, {5}, Ints{7, -7, 7, -7, lowest}, {5},
                               Ints{2, 2, -2, -2, -1}, TensorType_INT32, {5});
  EXPECT_EQ(RunValues<int32_t>(*i), (Ints{3, -4, -4, 3, std::numeric_limits<int32_t>::max()}));
  auto l = BinaryCase<int64_t>("int64", kOp, TensorType_INT64, {2}, Int64s{-1, int64_t{1} << 40}, {}, Int64s{3},
                               TensorType_INT64, {2});
  EXPECT_EQ(RunValues<int64_t>(*l), (Int64s{-1, 366503875925}));
}

TEST(FloorDiv, ZeroDivisorIsAnErrorForEveryType) {
  auto f = BinaryCase<float>("float", kOp, TensorType_FLOAT32, {2}, Floats{1, 2}, {2}, Floats{1, -0.0f},
                             TensorType_FLOAT32, {2});
  ExpectError(*f, "input 1, element 1: division by zero");
  auto i = BinaryCase<int32_t>("int32", kOp, TensorType_INT32, {2}, Ints{1, 2}, {}, Ints{0}, TensorType_INT32, {2}, {},
                               /*const_b=*/true);
  ExpectError(*i, "input 1, element 0: division by zero");
}

TEST(FloorDiv, PrepareErrors) {
  auto c = BinaryCase<int16_t>("int16", kOp, tflite::TensorType_INT16, {1}, std::vector<int16_t>{1}, {1},
                               std::vector<int16_t>{1}, tflite::TensorType_INT16, {1});
  ExpectError(*c, "input 0 is INT16; quantized INT16 is not implemented yet; supported: FLOAT32, INT32, INT64");
}

TEST(FloorDiv, MatchesTfliteOnRandomCases) { ExpectFloorOpMatchesTflite(kOp); }

}  // namespace
}  // namespace litescope
