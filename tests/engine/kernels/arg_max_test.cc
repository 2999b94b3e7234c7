#include <gtest/gtest.h>

#include "tests/engine/kernels/arg_min_max_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers

TEST(ArgMax, GivesTheFirstIndexOfTheLargest) {
  OpCase c("rows", tflite::BuiltinOperator_ARG_MAX, ArgOptions<tflite::ArgMaxOptionsT>(tflite::TensorType_INT32));
  c.Input<float>(tflite::TensorType_FLOAT32, {2, 3}, {1, 5, 5, 7, 2, 7});
  c.ConstInput<int32_t>(tflite::TensorType_INT32, {1}, {-1});
  c.Output(tflite::TensorType_INT32, {2});
  EXPECT_EQ(RunValues<int32_t>(c), (std::vector<int32_t>{1, 0}));
}

TEST(ArgMax, RejectsBadAxesAndOutputTypes) {
  ExpectArgRejectsBadAxesAndOutputTypes<tflite::ArgMaxOptionsT>(tflite::BuiltinOperator_ARG_MAX);
}

TEST(ArgMax, MatchesTfliteOnRandomCases) {
  ExpectArgMatchesTflite<tflite::ArgMaxOptionsT>(tflite::BuiltinOperator_ARG_MAX, "arg_max");
}

}  // namespace
}  // namespace litescope
