// The quantizer end to end on a small CNN built here (CONV_2D, DEPTHWISE_CONV_2D, ADD,
// CONCATENATION, AVERAGE_POOL_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX): every mode writes a model
// that follows TFLite's quantization specification, stays close to the float model, and runs in
// real TFLite with the same results as in our interpreter.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/model/summary.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"
#include "quantization/ptq/auto_denylist.h"
#include "quantization/ptq/quantize_file.h"
#include "tests/support/op_case.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

using testing::RandomFloats;

// input [1,8,8,3] -> CONV_2D 3x3 (4, ReLU) = a -> DEPTHWISE 3x3 (ReLU6) = b -> ADD(a, b) = c
// -> CONCATENATION(c, a) = d [1,8,8,8] -> AVERAGE_POOL 2x2 = e [1,4,4,8] -> RESHAPE [1,128]
// -> FULLY_CONNECTED (10) -> SOFTMAX.
ModelBuilder SmallCnn() {
  ModelBuilder b;
  const int in = b.AddTensor("input", tflite::TensorType_FLOAT32, {1, 8, 8, 3});
  const int w1 = b.AddConstTensor("conv/weights", tflite::TensorType_FLOAT32, {4, 3, 3, 3}, RandomFloats(108, 1, -0.5f, 0.5f));
  const int b1 = b.AddConstTensor("conv/bias", tflite::TensorType_FLOAT32, {4}, RandomFloats(4, 2, -0.1f, 0.1f));
  const int a = b.AddTensor("conv/Relu", tflite::TensorType_FLOAT32, {1, 8, 8, 4});
  tflite::Conv2DOptionsT conv;
  conv.padding = tflite::Padding_SAME;
  conv.stride_w = conv.stride_h = 1;
  conv.fused_activation_function = tflite::ActivationFunctionType_RELU;
  b.AddOperator(tflite::BuiltinOperator_CONV_2D, {in, w1, b1}, {a}, Options(conv));
  const int w2 = b.AddConstTensor("dw/weights", tflite::TensorType_FLOAT32, {1, 3, 3, 4}, RandomFloats(36, 3, -0.6f, 0.6f));
  const int b2 = b.AddConstTensor("dw/bias", tflite::TensorType_FLOAT32, {4}, RandomFloats(4, 4, -0.1f, 0.1f));
  const int bb = b.AddTensor("dw/Relu6", tflite::TensorType_FLOAT32, {1, 8, 8, 4});
  tflite::DepthwiseConv2DOptionsT dw;
  dw.padding = tflite::Padding_SAME;
  dw.stride_w = dw.stride_h = 1;
  dw.depth_multiplier = 1;
  dw.fused_activation_function = tflite::ActivationFunctionType_RELU6;
  b.AddOperator(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {a, w2, b2}, {bb}, Options(dw));
  const int c = b.AddTensor("add", tflite::TensorType_FLOAT32, {1, 8, 8, 4});
  b.AddOperator(tflite::BuiltinOperator_ADD, {a, bb}, {c}, Options(tflite::AddOptionsT()));
  const int d = b.AddTensor("concat", tflite::TensorType_FLOAT32, {1, 8, 8, 8});
  tflite::ConcatenationOptionsT cat;
  cat.axis = 3;
  b.AddOperator(tflite::BuiltinOperator_CONCATENATION, {c, a}, {d}, Options(cat));
  const int e = b.AddTensor("pool", tflite::TensorType_FLOAT32, {1, 4, 4, 8});
  tflite::Pool2DOptionsT pool;
  pool.padding = tflite::Padding_VALID;
  pool.stride_w = pool.stride_h = pool.filter_width = pool.filter_height = 2;
  b.AddOperator(tflite::BuiltinOperator_AVERAGE_POOL_2D, {d}, {e}, Options(pool));
  const int shape = b.AddConstTensor("shape", tflite::TensorType_INT32, {2}, std::vector<int32_t>{1, 128});
  const int f = b.AddTensor("flatten", tflite::TensorType_FLOAT32, {1, 128});
  b.AddOperator(tflite::BuiltinOperator_RESHAPE, {e, shape}, {f}, Options(tflite::ReshapeOptionsT()));
  const int w3 = b.AddConstTensor("fc/weights", tflite::TensorType_FLOAT32, {10, 128}, RandomFloats(1280, 5, -0.2f, 0.2f));
  const int b3 = b.AddConstTensor("fc/bias", tflite::TensorType_FLOAT32, {10}, RandomFloats(10, 6, -0.1f, 0.1f));
  const int g = b.AddTensor("logits", tflite::TensorType_FLOAT32, {1, 10});
  b.AddOperator(tflite::BuiltinOperator_FULLY_CONNECTED, {f, w3, b3}, {g}, Options(tflite::FullyConnectedOptionsT()));
  const int out = b.AddTensor("probabilities", tflite::TensorType_FLOAT32, {1, 10});
  tflite::SoftmaxOptionsT softmax;
  softmax.beta = 1.0f;
  b.AddOperator(tflite::BuiltinOperator_SOFTMAX, {g}, {out}, Options(softmax));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b;
}

