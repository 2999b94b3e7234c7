#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Elu, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_ELU, TensorType_FLOAT32, {4}, Floats{-1, 0, 2, -20});
  ExpectNear(RunValues<float>(*c), {-0.6321205588f, 0, 2, -1});
}

TEST(Elu, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_ELU); }

TEST(Elu, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_ELU, .lo = -5, .hi = 3}});
}

}  // namespace
}  // namespace litescope::testing
