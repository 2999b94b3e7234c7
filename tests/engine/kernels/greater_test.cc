// GREATER: hand-computed cases (and Prepare errors) and random cases against real TFLite, through the
// helpers all comparison tests share.
#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

TEST(Greater, HandComputedAndPrepareErrors) {
  testing::ExpectComparisonHandCases(tflite::BuiltinOperator_GREATER, {{0, 0, 1}, {0, 0}, {}});
}

TEST(Greater, MatchesTfliteOnRandomCases) {
  testing::ExpectComparisonMatchesTflite(tflite::BuiltinOperator_GREATER, false);
}

}  // namespace
}  // namespace litescope
