#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

OptionsFactory Alpha(float alpha) { return OptionsWith(&tflite::LeakyReluOptionsT::alpha, alpha); }

TEST(LeakyRelu, HandComputed) {
  auto c = UnaryCase<float>("hand", tflite::BuiltinOperator_LEAKY_RELU, tflite::TensorType_FLOAT32, {3},
                            Floats{-2, 0, 3}, tflite::TensorType_FLOAT32, Alpha(0.2f)());
  ExpectNear(RunValues<float>(*c), {-0.4f, 0, 3});
  // Without an options table alpha is 0, as in TFLite.
  auto bare =
      UnaryCase<float>("bare", tflite::BuiltinOperator_LEAKY_RELU, tflite::TensorType_FLOAT32, {2}, Floats{-2, 3});
  ExpectNear(RunValues<float>(*bare), {0, 3});
}

TEST(LeakyRelu, RejectsOtherTypes) {
  ExpectFloatOnly(tflite::BuiltinOperator_LEAKY_RELU, "input (INT8) has 0 scales and 0 zero points");
}

TEST(LeakyRelu, MatchesTfliteOnRandomCases) {
  std::vector<RandomUnary> specs;
  for (float alpha : {0.2f, 0.0f, -0.5f, 1.5f}) {
    specs.push_back({.op = tflite::BuiltinOperator_LEAKY_RELU,
                     .options = Alpha(alpha),
                     .specials = {0},
                     .tag = "_alpha" + std::to_string(alpha)});
  }
  ExpectUnaryMatchesTflite(specs);
}

}  // namespace
}  // namespace litescope::testing
