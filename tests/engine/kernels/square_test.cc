#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Square, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_SQUARE, TensorType_FLOAT32, {3}, Floats{-3, 1.5f, 0});
  ExpectNear(RunValues<float>(*c), {9, 2.25f, 0});
}

TEST(Square, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_SQUARE); }

TEST(Square, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_SQUARE, .lo = -20, .hi = 20}});
}

}  // namespace
}  // namespace litescope::testing
