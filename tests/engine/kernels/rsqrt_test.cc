#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Rsqrt, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_RSQRT, TensorType_FLOAT32, {3}, Floats{4, 0.25f, 100});
  ExpectNear(RunValues<float>(*c), {0.5f, 2, 0.1f});
}

TEST(Rsqrt, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_RSQRT); }

TEST(Rsqrt, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_RSQRT, .lo = 0.01f, .hi = 50}});
}

}  // namespace
}  // namespace litescope::testing
