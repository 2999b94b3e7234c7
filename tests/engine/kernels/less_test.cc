// LESS: hand-computed cases (and Prepare errors) and random cases against real TFLite, through the
// helpers all comparison tests share.
#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

TEST(Less, HandComputedAndPrepareErrors) {
  testing::ExpectComparisonHandCases(tflite::BuiltinOperator_LESS, {{1, 0, 0}, {0, 1}, {}});
}

TEST(Less, MatchesTfliteOnRandomCases) { testing::ExpectComparisonMatchesTflite(tflite::BuiltinOperator_LESS, false); }

}  // namespace
}  // namespace litescope
