#include <gtest/gtest.h>

#include "tests/support/op_case.h"

namespace litescope {
namespace {

using testing::OpCase;
using testing::RandomFloats;
using tflite::TensorType_FLOAT32;

tflite::BuiltinOptionsUnion Conv(tflite::Padding padding, int stride_h, int stride_w, int dil_h = 1, int dil_w = 1,
                                 tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE) {
  tflite::Conv2DOptionsT o;
  o.padding = padding;
  o.stride_h = stride_h;
  o.stride_w = stride_w;
  o.dilation_h_factor = dil_h;
  o.dilation_w_factor = dil_w;
  o.fused_activation_function = act;
  return Options(o);
}

TEST(Conv2D, HandComputed3x3Valid) {
  OpCase c("valid", tflite::BuiltinOperator_CONV_2D, Conv(tflite::Padding_VALID, 1, 1));
  c.Input<float>(TensorType_FLOAT32, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  c.ConstInput<float>(TensorType_FLOAT32, {2, 3, 3, 1}, {1, 0, 0, 0, 1, 0, 0, 0, 1,  // trace
                                                         1, 1, 1, 1, 1, 1, 1, 1, 1});  // sum
  c.ConstInput<float>(TensorType_FLOAT32, {2}, {0.5f, -45});
  c.Output(TensorType_FLOAT32, {1, 1, 1, 2});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(testing::Values<float>((*out)[0]), (std::vector<float>{15.5f, 0}));
}

TEST(Conv2D, SamePaddingSplitsLikeTflite) {
  // 4x4 input, 3x3 all-ones filter, stride 2, SAME: total padding 1 goes after (TFLite puts the
  // smaller half first), so the first output sums rows/cols 0..1 only.
  OpCase c("same", tflite::BuiltinOperator_CONV_2D, Conv(tflite::Padding_SAME, 2, 2));
  std::vector<float> x(16);
  for (int i = 0; i < 16; ++i) x[static_cast<size_t>(i)] = static_cast<float>(i);
  c.Input<float>(TensorType_FLOAT32, {1, 4, 4, 1}, x);
  c.ConstInput<float>(TensorType_FLOAT32, {1, 3, 3, 1}, std::vector<float>(9, 1.0f));
  c.OmittedInput();
  c.Output(TensorType_FLOAT32, {1, 2, 2, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  // windows: rows 0-2 x cols 0-2, rows 0-2 x cols 2-3, rows 2-3 x cols 0-2, rows 2-3 x cols 2-3
  EXPECT_EQ(testing::Values<float>((*out)[0]), (std::vector<float>{45, 39, 66, 50}));
}

TEST(Conv2D, RejectsBiasOfWrongSize) {
  OpCase c("bad_bias", tflite::BuiltinOperator_CONV_2D, Conv(tflite::Padding_VALID, 1, 1));
  c.Input<float>(TensorType_FLOAT32, {1, 3, 3, 2}, RandomFloats(18, 1));
  c.ConstInput<float>(TensorType_FLOAT32, {4, 1, 1, 2}, RandomFloats(8, 2));
  c.ConstInput<float>(TensorType_FLOAT32, {3}, RandomFloats(3, 3));
  c.Output(TensorType_FLOAT32, {1, 3, 3, 4});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("bias has 3 values for 4 output channels"), std::string::npos)
      << out.status().message();
}

TEST(Conv2D, MatchesTfliteOnRandomCases) {
  struct Geometry {
    int batch, h, w, in_c, out_c, k_h, k_w, stride_h, stride_w, dil_h, dil_w;
    tflite::Padding padding;
    tflite::ActivationFunctionType act;
  };
  const Geometry cases[] = {
      {1, 7, 9, 3, 5, 3, 3, 1, 1, 1, 1, tflite::Padding_SAME, tflite::ActivationFunctionType_NONE},
      {2, 8, 8, 4, 6, 3, 3, 2, 2, 1, 1, tflite::Padding_SAME, tflite::ActivationFunctionType_RELU},
      {1, 11, 6, 2, 3, 5, 3, 2, 1, 1, 1, tflite::Padding_VALID, tflite::ActivationFunctionType_RELU6},
      {1, 9, 9, 3, 4, 3, 3, 1, 1, 2, 2, tflite::Padding_SAME, tflite::ActivationFunctionType_RELU_N1_TO_1},
      {1, 5, 5, 8, 16, 1, 1, 1, 1, 1, 1, tflite::Padding_VALID, tflite::ActivationFunctionType_NONE},
      {3, 6, 7, 5, 2, 2, 4, 3, 2, 1, 1, tflite::Padding_VALID, tflite::ActivationFunctionType_NONE},
  };
  std::vector<std::unique_ptr<OpCase>> owned;
  std::vector<OpCase*> all;
  uint32_t seed = 10;
  for (const Geometry& g : cases) {
    auto c = std::make_unique<OpCase>("conv_" + std::to_string(owned.size()), tflite::BuiltinOperator_CONV_2D,
                                      Conv(g.padding, g.stride_h, g.stride_w, g.dil_h, g.dil_w, g.act));
    c->Input<float>(TensorType_FLOAT32, {g.batch, g.h, g.w, g.in_c},
                    RandomFloats(static_cast<size_t>(g.batch * g.h * g.w * g.in_c), seed++));
    c->ConstInput<float>(TensorType_FLOAT32, {g.out_c, g.k_h, g.k_w, g.in_c},
                         RandomFloats(static_cast<size_t>(g.out_c * g.k_h * g.k_w * g.in_c), seed++));
    c->ConstInput<float>(TensorType_FLOAT32, {g.out_c}, RandomFloats(static_cast<size_t>(g.out_c), seed++));
    // The declared output shape, computed here independently of the kernel.
    int eff_h = (g.k_h - 1) * g.dil_h + 1, eff_w = (g.k_w - 1) * g.dil_w + 1;
    int out_h = g.padding == tflite::Padding_SAME ? (g.h + g.stride_h - 1) / g.stride_h : (g.h - eff_h + g.stride_h) / g.stride_h;
    int out_w = g.padding == tflite::Padding_SAME ? (g.w + g.stride_w - 1) / g.stride_w : (g.w - eff_w + g.stride_w) / g.stride_w;
    c->Output(TensorType_FLOAT32, {g.batch, out_h, out_w, g.out_c});
    all.push_back(c.get());
    owned.push_back(std::move(c));
  }
  for (OpCase* c : all) ASSERT_TRUE(c->RunOurs().ok()) << c->name();
  testing::ExpectMatchesTflite(all, 1e-5);
}

}  // namespace
}  // namespace litescope
