#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
using tflite::TensorType_FLOAT32;
constexpr auto kOp = tflite::BuiltinOperator_MAXIMUM;

TEST(Maximum, HandComputed) {
  auto f = BinaryCase<float>("float", kOp, TensorType_FLOAT32, {2, 2}, Floats{1, -1, 5, 2}, {2}, Floats{3, 2},
                             TensorType_FLOAT32, {2, 2});
  EXPECT_EQ(RunValues<float>(*f), (Floats{3, 2, 5, 2}));
  // int8 compares raw values, as TFLite does.
  auto q = BinaryCase<int8_t>("int8", kOp, tflite::TensorType_INT8, {3}, std::vector<int8_t>{-1, -7, 100}, {3},
                              std::vector<int8_t>{-3, 7, -128}, tflite::TensorType_INT8, {3});
  EXPECT_EQ(RunValues<int8_t>(*q), (std::vector<int8_t>{-1, 7, 100}));
}

TEST(Maximum, RejectsBoolAndMatchesTfliteOnRandomCases) { ExpectMaxMinMatchesTflite(kOp); }

}  // namespace
}  // namespace litescope
