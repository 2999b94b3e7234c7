// NOT_EQUAL: hand-computed cases (and Prepare errors) and random cases against real TFLite, through the
// helpers all comparison tests share.
#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

TEST(NotEqual, HandComputedAndPrepareErrors) {
  testing::ExpectComparisonHandCases(tflite::BuiltinOperator_NOT_EQUAL, {{1, 0, 1}, {0, 1}, {0, 1, 0, 1, 0}});
}

TEST(NotEqual, MatchesTfliteOnRandomCases) {
  testing::ExpectComparisonMatchesTflite(tflite::BuiltinOperator_NOT_EQUAL, true);
}

}  // namespace
}  // namespace litescope
