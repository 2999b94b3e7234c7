#include <gtest/gtest.h>

#include "tests/engine/kernels/arg_min_max_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers

TEST(ArgMin, GivesTheFirstIndexOfTheSmallest) {
  // Columns of [[1, 5, 5], [1, 2, 7]]: a tie in column 0 keeps index 0.
  OpCase c("columns", tflite::BuiltinOperator_ARG_MIN, ArgOptions<tflite::ArgMinOptionsT>(tflite::TensorType_INT64));
  c.Input<float>(tflite::TensorType_FLOAT32, {2, 3}, {1, 5, 5, 1, 2, 7});
  c.ConstInput<int64_t>(tflite::TensorType_INT64, {1}, {0});
  c.Output(tflite::TensorType_INT64, {3});
  EXPECT_EQ(RunValues<int64_t>(c), (std::vector<int64_t>{0, 1, 0}));
}

TEST(ArgMin, RejectsBadAxesAndOutputTypes) {
  ExpectArgRejectsBadAxesAndOutputTypes<tflite::ArgMinOptionsT>(tflite::BuiltinOperator_ARG_MIN);
}

TEST(ArgMin, MatchesTfliteOnRandomCases) {
  ExpectArgMatchesTflite<tflite::ArgMinOptionsT>(tflite::BuiltinOperator_ARG_MIN, "arg_min");
}

}  // namespace
}  // namespace litescope
