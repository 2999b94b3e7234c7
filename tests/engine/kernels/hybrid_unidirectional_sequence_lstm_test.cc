// Hybrid UNIDIRECTIONAL_SEQUENCE_LSTM (FLOAT32 activations, INT8 weights): random sequences,
// time-major and batch-major, against real TFLite's builtin hybrid kernel, with symmetric and
// asymmetric run-time quantization.
#include <gtest/gtest.h>

#include "tests/engine/kernels/hybrid_lstm_test_util.h"

namespace litescope::testing {
namespace {

constexpr auto kOp = tflite::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM;

tflite::BuiltinOptionsUnion SeqLstm(const LstmConfig& g, bool asymmetric,
                                    tflite::ActivationFunctionType act = tflite::ActivationFunctionType_TANH) {
  tflite::UnidirectionalSequenceLSTMOptionsT o;
  o.fused_activation_function = act;
  o.cell_clip = g.cell_clip;
  o.proj_clip = g.proj_clip;
  o.time_major = g.time_major;
  o.asymmetric_quantize_inputs = asymmetric;
  return Options(o);
}

TEST(HybridUnidirectionalSequenceLstm, MatchesTflite) {
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 5100;
  for (bool asymmetric : {false, true}) {
    for (bool time_major : {true, false}) {
      for (LstmConfig g : LstmConfigs()) {
        g.time_major = time_major;
        cases.push_back(HybridLstmCase("hybrid_seq_lstm_" + std::to_string(cases.size()), kOp, SeqLstm(g, asymmetric),
                                       g, true, seed));
        seed += 100;
      }
    }
  }
  ExpectRunsAndMatchesTflite(cases, 1e-5);
}

TEST(HybridUnidirectionalSequenceLstm, MatchesTfliteOnLongerSequences) {
  // More steps and wider layers: the hidden state is re-quantized at every step.
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 5900;
  for (bool asymmetric : {false, true}) {
    LstmConfig g{12, 3, 20, 16, 16};
    g.peephole = true;
    cases.push_back(HybridLstmCase("hybrid_seq_long_" + std::to_string(cases.size()), kOp, SeqLstm(g, asymmetric), g,
                                   true, seed));
    LstmConfig p{10, 2, 9, 24, 8};
    p.projection = p.proj_bias = true;
    p.time_major = false;
    cases.push_back(HybridLstmCase("hybrid_seq_long_" + std::to_string(cases.size()), kOp,
                                   SeqLstm(p, asymmetric, tflite::ActivationFunctionType_RELU6), p, true, seed + 50));
    seed += 100;
  }
  ExpectRunsAndMatchesTflite(cases, 1e-5);
}

TEST(HybridUnidirectionalSequenceLstm, PrepareRejectsUint8Weights) {
  LstmConfig g{2, 1, 3, 4, 4};
  auto c = HybridLstmCase("uint8", kOp, SeqLstm(g, false), g, true, 1);
  for (auto& t : c->builder().model().subgraphs[0]->tensors) {
    if (t->name.starts_with("input_") && t->type == tflite::TensorType_INT8) t->type = tflite::TensorType_UINT8;
  }
  EXPECT_NE(PrepareError(*c).find("input 1 (input-to-input weights) is UINT8; hybrid weights must be INT8"),
            std::string::npos);
}

}  // namespace
}  // namespace litescope::testing
