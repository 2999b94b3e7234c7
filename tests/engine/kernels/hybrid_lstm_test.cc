// Hybrid LSTM (FLOAT32 activations, INT8 weights): random cases against real TFLite's builtin
// hybrid kernel (symmetric and asymmetric run-time quantization, CIFG, peepholes, projection,
// layer norm), and the prepare errors.
#include <gtest/gtest.h>

#include "tests/engine/kernels/hybrid_lstm_test_util.h"

namespace litescope::testing {
namespace {

constexpr auto kOp = tflite::BuiltinOperator_LSTM;

tflite::BuiltinOptionsUnion Lstm(const LstmConfig& g, bool asymmetric) {
  tflite::LSTMOptionsT o;
  o.fused_activation_function = tflite::ActivationFunctionType_TANH;
  o.cell_clip = g.cell_clip;
  o.proj_clip = g.proj_clip;
  o.kernel_type = tflite::LSTMKernelType_FULL;
  o.asymmetric_quantize_inputs = asymmetric;
  return Options(o);
}

TEST(HybridLstm, MatchesTflite) {
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 4100;
  for (bool asymmetric : {false, true}) {
    for (const LstmConfig& g : LstmConfigs()) {
      cases.push_back(HybridLstmCase("hybrid_lstm_" + std::to_string(cases.size()), kOp, Lstm(g, asymmetric), g,
                                     false, seed));
      seed += 100;
    }
  }
  ExpectRunsAndMatchesTflite(cases, 1e-5);
}

TEST(HybridLstm, PrepareRejectsBadWeights) {
  const LstmConfig g{1, 2, 3, 4, 4};
  auto with = [&](const std::string& tensor, const QuantParams& q) {
    auto c = HybridLstmCase("bad", kOp, Lstm(g, false), g, false, 1);
    SetQuant(*c, tensor, q);
    return PrepareError(*c);
  };
  EXPECT_NE(with("input_3", {.scale = {0.1f, 0.2f, 0.1f, 0.1f}, .zero_point = {0, 0, 0, 0}})
                .find("input 3 (input-to-cell weights) has 4 scales; hybrid weights need one"),
            std::string::npos);
  EXPECT_NE(with("input_6", PerTensor(0.1f, 3)).find("input 6 (recurrent-to-forget weights) has zero point 3"),
            std::string::npos);
  EXPECT_NE(with("input_8", PerTensor(0.0f, 0)).find("a finite value > 0 expected"), std::string::npos);

  // A float bias is required; only weights are INT8.
  auto int8_bias = HybridLstmCase("int8_bias", kOp, Lstm(g, false), g, false, 1);
  tflite::ModelT& model = int8_bias->builder().model();
  for (auto& t : model.subgraphs[0]->tensors) {
    if (t->name != "input_13") continue;
    t->type = tflite::TensorType_INT8;
    model.buffers[t->buffer]->data.resize(4);
  }
  const std::string message = PrepareError(*int8_bias);
  EXPECT_NE(message.find("input 13 is INT8; the hybrid LSTM needs FLOAT32 there"), std::string::npos) << message;
}

TEST(HybridLstm, RefusesMixedWeightTypes) {
  // Input 2 decides the kind of LSTM; a FLOAT32 gate weight next to it is refused by name.
  const LstmConfig g{1, 2, 3, 4, 4};
  auto c = HybridLstmCase("mixed", kOp, Lstm(g, false), g, false, 1);
  tflite::ModelT& model = c->builder().model();
  for (auto& t : model.subgraphs[0]->tensors) {
    if (t->name != "input_7") continue;
    t->type = tflite::TensorType_FLOAT32;
    model.buffers[t->buffer]->data.resize(4 * 4 * sizeof(float));
  }
  EXPECT_NE(PrepareError(*c).find("input 7 (recurrent-to-cell weights) is FLOAT32; hybrid weights must be INT8"),
            std::string::npos);
}

}  // namespace
}  // namespace litescope::testing
