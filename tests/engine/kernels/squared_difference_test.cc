#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;
constexpr auto kOp = tflite::BuiltinOperator_SQUARED_DIFFERENCE;

TEST(SquaredDifference, HandComputed) {
  auto f = BinaryCase<float>("float", kOp, TensorType_FLOAT32, {2, 2}, Floats{1, -2, 3, 0.5f}, {2}, Floats{3, 1},
                             TensorType_FLOAT32, {2, 2});
  EXPECT_EQ(RunValues<float>(*f), (Floats{4, 9, 0, 0.25f}));
  // 65536^2 = 2^32 wraps to 0.
  auto i = BinaryCase<int32_t>("int32", kOp, TensorType_INT32, {3}, Ints{-4, 65536, 7}, {3}, Ints{3, 0, 7},
                               TensorType_INT32, {3});
  EXPECT_EQ(RunValues<int32_t>(*i), (Ints{49, 0, 0}));
}

TEST(SquaredDifference, PrepareErrors) {
  auto c = BinaryCase<int8_t>("int8", kOp, tflite::TensorType_INT8, {1}, std::vector<int8_t>{1}, {1},
                              std::vector<int8_t>{1}, tflite::TensorType_INT8, {1});
  ExpectError(*c, "quantized INT8 is not implemented yet");
}

TEST(SquaredDifference, MatchesTfliteOnRandomCases) {
  RandomBinary f{kOp, TensorType_FLOAT32};
  f.rank5 = true;  // TFLite (XNNPACK) broadcasts float past rank 4; its INT32 kernel aborts there
  ExpectRandomMatchTflite({f, {kOp, TensorType_INT32, TensorType_INT32, {}, -50, 50}});
}

}  // namespace
}  // namespace litescope
