#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Floor, HandComputed) {
  auto c =
      UnaryCase<float>("hand", tflite::BuiltinOperator_FLOOR, TensorType_FLOAT32, {4}, Floats{-1.5f, 1.2f, 3, -0.25f});
  ExpectNear(RunValues<float>(*c), {-2, 1, 3, -1});
}

TEST(Floor, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_FLOOR); }

TEST(Floor, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite(
      {{.op = tflite::BuiltinOperator_FLOOR, .lo = -10, .hi = 10, .specials = {-2, -1.5f, 0, 0.5f}}});
}

}  // namespace
}  // namespace litescope::testing
