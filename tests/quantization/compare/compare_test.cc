// Compare and the layer debugger on a float / int8 pair built here, whose quantization error is
// known exactly, and the refusal of two different networks.
#include "quantization/compare/compare.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/quantization/tiny_models.h"

namespace litescope::testing {
namespace {

namespace fs = std::filesystem;

constexpr float kS = 0.1f;

// input -> RELU -> relu1 -> RELU -> relu2 (the output), float.
ModelBuilder FloatChain() {
  ModelBuilder b;
  const int in = b.AddTensor("input", tflite::TensorType_FLOAT32, {1, 8});
  const int r1 = b.AddTensor("relu1", tflite::TensorType_FLOAT32, {1, 8});
  const int r2 = b.AddTensor("relu2", tflite::TensorType_FLOAT32, {1, 8});
  b.AddOperator(tflite::BuiltinOperator_RELU, {in}, {r1});
  b.AddOperator(tflite::BuiltinOperator_RELU, {r1}, {r2});
  b.SetInputs({in});
  b.SetOutputs({r2});
  return b;
}

// The converter's shape of an int8 model with float I/O: QUANTIZE to scale 4s, RELU to "relu1"
// (scale s), RELU to "q/relu2" (scale 4s; no float tensor of that name), DEQUANTIZE.
ModelBuilder QuantChain() {
  ModelBuilder b;
  auto q = [](float scale) { return QuantParams{{scale}, {0}, 0, {}, {}}; };
  const int in = b.AddTensor("input", tflite::TensorType_FLOAT32, {1, 8});
  const int qin = b.AddTensor("input_int8", tflite::TensorType_INT8, {1, 8}, 0, q(4 * kS));
  const int r1 = b.AddTensor("relu1", tflite::TensorType_INT8, {1, 8}, 0, q(kS));
  const int r2 = b.AddTensor("q/relu2", tflite::TensorType_INT8, {1, 8}, 0, q(4 * kS));
  const int out = b.AddTensor("output", tflite::TensorType_FLOAT32, {1, 8});
  b.AddOperator(tflite::BuiltinOperator_QUANTIZE, {in}, {qin});
  b.AddOperator(tflite::BuiltinOperator_RELU, {qin}, {r1});
  b.AddOperator(tflite::BuiltinOperator_RELU, {r1}, {r2});
  b.AddOperator(tflite::BuiltinOperator_DEQUANTIZE, {r2}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b;
}

TEST(Compare, KnownQuantizationErrorPerLayerAndOutput) {
  // x_i = s (i + 1/4): the input step 4s rounds it to s * {0,0,4,4,4,4,8,8}; errors in units of s
  // are {-1/4, -5/4, 7/4, 3/4} twice: MSE 1.3125 s^2, mean +1/4 s, max 7/4 s.
  const fs::path dir = TempDir("compare_known");
  std::vector<float> x(8);
  for (int i = 0; i < 8; ++i) x[static_cast<size_t>(i)] = kS * (static_cast<float>(i) + 0.25f);
  WriteFloatNpy(dir / "x.npy", {1, 8}, x);
  ModelBuilder fb = FloatChain(), qb = QuantChain();
  std::unique_ptr<Model> f = BuildAndLoad(fb), q = BuildAndLoad(qb);
  CompareOptions options;
  options.latency_runs = 3;
  int calls = 0;
  options.progress = [&](int done, int total) {
    EXPECT_EQ(total, 3);
    EXPECT_EQ(done, ++calls);
    return true;
  };
  Result<Comparison> c = Compare(*f, *q, {{(dir / "x.npy").string()}, "", 100, 1, ""}, options);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(calls, 3);
  ASSERT_EQ(c->outputs.size(), 1u);
  const ErrorMetrics& out = c->outputs[0].error;
  EXPECT_NEAR(out.snr_db, 11.677391846909153, 1e-4);  // 10 log10(154.5 / 10.5)
  EXPECT_NEAR(out.rmse, kS * 1.14564392373896, 1e-6);
  EXPECT_NEAR(out.max_abs_error, kS * 1.75, 1e-6);
  EXPECT_NEAR(out.mean_error, kS * 0.25, 1e-6);
  EXPECT_FALSE(c->accuracy.has_value());  // [1, 8] from [1, 8] is not a classifier

  ASSERT_EQ(c->layers.size(), 2u) << "QUANTIZE and DEQUANTIZE outputs are skipped";
  const LayerComparison& worst = c->layers[0];
  EXPECT_EQ(worst.name, "relu1");
  EXPECT_EQ(worst.matched_by, "name");
  EXPECT_EQ(worst.op, "RELU");
  EXPECT_EQ(worst.op_index, 1);
  EXPECT_EQ(worst.elements, 8);
  EXPECT_NEAR(worst.rmse_over_scale, 1.14564392373896, 1e-4);
  EXPECT_TRUE(worst.flagged);
  EXPECT_NEAR(worst.error.mse, kS * kS * 1.3125, 1e-7);
  const LayerComparison& second = c->layers[1];
  EXPECT_EQ(second.name, "q/relu2");
  EXPECT_EQ(second.float_name, "relu2");
  EXPECT_EQ(second.matched_by, "position");
  EXPECT_NEAR(second.rmse_over_scale, 1.14564392373896 / 4, 1e-4);
  EXPECT_FALSE(second.flagged);
  EXPECT_TRUE(c->unmatched_layers.empty());

  EXPECT_EQ(c->float_model.op_count, 2);
  EXPECT_EQ(c->quant_model.ops.at("QUANTIZE"), 1);
  EXPECT_EQ(c->quant_model.latency_runs, 3);
  EXPECT_GT(c->quant_model.latency_ms, 0);
  EXPECT_EQ(c->sample_names, std::vector<std::string>{"x.npy"});
}

TEST(Compare, CancelsWhenProgressSaysSo) {
  ModelBuilder fb = FloatChain(), qb = QuantChain();
  std::unique_ptr<Model> f = BuildAndLoad(fb), q = BuildAndLoad(qb);
  CompareOptions options;
  options.progress = [](int done, int) { return done < 2; };
  Result<Comparison> c = Compare(*f, *q, {{}, "", 5, 1, ""}, options);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kCancelled);
}

TEST(Compare, RefusesTwoDifferentNetworks) {
  ModelBuilder a = TinyModel::UnaryBuilder(tflite::BuiltinOperator_RELU, tflite::TensorType_FLOAT32, {1, 8});
  ModelBuilder b = TinyModel::UnaryBuilder(tflite::BuiltinOperator_RELU, tflite::TensorType_FLOAT32, {1, 4});
  std::unique_ptr<Model> ma = BuildAndLoad(a), mb = BuildAndLoad(b);
  Status s = CheckSameNetwork(*ma, *mb);
  EXPECT_NE(s.message().find("are not the same network: input shapes [1, 8] against [1, 4]"), std::string::npos)
      << s.message();
  ModelBuilder two = FloatChain();
  two.SetOutputs({1, 2});
  std::unique_ptr<Model> mt = BuildAndLoad(two);
  ModelBuilder chain = FloatChain();
  std::unique_ptr<Model> mc = BuildAndLoad(chain);
  EXPECT_NE(CheckSameNetwork(*mc, *mt).message().find("1 outputs against 2"), std::string::npos);
  EXPECT_TRUE(CheckSameNetwork(*mc, *mc).ok());
  Result<Comparison> c = Compare(*ma, *mb, {}, {});
  EXPECT_FALSE(c.ok());
}

}  // namespace
}  // namespace litescope::testing
