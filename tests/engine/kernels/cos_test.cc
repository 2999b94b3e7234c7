#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Cos, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_COS, TensorType_FLOAT32, {3},
                            Floats{0, 3.1415926536f, 1.0471975512f});
  ExpectNear(RunValues<float>(*c), {1, -1, 0.5f});
}

TEST(Cos, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_COS); }

TEST(Cos, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_COS, .lo = -10, .hi = 10}});
}

}  // namespace
}  // namespace litescope::testing
