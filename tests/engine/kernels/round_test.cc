#include <gtest/gtest.h>

#include <cmath>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

const Floats kTies = {-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f, 3.5f, -3.5f};

TEST(Round, TiesGoToEven) {
  Floats x = kTies;
  x.insert(x.end(), {0.4f, -0.6f, 2.6f, 1e8f});
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_ROUND, tflite::TensorType_FLOAT32,
                            {static_cast<int32_t>(x.size())}, x);
  EXPECT_EQ(RunValues<float>(*c), (Floats{-2, -2, 0, 0, 2, 2, 4, -4, 0, -1, 3, 1e8f}));
}

TEST(Round, NegativeFractionsRoundToPositiveZeroAsInTflite) {
  // TFLite computes floor(x) + 1 for -0.4, which is +0, not the -0 of nearbyint.
  auto c =
      UnaryCase<float>("zero", tflite::BuiltinOperator_ROUND, tflite::TensorType_FLOAT32, {2}, Floats{-0.4f, -0.5f});
  std::vector<float> y = RunValues<float>(*c);
  ASSERT_EQ(y.size(), 2u);
  EXPECT_FALSE(std::signbit(y[0]));
  EXPECT_FALSE(std::signbit(y[1]));
}

TEST(Round, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_ROUND); }

TEST(Round, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_ROUND, .lo = -10, .hi = 10, .specials = kTies}});
}

}  // namespace
}  // namespace litescope::testing
