#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

OptionsFactory Approximate(bool approximate) { return OptionsWith(&tflite::GeluOptionsT::approximate, approximate); }

TEST(Gelu, HandComputedErfForm) {
  // 0.5 x (1 + erf(x / sqrt(2))): the standard normal CDF times x.
  auto c = UnaryCase<float>("erf", tflite::BuiltinOperator_GELU, tflite::TensorType_FLOAT32, {4}, Floats{0, 1, -1, 2},
                            tflite::TensorType_FLOAT32, Approximate(false)());
  ExpectNear(RunValues<float>(*c), {0, 0.8413447461f, -0.1586552539f, 1.9544997361f});
}

TEST(Gelu, HandComputedTanhForm) {
  // 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))
  auto c = UnaryCase<float>("tanh", tflite::BuiltinOperator_GELU, tflite::TensorType_FLOAT32, {3}, Floats{0, 1, -1},
                            tflite::TensorType_FLOAT32, Approximate(true)());
  ExpectNear(RunValues<float>(*c), {0, 0.8411919906f, -0.1588080094f});
}

TEST(Gelu, RejectsOtherTypes) { ExpectFloatOnly(tflite::BuiltinOperator_GELU); }

TEST(Gelu, MatchesTfliteOnRandomCases) {
  ExpectUnaryMatchesTflite(
      {{.op = tflite::BuiltinOperator_GELU, .options = Approximate(false), .lo = -6, .hi = 6, .tag = "_erf"},
       {.op = tflite::BuiltinOperator_GELU, .options = Approximate(true), .lo = -6, .hi = 6, .tag = "_tanh"}});
}

}  // namespace
}  // namespace litescope::testing
