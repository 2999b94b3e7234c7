#include <gtest/gtest.h>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::BuiltinOperator_PRELU;
using tflite::TensorType_FLOAT32;

std::unique_ptr<OpCase> PreluCase(const std::string& name, Shape in, const Floats& x, Shape alpha_shape,
                                  const Floats& alpha, bool const_alpha = true) {
  auto c = std::make_unique<OpCase>(name, BuiltinOperator_PRELU);
  c->Input<float>(TensorType_FLOAT32, in, x);
  if (const_alpha)
    c->ConstInput<float>(TensorType_FLOAT32, std::move(alpha_shape), alpha);
  else
    c->Input<float>(TensorType_FLOAT32, std::move(alpha_shape), alpha);
  c->Output(TensorType_FLOAT32, std::move(in));
  return c;
}

TEST(Prelu, HandComputedPerChannelAlpha) {
  auto c = PreluCase("hand", {2, 2}, {-1, 2, -3, 4}, {2}, {0.5f, 0.25f});
  EXPECT_EQ(RunValues<float>(*c), (Floats{-0.5f, 2, -1.5f, 4}));
  auto zero = PreluCase("zero", {2}, {0, -0.0f}, {1}, {3});
  EXPECT_EQ(RunValues<float>(*zero), (Floats{0, 0}));
  // One alpha for every channel. (The oracle's XNNPACK delegate reads this [1] alpha as one
  // value per channel, past its end, so this geometry is not compared with it.)
  auto shared = PreluCase("shared", {4}, {-1, -2, 3, -4}, {1}, {0.5f});
  EXPECT_EQ(RunValues<float>(*shared), (Floats{-0.5f, -1, 3, -2}));
}

TEST(Prelu, RejectsAlphaThatGrowsTheInput) {
  auto grows = PreluCase("grows", {1, 3}, {1, 2, 3}, {2, 1}, {1, 2});
  ExpectError(*grows, "alpha of shape [2, 1] does not broadcast to the input shape [1, 3]");
  auto mismatch = PreluCase("mismatch", {2, 3}, Floats(6, 1), {2}, {1, 2});
  ExpectError(*mismatch, "does not broadcast");
  auto i32 = std::make_unique<OpCase>("int32", BuiltinOperator_PRELU);
  i32->Input<int32_t>(tflite::TensorType_INT32, {2}, {1, 2});
  i32->ConstInput<int32_t>(tflite::TensorType_INT32, {1}, {1});
  i32->Output(tflite::TensorType_INT32, {2});
  ExpectError(*i32, "only FLOAT32 is implemented so far");
}

TEST(Prelu, MatchesTfliteOnRandomCases) {
  struct Geometry {
    Shape in, alpha;
    bool const_alpha;
  };
  const Geometry geometries[] = {
      {{1, 4, 4, 3}, {3}, true},        {{2, 5, 3, 4}, {1, 1, 4}, true},
      {{1, 3, 3, 2}, {3, 3, 2}, true},  {{2, 7}, {7}, false},
      {{3, 2, 5}, {2, 1}, true},        {{2, 3, 4, 5}, {2, 3, 4, 5}, false},
      {{1, 6, 1, 3}, {1, 1, 3}, false}, {{2, 3, 1, 4}, {3, 1, 1}, true},
  };
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 40;
  for (const Geometry& g : geometries) {
    const Floats x = RandomFloats(static_cast<size_t>(ElementCount(g.in)), seed++, -3, 3);
    const Floats alpha = RandomFloats(static_cast<size_t>(ElementCount(g.alpha)), seed++, -1, 1);
    cases.push_back(PreluCase("prelu_" + std::to_string(cases.size()), g.in, x, g.alpha, alpha, g.const_alpha));
  }
  ExpectAllMatchTflite(cases);
}

}  // namespace
}  // namespace litescope::testing
