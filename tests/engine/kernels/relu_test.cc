#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Relu, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_RELU, TensorType_FLOAT32, {4}, Floats{-1, 0, 2.5f, -0.25f});
  ExpectNear(RunValues<float>(*c), {0, 0, 2.5f, 0});
}

TEST(Relu, RejectsOtherTypes) {
  ExpectFloatOnly(tflite::BuiltinOperator_RELU, "input (INT8) has 0 scales and 0 zero points");
}

TEST(Relu, MatchesTfliteOnRandomCases) { ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_RELU}}); }

}  // namespace
}  // namespace litescope::testing
