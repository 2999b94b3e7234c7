#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32;

TEST(Sin, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_SIN, TensorType_FLOAT32, {4},
                            Floats{0, 1.5707963268f, -1.5707963268f, 3.1415926536f});
  ExpectNear(RunValues<float>(*c), {0, 1, -1, 0});
}

TEST(Sin, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_SIN); }

TEST(Sin, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite({{.op = tflite::BuiltinOperator_SIN, .lo = -10, .hi = 10}});
}

}  // namespace
}  // namespace litescope::testing
