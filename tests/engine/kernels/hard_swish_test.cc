#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(HardSwish, HandComputed) {
  auto c =
      UnaryCase<float>("hand", tflite::BuiltinOperator_HARD_SWISH, TensorType_FLOAT32, {5}, Floats{-4, -1, 0, 1, 4});
  ExpectNear(RunValues<float>(*c), {0, -1.0f / 3, 0, 2.0f / 3, 4});
}

TEST(HardSwish, RejectsOtherTypes) {
  ExpectFloatOnly(tflite::BuiltinOperator_HARD_SWISH, "input (INT8) has 0 scales and 0 zero points");
}

TEST(HardSwish, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_HARD_SWISH, .lo = -5, .hi = 5}});
}

}  // namespace
}  // namespace litescope::testing
