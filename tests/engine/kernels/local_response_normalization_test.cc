#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::BuiltinOperator_LOCAL_RESPONSE_NORMALIZATION;

OptionsFactory Lrn(int radius, float bias, float alpha, float beta) {
  return [=] {
    tflite::LocalResponseNormalizationOptionsT o;
    o.radius = radius;
    o.bias = bias;
    o.alpha = alpha;
    o.beta = beta;
    return Options(o);
  };
}

TEST(LocalResponseNormalization, HandComputedSymmetricWindow) {
  // radius 1: channel c sums the squares of channels c-1..c+1 that exist.
  // [1, 2, 3]: sums 5, 14, 13; y = x / (1 + sum).
  auto c = UnaryCase<float>("hand", BuiltinOperator_LOCAL_RESPONSE_NORMALIZATION, tflite::TensorType_FLOAT32,
                            {1, 1, 1, 3}, Floats{1, 2, 3}, tflite::TensorType_FLOAT32, Lrn(1, 1, 1, 1)());
  ExpectNear(RunValues<float>(*c), {1.0f / 6, 2.0f / 15, 3.0f / 14});
  // beta 0.5, alpha 0.5, bias 2, radius 0: y = x / sqrt(2 + x^2 / 2).
  auto d = UnaryCase<float>("beta_half", BuiltinOperator_LOCAL_RESPONSE_NORMALIZATION, tflite::TensorType_FLOAT32,
                            {1, 1, 2, 1}, Floats{2, -4}, tflite::TensorType_FLOAT32, Lrn(0, 2, 0.5f, 0.5f)());
  ExpectNear(RunValues<float>(*d), {1, -4.0f / 3.1622776602f});
}

TEST(LocalResponseNormalization, RejectsBadRankRadiusAndType) {
  auto rank3 = UnaryCase<float>("rank3", BuiltinOperator_LOCAL_RESPONSE_NORMALIZATION, tflite::TensorType_FLOAT32,
                                {1, 1, 2}, Floats{1, 2}, tflite::TensorType_FLOAT32, Lrn(1, 1, 1, 1)());
  ExpectError(*rank3, "input rank 3 is not 4");
  auto negative = UnaryCase<float>("radius", BuiltinOperator_LOCAL_RESPONSE_NORMALIZATION, tflite::TensorType_FLOAT32,
                                   {1, 1, 1, 2}, Floats{1, 2}, tflite::TensorType_FLOAT32, Lrn(-1, 1, 1, 1)());
  ExpectError(*negative, "radius -1 is negative");
  auto i32 = UnaryCase<int32_t>("int32", BuiltinOperator_LOCAL_RESPONSE_NORMALIZATION, tflite::TensorType_INT32,
                                {1, 1, 1, 2}, Ints{1, 2}, tflite::TensorType_INT32, Lrn(1, 1, 1, 1)());
  ExpectError(*i32, "only FLOAT32 is implemented so far");
}

TEST(LocalResponseNormalization, MatchesTfliteOnRandomCases) {
  const std::vector<Shape> shapes = {{1, 1, 1, 7}, {2, 3, 4, 5}, {1, 2, 2, 16}, {3, 1, 1, 1}};
  std::vector<RandomUnary> specs;
  struct P {
    int radius;
    float bias, alpha, beta;
  };
  for (const P& p :
       {P{2, 1, 1e-4f, 0.75f}, P{1, 1, 1, 1}, P{0, 2, 0.5f, 0.5f}, P{5, 0.5f, 0.3f, 0.6f}, P{20, 1, 0.1f, 2}}) {
    specs.push_back({.op = BuiltinOperator_LOCAL_RESPONSE_NORMALIZATION,
                     .options = Lrn(p.radius, p.bias, p.alpha, p.beta),
                     .lo = -3,
                     .hi = 3,
                     .shapes = shapes,
                     .tag = "_r" + std::to_string(p.radius)});
  }
  ExpectUnaryMatchesTflite(specs);
}

}  // namespace
}  // namespace litescope::testing
