// LESS_EQUAL: hand-computed cases (and Prepare errors) and random cases against real TFLite, through the
// helpers all comparison tests share.
#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

TEST(LessEqual, HandComputedAndPrepareErrors) {
  testing::ExpectComparisonHandCases(tflite::BuiltinOperator_LESS_EQUAL, {{1, 1, 0}, {1, 1}, {}});
}

TEST(LessEqual, MatchesTfliteOnRandomCases) {
  testing::ExpectComparisonMatchesTflite(tflite::BuiltinOperator_LESS_EQUAL, false);
}

}  // namespace
}  // namespace litescope
