#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Ceil, HandComputed) {
  auto c =
      UnaryCase<float>("hand", tflite::BuiltinOperator_CEIL, TensorType_FLOAT32, {4}, Floats{-1.5f, 1.2f, 3, 0.25f});
  ExpectNear(RunValues<float>(*c), {-1, 2, 3, 1});
}

TEST(Ceil, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_CEIL); }

TEST(Ceil, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite(
      {{.op = tflite::BuiltinOperator_CEIL, .lo = -10, .hi = 10, .specials = {-2, -1.5f, 0, 0.5f}}});
}

}  // namespace
}  // namespace litescope::testing
