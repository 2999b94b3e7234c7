#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Exp, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_EXP, TensorType_FLOAT32, {4}, Floats{0, 1, -1, 2});
  ExpectNear(RunValues<float>(*c), {1, 2.7182818285f, 0.3678794412f, 7.3890560989f});
}

TEST(Exp, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_EXP); }

TEST(Exp, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_EXP, .lo = -8, .hi = 8}});
}

}  // namespace
}  // namespace litescope::testing
