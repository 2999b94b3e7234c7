#include <gtest/gtest.h>

#include "tests/support/op_case.h"

namespace litescope {
namespace {

using testing::OpCase;
using testing::RandomFloats;
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

tflite::BuiltinOptionsUnion TConv(tflite::Padding padding, int stride_h, int stride_w,
                                  tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE) {
  tflite::TransposeConvOptionsT o;
  o.padding = padding;
  o.stride_h = stride_h;
  o.stride_w = stride_w;
  o.fused_activation_function = act;
  return Options(o);
}

TEST(TransposeConv, HandComputedValidStride2) {
  // Each input pixel adds itself to a 3x3 block at (2 * iy, 2 * ix); blocks overlap on row/col 2.
  OpCase c("valid", tflite::BuiltinOperator_TRANSPOSE_CONV, TConv(tflite::Padding_VALID, 2, 2), 3);
  c.ConstInput<int32_t>(TensorType_INT32, {4}, {1, 5, 5, 1});
  c.ConstInput<float>(TensorType_FLOAT32, {1, 3, 3, 1}, std::vector<float>(9, 1.0f));
  c.Input<float>(TensorType_FLOAT32, {1, 2, 2, 1}, {1, 2, 3, 4});
  c.ConstInput<float>(TensorType_FLOAT32, {1}, {0.5f});
  c.Output(TensorType_FLOAT32, {1, 5, 5, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  std::vector<float> expected = {1, 1, 3, 2, 2,  1, 1, 3, 2, 2,  4, 4, 10, 6, 6,  3, 3, 7, 4, 4,  3, 3, 7, 4, 4};
  for (float& v : expected) v += 0.5f;
  EXPECT_EQ(testing::Values<float>((*out)[0]), expected);
}

TEST(TransposeConv, HandComputedSamePadsOneBefore) {
  // 3x3 output, 3x3 filter, stride 1, SAME: padding 1, so output (y, x) collects input (y+1-ky, x+1-kx):
  // with a filter that is 1 only at (0, 0), output (y, x) = input (y + 1, x + 1) (0 outside).
  OpCase c("same", tflite::BuiltinOperator_TRANSPOSE_CONV, TConv(tflite::Padding_SAME, 1, 1));
  c.ConstInput<int32_t>(TensorType_INT32, {4}, {1, 3, 3, 1});
  c.ConstInput<float>(TensorType_FLOAT32, {1, 3, 3, 1}, {1, 0, 0, 0, 0, 0, 0, 0, 0});
  c.Input<float>(TensorType_FLOAT32, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  c.Output(TensorType_FLOAT32, {1, 3, 3, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(testing::Values<float>((*out)[0]), (std::vector<float>{5, 6, 0, 8, 9, 0, 0, 0, 0}));
}

TEST(TransposeConv, FusedReluClampsAfterBias) {
  OpCase c("relu", tflite::BuiltinOperator_TRANSPOSE_CONV,
           TConv(tflite::Padding_VALID, 1, 1, tflite::ActivationFunctionType_RELU_N1_TO_1), 4);
  c.ConstInput<int32_t>(TensorType_INT32, {4}, {1, 1, 2, 1});
  c.ConstInput<float>(TensorType_FLOAT32, {1, 1, 1, 1}, {2.0f});
  c.Input<float>(TensorType_FLOAT32, {1, 1, 2, 1}, {0.25f, -3.0f});
  c.ConstInput<float>(TensorType_FLOAT32, {1}, {0.25f});
  c.Output(TensorType_FLOAT32, {1, 1, 2, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(testing::Values<float>((*out)[0]), (std::vector<float>{0.75f, -1.0f}));
}

struct BadCase {
  std::vector<int32_t> output_shape;
  Shape weights, input;
  int bias;
  const char* message;
};

TEST(TransposeConv, PrepareRejectsBadInputs) {
  const BadCase cases[] = {
      {{1, 4, 4, 2}, {2, 3, 3, 3}, {1, 2, 2, 2}, 0, "have 3 input channels, input [1, 2, 2, 2] has 2"},
      {{1, 4, 4, 3}, {2, 3, 3, 2}, {1, 2, 2, 2}, 0, "output_shape [1, 4, 4, 3] must be [1 (the input batch)"},
      {{2, 4, 4, 2}, {2, 3, 3, 2}, {1, 2, 2, 2}, 0, "output_shape [2, 4, 4, 2] must be"},
      {{1, 4, 4, 2}, {2, 3, 3, 2}, {1, 2, 2, 2}, 3, "bias has 3 values for 2 output channels"},
      {{1, 4, 4, 2}, {2, 3, 2}, {1, 2, 2, 2}, 0, "input 1 has shape [2, 3, 2]; rank 4 expected"},
  };
  for (const BadCase& b : cases) {
    OpCase c("bad", tflite::BuiltinOperator_TRANSPOSE_CONV, TConv(tflite::Padding_SAME, 2, 2));
    c.ConstInput<int32_t>(TensorType_INT32, {4}, b.output_shape);
    c.ConstInput<float>(TensorType_FLOAT32, b.weights, RandomFloats(static_cast<size_t>(ElementCount(b.weights)), 1));
    c.Input<float>(TensorType_FLOAT32, b.input, RandomFloats(static_cast<size_t>(ElementCount(b.input)), 2));
    if (b.bias > 0) c.ConstInput<float>(TensorType_FLOAT32, {b.bias}, RandomFloats(static_cast<size_t>(b.bias), 3));
    c.Output(TensorType_FLOAT32, {});
    Result<std::vector<NpyArray>> out = c.RunOurs();
    ASSERT_FALSE(out.ok()) << b.message;
    EXPECT_NE(out.status().message().find(b.message), std::string::npos) << out.status().message();
  }
  OpCase c("bad_stride", tflite::BuiltinOperator_TRANSPOSE_CONV, TConv(tflite::Padding_SAME, 0, 1));
  c.ConstInput<int32_t>(TensorType_INT32, {4}, {1, 2, 2, 1});
  c.ConstInput<float>(TensorType_FLOAT32, {1, 1, 1, 1}, {1});
  c.Input<float>(TensorType_FLOAT32, {1, 2, 2, 1}, {1, 2, 3, 4});
  c.Output(TensorType_FLOAT32, {1, 2, 2, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("strides must be >= 1"), std::string::npos) << out.status().message();
}

TEST(TransposeConv, RejectsDynamicOutputShapeThatDisagrees) {
  OpCase c("dyn_bad", tflite::BuiltinOperator_TRANSPOSE_CONV, TConv(tflite::Padding_SAME, 1, 1));
  c.Input<int32_t>(TensorType_INT32, {4}, {1, 3, 3, 5});
  c.ConstInput<float>(TensorType_FLOAT32, {2, 1, 1, 1}, {1, 2});
  c.Input<float>(TensorType_FLOAT32, {1, 3, 3, 1}, RandomFloats(9, 4));
  c.Output(TensorType_FLOAT32, {1, 3, 3, 2});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("output_shape [1, 3, 3, 5] must be"), std::string::npos)
      << out.status().message();
}

TEST(TransposeConv, MatchesTfliteOnRandomCases) {
  struct Geometry {
    int batch, in_h, in_w, in_c, out_c, k_h, k_w, stride_h, stride_w, out_h, out_w;
    tflite::Padding padding;
    bool bias, const_shape;
  };
  const Geometry cases[] = {
      {1, 4, 4, 3, 2, 3, 3, 2, 2, 8, 8, tflite::Padding_SAME, true, true},
      {2, 3, 5, 2, 3, 3, 3, 2, 2, 7, 11, tflite::Padding_VALID, true, true},
      {1, 5, 4, 4, 5, 2, 3, 1, 2, 5, 8, tflite::Padding_SAME, false, true},
      {1, 3, 3, 1, 1, 5, 5, 3, 3, 9, 9, tflite::Padding_SAME, true, true},
      {3, 2, 6, 5, 4, 4, 2, 3, 1, 7, 7, tflite::Padding_VALID, true, true},
      {1, 6, 6, 2, 3, 3, 3, 1, 1, 6, 6, tflite::Padding_SAME, true, true},
      {1, 4, 3, 3, 2, 3, 3, 2, 2, 8, 6, tflite::Padding_SAME, true, false},   // output_shape fed at run time
      {2, 3, 4, 2, 2, 2, 2, 2, 2, 6, 8, tflite::Padding_VALID, false, false},
      {1, 4, 4, 3, 2, 3, 3, 2, 2, 7, 7, tflite::Padding_SAME, true, false},   // odd size: output crops
  };
  std::vector<std::unique_ptr<OpCase>> owned;
  std::vector<OpCase*> all;
  uint32_t seed = 100;
  for (const Geometry& g : cases) {
    auto c = std::make_unique<OpCase>("tconv_" + std::to_string(owned.size()), tflite::BuiltinOperator_TRANSPOSE_CONV,
                                      TConv(g.padding, g.stride_h, g.stride_w), g.bias ? 3 : 1);
    std::vector<int32_t> shape = {g.batch, g.out_h, g.out_w, g.out_c};
    if (g.const_shape) c->ConstInput<int32_t>(TensorType_INT32, {4}, shape);
    else c->Input<int32_t>(TensorType_INT32, {4}, shape);
    c->ConstInput<float>(TensorType_FLOAT32, {g.out_c, g.k_h, g.k_w, g.in_c},
                         RandomFloats(static_cast<size_t>(g.out_c * g.k_h * g.k_w * g.in_c), seed++));
    c->Input<float>(TensorType_FLOAT32, {g.batch, g.in_h, g.in_w, g.in_c},
                    RandomFloats(static_cast<size_t>(g.batch * g.in_h * g.in_w * g.in_c), seed++));
    if (g.bias) c->ConstInput<float>(TensorType_FLOAT32, {g.out_c}, RandomFloats(static_cast<size_t>(g.out_c), seed++));
    c->Output(TensorType_FLOAT32, shape);
    all.push_back(c.get());
    owned.push_back(std::move(c));
  }
  for (OpCase* c : all) ASSERT_TRUE(c->RunOurs().ok()) << c->name();
  testing::ExpectMatchesTflite(all, 1e-5);
}

}  // namespace
}  // namespace litescope
