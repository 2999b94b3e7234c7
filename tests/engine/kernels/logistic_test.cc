#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

TEST(Logistic, HandComputed) {
  // Above 16.619 TFLite returns exactly 1; below -9 it returns exp(x).
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_LOGISTIC, tflite::TensorType_FLOAT32, {5},
                            Floats{0, 1, -1, 20, -20});
  std::vector<float> y = RunValues<float>(*c);
  ExpectNear(y, {0.5f, 0.7310585786f, 0.2689414214f, 1, 0});
  ASSERT_EQ(y.size(), 5u);
  EXPECT_EQ(y[3], 1.0f);
  EXPECT_FLOAT_EQ(y[4], 2.0611536224e-9f);
}

TEST(Logistic, RejectsOtherTypes) {
  ExpectFloatOnly(tflite::BuiltinOperator_LOGISTIC, "input (INT8) has 0 scales and 0 zero points");
}

TEST(Logistic, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_LOGISTIC, .lo = -20, .hi = 20, .specials = {0, -9.5f, 17}}});
}

}  // namespace
}  // namespace litescope::testing
