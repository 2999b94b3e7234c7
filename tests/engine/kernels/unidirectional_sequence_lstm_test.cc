#include <cmath>

#include "tests/engine/kernels/lstm_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the shared LSTM helpers
using tflite::TensorType_FLOAT32;
constexpr auto kOp = tflite::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM;

tflite::BuiltinOptionsUnion SeqLstm(bool time_major, float cell_clip = 0, float proj_clip = 0,
                                    tflite::ActivationFunctionType act = tflite::ActivationFunctionType_TANH) {
  tflite::UnidirectionalSequenceLSTMOptionsT o;
  o.fused_activation_function = act;
  o.cell_clip = cell_clip;
  o.proj_clip = proj_clip;
  o.time_major = time_major;
  return Options(o);
}

float Sig(float x) { return 1.0f / (1.0f + std::exp(-x)); }

TEST(UnidirectionalSequenceLstm, HandComputedTwoSteps) {
  // One cell: only the cell gate sees x (weight 1) and h (weight 2); zero biases make i = f = o = 1/2.
  OpCase c("hand", kOp, SeqLstm(true));
  c.Input<float>(TensorType_FLOAT32, {2, 1, 1}, {1, 1});
  for (float w : {0.0f, 0.0f, 1.0f, 0.0f}) c.ConstInput<float>(TensorType_FLOAT32, {1, 1}, {w});
  for (float w : {0.0f, 0.0f, 2.0f, 0.0f}) c.ConstInput<float>(TensorType_FLOAT32, {1, 1}, {w});
  for (int i = 0; i < 3; ++i) c.OmittedInput();
  for (int i = 0; i < 4; ++i) c.ConstInput<float>(TensorType_FLOAT32, {1}, {0});
  c.OmittedInput();
  c.OmittedInput();
  VariableInput(c, {1, 1});
  VariableInput(c, {1, 1});
  c.Output(TensorType_FLOAT32, {2, 1, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  const float half = Sig(0.0f);
  const float c1 = half * std::tanh(1.0f);
  const float h1 = half * std::tanh(c1);
  const float c2 = half * c1 + half * std::tanh(1.0f + 2.0f * h1);
  const float h2 = half * std::tanh(c2);
  std::vector<float> y = Values<float>((*out)[0]);
  ASSERT_EQ(y.size(), 2u);
  EXPECT_NEAR(y[0], h1, 1e-6);
  EXPECT_NEAR(y[1], h2, 1e-6);
}

TEST(UnidirectionalSequenceLstm, PrepareRejectsBadInputs) {
  LstmConfig g{2, 1, 3, 4, 4};
  struct Bad {
    LstmConfig g;
    tflite::ActivationFunctionType act;
    const char* message;
  };
  const Bad cases[] = {
      {g, tflite::ActivationFunctionType_NONE, "with activation NONE is not supported"},
      {g, tflite::ActivationFunctionType_SIGN_BIT, "activation SIGN_BIT is not supported"},
  };
  for (const Bad& b : cases) {
    auto c = LstmCase("bad", kOp, SeqLstm(true, 0, 0, b.act), b.g, true, 1);
    Result<std::vector<NpyArray>> out = c->RunOurs();
    ASSERT_FALSE(out.ok()) << b.message;
    EXPECT_NE(out.status().message().find(b.message), std::string::npos) << out.status().message();
  }

  OpCase clip("neg_clip", kOp, SeqLstm(true, -1.0f));
  clip.Input<float>(TensorType_FLOAT32, {1, 1, 1}, {1});
  for (int i = 0; i < 23; ++i) clip.OmittedInput();
  clip.Output(TensorType_FLOAT32, {1, 1, 1});
  Result<std::vector<NpyArray>> out = clip.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("cell_clip and proj_clip must be >= 0"), std::string::npos)
      << out.status().message();
}

TEST(UnidirectionalSequenceLstm, RejectsStateThatIsNotVariable) {
  LstmConfig g{2, 1, 3, 4, 4};
  auto c = LstmCase("not_variable", kOp, SeqLstm(true), g, true, 1);
  auto& tensors = c->builder().model().subgraphs[0]->tensors;
  for (auto& t : tensors) {
    if (t->name == "input_18") t->is_variable = false;
  }
  Result<std::vector<NpyArray>> out = c->RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("input 18 (output state) must be a variable tensor"), std::string::npos)
      << out.status().message();
}

TEST(UnidirectionalSequenceLstm, RejectsInconsistentWeights) {
  LstmConfig g{2, 1, 3, 4, 4};
  auto c = LstmCase("bad_shape", kOp, SeqLstm(true), g, true, 1);
  tflite::ModelT& model = c->builder().model();
  for (auto& t : model.subgraphs[0]->tensors) {
    if (t->name != "input_6") continue;
    t->shape = {4, 3};  // recurrent-to-forget must be [cell, output] = [4, 4]
    model.buffers[t->buffer]->data.resize(4 * 3 * sizeof(float));
  }
  Result<std::vector<NpyArray>> out = c->RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("input 6 (recurrent weights) has shape [4, 3]; [4, 4] expected"),
            std::string::npos)
      << out.status().message();
}

TEST(UnidirectionalSequenceLstm, MatchesTfliteOnRandomCases) {
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 700;
  for (bool time_major : {true, false}) {
    for (LstmConfig g : LstmConfigs()) {
      g.time_major = time_major;
      cases.push_back(LstmCase("seq_lstm_" + std::to_string(cases.size()), kOp,
                               SeqLstm(time_major, g.cell_clip, g.proj_clip), g, true, seed));
      seed += 100;
    }
  }
  ExpectLstmCasesMatchTflite(cases, 1e-5);
}

TEST(UnidirectionalSequenceLstm, MatchesTfliteWithOtherActivations) {
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 900;
  for (auto act : {tflite::ActivationFunctionType_RELU, tflite::ActivationFunctionType_RELU6,
                   tflite::ActivationFunctionType_RELU_N1_TO_1}) {
    LstmConfig g{3, 2, 4, 5, 5};
    cases.push_back(LstmCase("seq_lstm_act_" + std::to_string(cases.size()), kOp, SeqLstm(true, 0, 0, act), g, true, seed));
    seed += 100;
  }
  ExpectLstmCasesMatchTflite(cases, 1e-5);
}

}  // namespace
}  // namespace litescope
