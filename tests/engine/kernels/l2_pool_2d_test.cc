#include <gtest/gtest.h>

#include "tests/support/op_case.h"

namespace litescope {
namespace {

using testing::OpCase;
using testing::RandomFloats;
using tflite::TensorType_FLOAT32;

tflite::BuiltinOptionsUnion Pool(tflite::Padding padding, int stride_h, int stride_w, int k_h, int k_w,
                                 tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE) {
  tflite::Pool2DOptionsT o;
  o.padding = padding;
  o.stride_h = stride_h;
  o.stride_w = stride_w;
  o.filter_height = k_h;
  o.filter_width = k_w;
  o.fused_activation_function = act;
  return Options(o);
}

TEST(L2Pool2D, HandComputed) {
  // 2x2 windows, stride 2: sqrt((1 + 9 + 9 + 81) / 4) = 5, sqrt((4 * 16) / 4) = 4.
  OpCase c("valid", tflite::BuiltinOperator_L2_POOL_2D, Pool(tflite::Padding_VALID, 2, 2, 2, 2));
  c.Input<float>(TensorType_FLOAT32, {1, 2, 4, 1}, {1, 3, 4, -4, 3, -9, 4, 4});
  c.Output(TensorType_FLOAT32, {1, 1, 2, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(testing::Values<float>((*out)[0]), (std::vector<float>{5, 4}));
}

TEST(L2Pool2D, SamePaddingAveragesOnlyInsideTheInput) {
  // 3x3 window at the corner of a 2x2 input of 2s with SAME padding: 4 elements, sqrt(16 / 4) = 2.
  OpCase c("same", tflite::BuiltinOperator_L2_POOL_2D, Pool(tflite::Padding_SAME, 1, 1, 3, 3));
  c.Input<float>(TensorType_FLOAT32, {1, 2, 2, 1}, {2, 2, 2, 2});
  c.Output(TensorType_FLOAT32, {1, 2, 2, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(testing::Values<float>((*out)[0]), (std::vector<float>{2, 2, 2, 2}));
}

TEST(L2Pool2D, PrepareRejectsBadInputs) {
  OpCase c("rank3", tflite::BuiltinOperator_L2_POOL_2D, Pool(tflite::Padding_VALID, 1, 1, 2, 2));
  c.Input<float>(TensorType_FLOAT32, {2, 2, 1}, {1, 2, 3, 4});
  c.Output(TensorType_FLOAT32, {1, 1, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("rank 4 expected"), std::string::npos) << out.status().message();

  OpCase big("too_big", tflite::BuiltinOperator_L2_POOL_2D, Pool(tflite::Padding_VALID, 1, 1, 3, 3));
  big.Input<float>(TensorType_FLOAT32, {1, 2, 2, 1}, {1, 2, 3, 4});
  big.Output(TensorType_FLOAT32, {1, 1, 1, 1});
  out = big.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("larger than the padded input"), std::string::npos) << out.status().message();
}

TEST(L2Pool2D, MatchesTfliteOnRandomCases) {
  struct Geometry {
    int batch, h, w, c, k_h, k_w, stride_h, stride_w;
    tflite::Padding padding;
    tflite::ActivationFunctionType act;
  };
  const Geometry cases[] = {
      {1, 7, 9, 3, 3, 3, 2, 2, tflite::Padding_SAME, tflite::ActivationFunctionType_NONE},
      {2, 8, 8, 4, 2, 2, 2, 2, tflite::Padding_VALID, tflite::ActivationFunctionType_NONE},
      {1, 11, 6, 2, 5, 3, 2, 1, tflite::Padding_VALID, tflite::ActivationFunctionType_RELU6},
      {3, 5, 5, 5, 3, 2, 1, 3, tflite::Padding_SAME, tflite::ActivationFunctionType_RELU},
      {1, 6, 7, 1, 4, 4, 3, 3, tflite::Padding_SAME, tflite::ActivationFunctionType_RELU_N1_TO_1},
  };
  std::vector<std::unique_ptr<OpCase>> owned;
  std::vector<OpCase*> all;
  uint32_t seed = 300;
  for (const Geometry& g : cases) {
    auto c = std::make_unique<OpCase>("l2_" + std::to_string(owned.size()), tflite::BuiltinOperator_L2_POOL_2D,
                                      Pool(g.padding, g.stride_h, g.stride_w, g.k_h, g.k_w, g.act));
    c->Input<float>(TensorType_FLOAT32, {g.batch, g.h, g.w, g.c},
                    RandomFloats(static_cast<size_t>(g.batch * g.h * g.w * g.c), seed++, -2.0f, 2.0f));
    int out_h = g.padding == tflite::Padding_SAME ? (g.h + g.stride_h - 1) / g.stride_h : (g.h - g.k_h + g.stride_h) / g.stride_h;
    int out_w = g.padding == tflite::Padding_SAME ? (g.w + g.stride_w - 1) / g.stride_w : (g.w - g.k_w + g.stride_w) / g.stride_w;
    c->Output(TensorType_FLOAT32, {g.batch, out_h, out_w, g.c});
    all.push_back(c.get());
    owned.push_back(std::move(c));
  }
  for (OpCase* c : all) ASSERT_TRUE(c->RunOurs().ok()) << c->name();
  testing::ExpectMatchesTflite(all, 1e-5);
}

}  // namespace
}  // namespace litescope
