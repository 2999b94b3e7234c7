#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Relu0To1, HandComputed) {
  auto c =
      UnaryCase<float>("hand", tflite::BuiltinOperator_RELU_0_TO_1, TensorType_FLOAT32, {4}, Floats{-2, 0.5f, 3, 1});
  ExpectNear(RunValues<float>(*c), {0, 0.5f, 1, 1});
}

TEST(Relu0To1, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_RELU_0_TO_1); }

TEST(Relu0To1, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_RELU_0_TO_1, .lo = -1, .hi = 2}});
}

}  // namespace
}  // namespace litescope::testing
