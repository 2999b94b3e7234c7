#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(ReluN1To1, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_RELU_N1_TO_1, TensorType_FLOAT32, {4},
                            Floats{-2, 0.5f, 3, -0.75f});
  ExpectNear(RunValues<float>(*c), {-1, 0.5f, 1, -0.75f});
}

TEST(ReluN1To1, RejectsOtherTypes) {
  ExpectFloatOnly(tflite::BuiltinOperator_RELU_N1_TO_1, "input (INT8) has 0 scales and 0 zero points");
}

TEST(ReluN1To1, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_RELU_N1_TO_1, .lo = -2, .hi = 2}});
}

}  // namespace
}  // namespace litescope::testing
