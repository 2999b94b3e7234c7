#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Relu6, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_RELU6, TensorType_FLOAT32, {4}, Floats{-1, 3, 7, 6});
  ExpectNear(RunValues<float>(*c), {0, 3, 6, 6});
}

TEST(Relu6, RejectsOtherTypes) {
  ExpectFloatOnly(tflite::BuiltinOperator_RELU6, "input (INT8) has 0 scales and 0 zero points");
}

TEST(Relu6, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_RELU6, .lo = -3, .hi = 9}});
}

}  // namespace
}  // namespace litescope::testing