struct Quantized {
  std::string path;
  std::unique_ptr<Model> model;
  QuantizeFileResult result;
};

Quantized QuantizeSmallCnn(const std::string& name, QuantizeFileOptions o) {
  const std::filesystem::path dir = testing::TempDir("quantizer_" + name);
  ModelBuilder b = SmallCnn();
  const std::string source = (dir / "float.tflite").string();
  EXPECT_TRUE(b.WriteFile(source).ok());
  Quantized q;
  q.path = (dir / (name + ".tflite")).string();
  Result<QuantizeFileResult> r = QuantizeFile(source, q.path, o);
  EXPECT_TRUE(r.ok()) << r.status().message();
  if (!r.ok()) return q;
  q.result = *r;
  q.model = testing::LoadOrFail(q.path);
  return q;
}

// Runs `model` on `input` (real values; quantized into an int8/uint8/int16 input) and returns the
// first output as real values.
std::vector<float> RunReal(const Model& model, const std::vector<float>& input) {
  auto it = Interpreter::Create(model, BuiltinOps());
  EXPECT_TRUE(it.ok()) << it.status().message();
  if (!it.ok()) return {};
  Tensor* in = (*it)->input(0);
  for (size_t i = 0; i < input.size(); ++i) {
    if (in->type == tflite::TensorType_FLOAT32) {
      in->data<float>()[i] = input[i];
    } else {
      const double q = std::round(input[i] / in->quant.scale[0]) + static_cast<double>(in->quant.zero_point[0]);
      if (in->type == tflite::TensorType_INT8) in->data<int8_t>()[i] = static_cast<int8_t>(std::clamp(q, -128.0, 127.0));
      if (in->type == tflite::TensorType_UINT8) in->data<uint8_t>()[i] = static_cast<uint8_t>(std::clamp(q, 0.0, 255.0));
    }
  }
  EXPECT_TRUE((*it)->Invoke().ok());
  const Tensor* out = (*it)->output(0);
  std::vector<float> y(static_cast<size_t>(out->elements()));
  for (size_t i = 0; i < y.size(); ++i) {
    if (out->type == tflite::TensorType_FLOAT32) y[i] = out->data<float>()[i];
    if (out->type == tflite::TensorType_INT8) y[i] = static_cast<float>(out->quant.scale[0] * (out->data<int8_t>()[i] - out->quant.zero_point[0]));
    if (out->type == tflite::TensorType_UINT8) y[i] = static_cast<float>(out->quant.scale[0] * (out->data<uint8_t>()[i] - out->quant.zero_point[0]));
  }
  return y;
}

// Max |quantized - float| over a few random inputs in the calibration range.
double MaxError(const Model& float_model, const Model& quantized) {
  double worst = 0;
  for (uint32_t seed = 100; seed < 105; ++seed) {
    const std::vector<float> x = RandomFloats(192, seed);
    const std::vector<float> a = RunReal(float_model, x), b = RunReal(quantized, x);
    if (a.size() != b.size()) return 1e9;
    for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, static_cast<double>(std::fabs(a[i] - b[i])));
  }
  return worst;
}

