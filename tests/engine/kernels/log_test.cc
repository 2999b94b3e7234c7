#include <gtest/gtest.h>

#include <cmath>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

TEST(Log, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_LOG, tflite::TensorType_FLOAT32, {5},
                            Floats{1, 2.7182818285f, 0.5f, 0, -1});
  std::vector<float> y = RunValues<float>(*c);
  ASSERT_EQ(y.size(), 5u);
  ExpectNear({y[0], y[1], y[2]}, {0, 1, -0.6931471806f});
  EXPECT_EQ(y[3], -INFINITY);
  EXPECT_TRUE(std::isnan(y[4]));
}

TEST(Log, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_LOG); }

TEST(Log, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_LOG, .lo = 0.001f, .hi = 100, .specials = {1, 0}}});
}

}  // namespace
}  // namespace litescope::testing
