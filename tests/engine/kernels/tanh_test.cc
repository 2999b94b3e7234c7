#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Tanh, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_TANH, TensorType_FLOAT32, {4}, Floats{0, 1, -1, 10});
  ExpectNear(RunValues<float>(*c), {0, 0.7615941560f, -0.7615941560f, 1});
}

TEST(Tanh, RejectsOtherTypes) {
  ExpectFloatOnly(tflite::BuiltinOperator_TANH, "input (INT8) has 0 scales and 0 zero points");
}

TEST(Tanh, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_TANH, .lo = -6, .hi = 6}});
}

}  // namespace
}  // namespace litescope::testing
