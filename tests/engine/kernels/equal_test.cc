// EQUAL: hand-computed cases (and Prepare errors) and random cases against real TFLite, through the
// helpers all comparison tests share.
#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

TEST(Equal, HandComputedAndPrepareErrors) {
  testing::ExpectComparisonHandCases(tflite::BuiltinOperator_EQUAL, {{0, 1, 0}, {1, 0}, {1, 0, 1, 0, 1}});
}

TEST(Equal, MatchesTfliteOnRandomCases) { testing::ExpectComparisonMatchesTflite(tflite::BuiltinOperator_EQUAL, true); }

}  // namespace
}  // namespace litescope
