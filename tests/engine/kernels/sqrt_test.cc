#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Sqrt, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_SQRT, TensorType_FLOAT32, {4}, Floats{4, 2, 0, 0.25f});
  ExpectNear(RunValues<float>(*c), {2, 1.4142135624f, 0, 0.5f});
}

TEST(Sqrt, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_SQRT); }

TEST(Sqrt, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_SQRT, .lo = 0, .hi = 50, .specials = {0}}});
}

}  // namespace
}  // namespace litescope::testing