// Our quantized model and real TFLite agree on random inputs (to 1 LSB / float tolerance).
void ExpectRunsInTflite(const std::string& name, const Model& m, double float_tol) {
  auto it = Interpreter::Create(m, BuiltinOps());
  ASSERT_TRUE(it.ok());
  const Tensor* in = (*it)->input(0);
  NpyArray x{in->type, in->shape, {}};
  if (in->type == tflite::TensorType_FLOAT32) {
    const std::vector<float> v = RandomFloats(static_cast<size_t>(in->elements()), 7);
    x.data.assign(reinterpret_cast<const uint8_t*>(v.data()), reinterpret_cast<const uint8_t*>(v.data() + v.size()));
  } else {
    const std::vector<int8_t> v = testing::RandomInts<int8_t>(static_cast<size_t>(in->elements()), 7, -128, 127);
    x.data.assign(reinterpret_cast<const uint8_t*>(v.data()), reinterpret_cast<const uint8_t*>(v.data() + v.size()));
  }
  testing::OpCase c(name, ModelBuilder::FromModel(m), {x});
  testing::ExpectMatchesTflite({&c}, float_tol, 1);
}

TEST(Quantizer, Int8WithInt8IoFollowsTheSpecification) {
  QuantizeFileOptions o;
  o.quantize.mode = QuantMode::kInt8;
  o.quantize.io_type = tflite::TensorType_INT8;
  o.data.samples = 32;
  Quantized q = QuantizeSmallCnn("int8", o);
  ASSERT_NE(q.model, nullptr);
  EXPECT_TRUE(q.result.data.random);
  EXPECT_EQ(q.result.report.quantized_ops, 8);
  EXPECT_TRUE(q.result.report.float_ops.empty());
  // No QUANTIZE/DEQUANTIZE with int8 I/O; concatenation inputs requantized to the output's scale.
  const std::map<std::string, int> ops = Summarize(*q.model).op_histogram;
  EXPECT_EQ(ops.count("DEQUANTIZE"), 0u);
  auto it = Interpreter::Create(*q.model, BuiltinOps());
  ASSERT_TRUE(it.ok());
  const Tensor* input = (*it)->input(0);
  EXPECT_EQ(input->type, tflite::TensorType_INT8);
  const Tensor* out = (*it)->output(0);
  EXPECT_EQ(out->type, tflite::TensorType_INT8);
  EXPECT_FLOAT_EQ(out->quant.scale[0], 1.0f / 256);  // SOFTMAX's fixed output
  EXPECT_EQ(out->quant.zero_point[0], -128);
  std::vector<float> weight_scales;
  for (int t = 0; t < (*it)->tensor_count(); ++t)
    if ((*it)->tensor(t)->name == "conv/weights")
      for (double s : (*it)->tensor(t)->quant.scale) weight_scales.push_back(static_cast<float>(s));
  for (int t = 0; t < (*it)->tensor_count(); ++t) {
    const Tensor& x = *(*it)->tensor(t);
    if (x.name == "conv/weights") {
      EXPECT_EQ(x.type, tflite::TensorType_INT8);
      EXPECT_EQ(x.quant.scale.size(), 4u);  // per output channel
      EXPECT_EQ(x.quant.axis, 0);
    }
    if (x.name == "dw/weights") {
      EXPECT_EQ(x.quant.scale.size(), 4u);
      EXPECT_EQ(x.quant.axis, 3);
    }
    if (x.name == "fc/weights") {
      EXPECT_EQ(x.quant.scale.size(), 1u);
    }
    if (x.name == "conv/bias") {
      EXPECT_EQ(x.type, tflite::TensorType_INT32);
      ASSERT_EQ(x.quant.scale.size(), 4u);
      EXPECT_FLOAT_EQ(x.quant.scale[1], static_cast<float>(input->quant.scale[0]) * weight_scales.at(1));
    }
    if (x.type == tflite::TensorType_INT8 && x.storage == Storage::kConstant) {
      for (int64_t zp : x.quant.zero_point) EXPECT_EQ(zp, 0) << x.name << ": weights are symmetric";
    }
  }
  std::unique_ptr<Model> f = testing::LoadOrFail((std::filesystem::path(q.path).parent_path() / "float.tflite").string());
  EXPECT_LT(MaxError(*f, *q.model), 0.02);  // probabilities, 1/256 steps
  ExpectRunsInTflite("quantizer_int8", *q.model, 0);
}

