// The pass pipeline on graphs shaped like what an NCHW front end emits: every TRANSPOSE goes, the
// batch norm folds into the convolution, the RELU fuses, constants fold, and the optimized model
// computes what the imported graph computes (CheckConversion, our reference kernels on both).
#include <gtest/gtest.h>

#include <cfloat>
#include <optional>

#include "converter/check.h"
#include "converter/passes/optimize.h"
#include "converter/writer/tflite_writer.h"

namespace litescope {
namespace {

using tflite::BuiltinOperator, tflite::TensorType_FLOAT32;

std::vector<float> Ramp(size_t n, float scale) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = scale * static_cast<float>((static_cast<int>(i * 7) % 11) - 5);
  return v;
}

struct Builder {
  ir::Model m;
  ir::Graph& g = m.main();

  int Value(const std::string& name, ir::Dims shape = {}) { return g.AddValue({.name = name, .shape = std::move(shape)}); }
  int Transpose(int x, std::vector<int32_t> perm, const std::string& name) {
    const int p = g.AddConstant(name + "/perm", tflite::TensorType_INT32, {4}, perm);
    const int y = Value(name);
    g.AddNode({.op = BuiltinOperator::BuiltinOperator_TRANSPOSE, .inputs = {x, p}, .outputs = {y}, .source = name});
    return y;
  }
  int ToNchw(int x, const std::string& name) { return Transpose(x, {0, 3, 1, 2}, name); }
  int ToNhwc(int x, const std::string& name) { return Transpose(x, {0, 2, 3, 1}, name); }
  int Op(BuiltinOperator op, std::vector<int> in, const std::string& name, tflite::BuiltinOptionsUnion o = {}) {
    const int y = Value(name);
    g.AddNode({.op = op, .options = std::move(o), .inputs = std::move(in), .outputs = {y}, .source = name});
    return y;
  }
};

int CountOps(const ir::Graph& g, BuiltinOperator op) {
  return static_cast<int>(std::count_if(g.nodes.begin(), g.nodes.end(), [op](const ir::Node& n) { return n.op == op; }));
}

// NHWC input -> [NCHW world: conv, batch norm as MUL/ADD by [1,C,1,1], RELU, residual ADD with
// the conv input, max pool, global mean, flatten, dense] -> output.
ir::Model NchwStyleNet() {
  Builder b;
  const int input = b.Value("input", {1, 6, 6, 3});
  b.g.inputs = {input};
  const int x = b.ToNchw(input, "input_nchw");
  const int w = b.g.AddConstant("conv/w", TensorType_FLOAT32, {3, 3, 3, 3}, Ramp(81, 0.1f));
  const int bias = b.g.AddConstant("conv/b", TensorType_FLOAT32, {3}, std::vector<float>{0.1f, -0.2f, 0.3f});
  tflite::Conv2DOptionsT conv;
  conv.padding = tflite::Padding_SAME;
  conv.stride_w = conv.stride_h = 1;
  const int c = b.ToNchw(b.Op(BuiltinOperator::BuiltinOperator_CONV_2D, {b.ToNhwc(x, "conv/in"), w, bias}, "conv", Options(conv)), "conv/out");
  const int scale = b.g.AddConstant("bn/scale", TensorType_FLOAT32, {1, 3, 1, 1}, std::vector<float>{0.5f, 2.0f, -1.0f});
  const int shift = b.g.AddConstant("bn/shift", TensorType_FLOAT32, {1, 3, 1, 1}, std::vector<float>{0.25f, 0.0f, 1.0f});
  const int bn = b.Op(BuiltinOperator::BuiltinOperator_ADD, {b.Op(BuiltinOperator::BuiltinOperator_MUL, {c, scale}, "bn/mul", Options(tflite::MulOptionsT{})), shift},
                      "bn", Options(tflite::AddOptionsT{}));
  const int relu = b.Op(BuiltinOperator::BuiltinOperator_RELU, {bn}, "relu");
  const int res = b.Op(BuiltinOperator::BuiltinOperator_ADD, {relu, x}, "residual", Options(tflite::AddOptionsT{}));
  tflite::Pool2DOptionsT pool;
  pool.padding = tflite::Padding_VALID;
  pool.stride_w = pool.stride_h = pool.filter_width = pool.filter_height = 2;
  const int pooled = b.ToNchw(b.Op(BuiltinOperator::BuiltinOperator_MAX_POOL_2D, {b.ToNhwc(res, "pool/in")}, "pool", Options(pool)), "pool/out");
  const int axes = b.g.AddConstant("mean/axes", tflite::TensorType_INT32, {2}, std::vector<int32_t>{2, 3});
  tflite::ReducerOptionsT keep;
  keep.keep_dims = true;
  const int mean = b.Op(BuiltinOperator::BuiltinOperator_MEAN, {pooled, axes}, "mean", Options(keep));
  const int shape = b.g.AddConstant("flatten/shape", tflite::TensorType_INT32, {2}, std::vector<int32_t>{1, 3});
  tflite::ReshapeOptionsT flat;
  flat.new_shape = {1, 3};
  const int flatten = b.Op(BuiltinOperator::BuiltinOperator_RESHAPE, {mean, shape}, "flatten", Options(flat));
  const int fw = b.g.AddConstant("dense/w", TensorType_FLOAT32, {2, 3}, Ramp(6, 0.3f));
  const int out = b.Op(BuiltinOperator::BuiltinOperator_FULLY_CONNECTED, {flatten, fw, -1}, "dense", Options(tflite::FullyConnectedOptionsT{}));
  b.g.outputs = {out};
  return std::move(b.m);
}

TEST(Passes, NchwNetLosesEveryTransposeAndStillComputesTheSame) {
  ir::Model model = NchwStyleNet();
  ASSERT_TRUE(ir::Verify(model).ok());
  ASSERT_EQ(CountOps(model.main(), BuiltinOperator::BuiltinOperator_TRANSPOSE), 5);
  const ir::Model before = model;
  ConversionReport report;
  Status s = Optimize(model, &report);
  ASSERT_TRUE(s.ok()) << s.message();
  const ir::Graph& g = model.main();
  EXPECT_EQ(CountOps(g, BuiltinOperator::BuiltinOperator_TRANSPOSE), 0);
  EXPECT_EQ(CountOps(g, BuiltinOperator::BuiltinOperator_MUL), 0);  // folded into the conv
  EXPECT_EQ(CountOps(g, BuiltinOperator::BuiltinOperator_RELU), 0);  // fused
  ASSERT_EQ(g.nodes.size(), 6u) << "CONV_2D(+bn, relu), ADD, MAX_POOL_2D, MEAN, RESHAPE, FULLY_CONNECTED";
  EXPECT_EQ(g.nodes[0].op, BuiltinOperator::BuiltinOperator_CONV_2D);
  EXPECT_EQ(g.nodes[0].options.AsConv2DOptions()->fused_activation_function, tflite::ActivationFunctionType_RELU);
  EXPECT_EQ(g.values[static_cast<size_t>(g.nodes[3].inputs[1])].as<int32_t>()[0], 1);  // MEAN over H, W of NHWC
  Result<SerializedModel> bytes = SerializeTflite(model);
  ASSERT_TRUE(bytes.ok());
  Result<CheckReport> check = CheckConversion(before, *bytes);
  ASSERT_TRUE(check.ok()) << check.status().message();
  EXPECT_TRUE(check->ok) << check->summary;
  for (const std::string& line : report.passes) std::printf("  %s\n", line.c_str());
}

TEST(Passes, ConstantsFold) {
  Builder b;
  const int input = b.Value("input", {2, 3});
  b.g.inputs = {input};
  const int c = b.g.AddConstant("c", TensorType_FLOAT32, {2, 3}, Ramp(6, 1.0f));
  tflite::ShapeOptionsT shape_options;
  shape_options.out_type = tflite::TensorType_INT32;
  const int shape = b.Op(BuiltinOperator::BuiltinOperator_SHAPE, {c}, "shape", Options(shape_options));
  b.g.values[static_cast<size_t>(shape)].type = tflite::TensorType_INT32;
  tflite::ReshapeOptionsT r;
  const int reshaped = b.Op(BuiltinOperator::BuiltinOperator_RESHAPE, {input, shape}, "reshape", Options(r));
  const int doubled = b.Op(BuiltinOperator::BuiltinOperator_ADD, {c, c}, "double", Options(tflite::AddOptionsT{}));
  b.g.outputs = {b.Op(BuiltinOperator::BuiltinOperator_ADD, {reshaped, doubled}, "sum", Options(tflite::AddOptionsT{}))};
  ConversionReport report;
  Status s = Optimize(b.m, &report);
  ASSERT_TRUE(s.ok()) << s.message();
  // SHAPE and the constant ADD folded; the RESHAPE to the same shape went too.
  ASSERT_EQ(b.g.nodes.size(), 1u);
  const ir::Value& folded = b.g.values[static_cast<size_t>(b.g.nodes[0].inputs[1])];
  ASSERT_TRUE(folded.is_constant());
  EXPECT_EQ(folded.as<float>()[0], 2 * Ramp(6, 1.0f)[0]);
}

// input [1, 5, 6, 2] -> PAD / PADV2 (pads, value) -> `op` VALID with stride 2 and a 3x3 window.
ir::Model PadThen(BuiltinOperator op, std::vector<int32_t> pads, std::optional<float> value) {
  Builder b;
  const int input = b.Value("input", {1, 5, 6, 2});
  b.g.inputs = {input};
  const int p = b.g.AddConstant("pads", tflite::TensorType_INT32, {4, 2}, pads);
  const int padded = value ? b.Op(BuiltinOperator::BuiltinOperator_PADV2, {input, p, b.g.AddConstant("value", TensorType_FLOAT32, {}, std::vector<float>{*value})},
                                  "pad", Options(tflite::PadV2OptionsT{}))
                           : b.Op(BuiltinOperator::BuiltinOperator_PAD, {input, p}, "pad", Options(tflite::PadOptionsT{}));
  if (op == BuiltinOperator::BuiltinOperator_CONV_2D) {
    tflite::Conv2DOptionsT conv;
    conv.padding = tflite::Padding_VALID;
    conv.stride_w = conv.stride_h = 2;
    const int w = b.g.AddConstant("w", TensorType_FLOAT32, {3, 3, 3, 2}, Ramp(54, 0.1f));
    b.g.outputs = {b.Op(op, {padded, w, -1}, "conv", Options(conv))};
  } else {
    tflite::Pool2DOptionsT pool;
    pool.padding = tflite::Padding_VALID;
    pool.stride_w = pool.stride_h = 2;
    pool.filter_width = pool.filter_height = 3;
    b.g.outputs = {b.Op(op, {padded}, "pool", Options(pool))};
  }
  return std::move(b.m);
}

// Optimizes the model and checks it still computes what it did; returns the PADs left.
int PadsLeftAfterOptimize(ir::Model model) {
  const ir::Model before = model;
  ConversionReport report;
  Status s = Optimize(model, &report);
  EXPECT_TRUE(s.ok()) << s.message();
  Result<SerializedModel> bytes = SerializeTflite(model);
  EXPECT_TRUE(bytes.ok());
  Result<CheckReport> check = CheckConversion(before, *bytes);
  EXPECT_TRUE(check.ok() && check->ok) << (check.ok() ? check->summary : check.status().message());
  return CountOps(model.main(), BuiltinOperator::BuiltinOperator_PAD) + CountOps(model.main(), BuiltinOperator::BuiltinOperator_PADV2);
}

TEST(Passes, PadFoldsWhereSamePaddingAddsTheSame) {
  // SAME for 5 x 6, stride 2, 3x3: H needs 2 (1 + 1), W needs 1 (0 + 1: the extra pixel at the end).
  const std::vector<int32_t> same = {0, 0, 1, 1, 0, 1, 0, 0};
  EXPECT_EQ(PadsLeftAfterOptimize(PadThen(BuiltinOperator::BuiltinOperator_CONV_2D, same, std::nullopt)), 0);
  EXPECT_EQ(PadsLeftAfterOptimize(PadThen(BuiltinOperator::BuiltinOperator_CONV_2D, same, 0.0f)), 0);
  EXPECT_EQ(PadsLeftAfterOptimize(PadThen(BuiltinOperator::BuiltinOperator_MAX_POOL_2D, same, -FLT_MAX)), 0);
  // Not SAME: the extra pixel at the start, a non-zero value, zeros under a max pool, an average pool.
  EXPECT_EQ(PadsLeftAfterOptimize(PadThen(BuiltinOperator::BuiltinOperator_CONV_2D, {0, 0, 1, 1, 1, 0, 0, 0}, std::nullopt)), 1);
  EXPECT_EQ(PadsLeftAfterOptimize(PadThen(BuiltinOperator::BuiltinOperator_CONV_2D, same, 1.0f)), 1);
  EXPECT_EQ(PadsLeftAfterOptimize(PadThen(BuiltinOperator::BuiltinOperator_MAX_POOL_2D, same, std::nullopt)), 1);
  EXPECT_EQ(PadsLeftAfterOptimize(PadThen(BuiltinOperator::BuiltinOperator_AVERAGE_POOL_2D, same, std::nullopt)), 1);
}

TEST(Passes, CheckNamesTheFirstDivergingTensor) {
  ir::Model model = NchwStyleNet();
  ConversionReport report;
  ASSERT_TRUE(Optimize(model, &report).ok());
  const ir::Model before = NchwStyleNet();
  // Break the converted model's pooling input: the residual ADD now adds the input twice.
  ir::Graph& g = model.main();
  for (ir::Node& n : g.nodes)
    if (n.op == BuiltinOperator::BuiltinOperator_ADD) n.inputs[0] = n.inputs[1];
  Result<SerializedModel> bytes = SerializeTflite(model);
  ASSERT_TRUE(bytes.ok());
  Result<CheckReport> check = CheckConversion(before, *bytes);
  ASSERT_TRUE(check.ok()) << check.status().message();
  EXPECT_FALSE(check->ok);
  EXPECT_NE(check->summary.find("first divergence"), std::string::npos) << check->summary;
}

}  // namespace
}  // namespace litescope
