// GREATER_EQUAL: hand-computed cases (and Prepare errors) and random cases against real TFLite, through the
// helpers all comparison tests share.
#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

TEST(GreaterEqual, HandComputedAndPrepareErrors) {
  testing::ExpectComparisonHandCases(tflite::BuiltinOperator_GREATER_EQUAL, {{0, 1, 1}, {1, 0}, {}});
}

TEST(GreaterEqual, MatchesTfliteOnRandomCases) {
  testing::ExpectComparisonMatchesTflite(tflite::BuiltinOperator_GREATER_EQUAL, false);
}

}  // namespace
}  // namespace litescope