TEST(Quantizer, Int8WithFloatAndUint8Io) {
  for (tflite::TensorType io : {tflite::TensorType_FLOAT32, tflite::TensorType_UINT8}) {
    QuantizeFileOptions o;
    o.quantize.mode = QuantMode::kInt8;
    o.quantize.io_type = io;
    o.data.samples = 16;
    Quantized q = QuantizeSmallCnn(std::string("int8_io_") + tflite::EnumNameTensorType(io), o);
    ASSERT_NE(q.model, nullptr);
    const std::map<std::string, int> ops = Summarize(*q.model).op_histogram;
    EXPECT_EQ(ops.at("QUANTIZE") >= 1, true);
    auto it = Interpreter::Create(*q.model, BuiltinOps());
    ASSERT_TRUE(it.ok());
    EXPECT_EQ((*it)->input(0)->type, io);
    EXPECT_EQ((*it)->output(0)->type, io);
    EXPECT_EQ((*it)->input(0)->name, "input");
    EXPECT_EQ((*it)->output(0)->name, "probabilities");
    std::unique_ptr<Model> f = testing::LoadOrFail((std::filesystem::path(q.path).parent_path() / "float.tflite").string());
    EXPECT_LT(MaxError(*f, *q.model), 0.02);
  }
}

TEST(Quantizer, DynamicRangeQuantizesLargeWeightsOnly) {
  QuantizeFileOptions o;
  o.quantize.mode = QuantMode::kDynamic;
  Quantized q = QuantizeSmallCnn("dynamic", o);
  ASSERT_NE(q.model, nullptr);
  EXPECT_EQ(q.result.report.quantized_ops, 1);  // only the FC has >= 1024 weights
  EXPECT_EQ(q.result.report.float_ops.size(), 2u);
  std::unique_ptr<Model> f = testing::LoadOrFail((std::filesystem::path(q.path).parent_path() / "float.tflite").string());
  EXPECT_LT(MaxError(*f, *q.model), 0.01);
  o.quantize.min_weight_elements = 1;
  q = QuantizeSmallCnn("dynamic_all", o);
  EXPECT_EQ(q.result.report.quantized_ops, 3);
  EXPECT_LT(MaxError(*f, *q.model), 0.02);
  ExpectRunsInTflite("quantizer_dynamic", *q.model, 1e-4);
}

TEST(Quantizer, Float16HalvesTheWeights) {
  QuantizeFileOptions o;
  o.quantize.mode = QuantMode::kFloat16;
  Quantized q = QuantizeSmallCnn("float16", o);
  ASSERT_NE(q.model, nullptr);
  EXPECT_EQ(q.result.report.weight_bytes_after * 2, q.result.report.weight_bytes_before + 8);  // the int32 shape stays
  std::unique_ptr<Model> f = testing::LoadOrFail((std::filesystem::path(q.path).parent_path() / "float.tflite").string());
  EXPECT_LT(MaxError(*f, *q.model), 1e-3);
  ExpectRunsInTflite("quantizer_float16", *q.model, 1e-5);
}

TEST(Quantizer, SixteenByEightKeepsOpsWithoutInt16KernelsInFloat) {
  QuantizeFileOptions o;
  o.quantize.mode = QuantMode::k16x8;
  o.data.samples = 16;
  Quantized q = QuantizeSmallCnn("16x8", o);
  ASSERT_NE(q.model, nullptr);
  std::unique_ptr<Model> f = testing::LoadOrFail((std::filesystem::path(q.path).parent_path() / "float.tflite").string());
  EXPECT_LT(MaxError(*f, *q.model), 2e-3);
  for (const std::string& why : q.result.report.float_ops) EXPECT_NE(why.find("no int16 kernel"), std::string::npos) << q.result.report.Text();
  ExpectRunsInTflite("quantizer_16x8", *q.model, 1e-4);
}

TEST(Quantizer, KeepFloatLeavesMatchingOpsInFloat) {
  QuantizeFileOptions o;
  o.quantize.mode = QuantMode::kInt8;
  o.quantize.keep_float = "^dw/";
  o.data.samples = 8;
  Quantized q = QuantizeSmallCnn("keep_float", o);
  ASSERT_NE(q.model, nullptr);
  ASSERT_EQ(q.result.report.float_ops.size(), 1u) << q.result.report.Text();
  EXPECT_NE(q.result.report.float_ops[0].find("--keep-float"), std::string::npos);
  const std::map<std::string, int> ops = Summarize(*q.model).op_histogram;
  EXPECT_GE(ops.at("DEQUANTIZE"), 1);
}

TEST(Quantizer, AutoDenylistKeepsTheWorstLayersInFloatAndMeasuresThem) {
  QuantizeFileOptions o;
  o.quantize.mode = QuantMode::kInt8;
  o.data.samples = 8;
  o.auto_denylist = 2;
  Quantized q = QuantizeSmallCnn("auto_denylist", o);
  ASSERT_NE(q.model, nullptr);
  ASSERT_NE(q.result.auto_denylist, nullptr);
  const AutoDenylistResult& d = *q.result.auto_denylist;
  ASSERT_EQ(d.layers.size(), 2u);
  EXPECT_EQ(q.result.report.float_ops.size(), 2u) << q.result.report.Text();
  for (const std::string& f : q.result.report.float_ops) EXPECT_NE(f.find("--keep-float"), std::string::npos) << f;
  EXPECT_GT(d.after.file_bytes, d.before.file_bytes);  // float weights cost bytes
  EXPECT_GT(d.before.snr_db, 0);
  EXPECT_GT(d.after.snr_db, 0);
  EXPECT_GE(d.before.top1_agreement, 0);  // a classifier: SOFTMAX over 10 classes
  o.quantize.mode = QuantMode::kDynamic;
  const std::string source = (std::filesystem::path(q.path).parent_path() / "float.tflite").string();
  Result<QuantizeFileResult> dynamic = QuantizeFile(source, q.path + ".x.tflite", o);
  ASSERT_FALSE(dynamic.ok());
  EXPECT_NE(dynamic.status().message().find("full-integer"), std::string::npos) << dynamic.status().message();
}

TEST(Quantizer, RefusesQuantizedModelsAndBadOptions) {
  QuantizeFileOptions o;
  o.quantize.mode = QuantMode::kInt8;
  o.data.samples = 4;
  Quantized q = QuantizeSmallCnn("twice", o);
  ASSERT_NE(q.model, nullptr);
  Result<QuantizeFileResult> again = QuantizeFile(q.path, q.path + ".again.tflite", o);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("already quantized"), std::string::npos) << again.status().message();
  EXPECT_FALSE(std::filesystem::exists(q.path + ".again.tflite"));
  Result<QuantizeFileResult> over = QuantizeFile(q.path, q.path, o);
  EXPECT_FALSE(over.ok());
  o.quantize.keep_float = "(";
  const std::string source = (std::filesystem::path(q.path).parent_path() / "float.tflite").string();
  Result<QuantizeFileResult> bad = QuantizeFile(source, q.path + ".bad.tflite", o);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("regular expression"), std::string::npos);
  o.quantize.keep_float.clear();
  o.quantize.io_type = tflite::TensorType_INT16;
  EXPECT_FALSE(QuantizeFile(source, q.path + ".bad.tflite", o).ok());
}

}  // namespace
}  // namespace litescope
