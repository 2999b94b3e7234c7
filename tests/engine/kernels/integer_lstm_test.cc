// TFLite's integer UNIDIRECTIONAL_SEQUENCE_LSTM (8x8_16) against real TFLite, which runs it in
// its builtin kernel: bit-exact on random weights over the plain, CIFG + peephole and projection
// (with a non-zero hidden zero point and clips) configurations, time- and batch-major, several
// steps; and the prepare errors. The three integer LSTM models of ../shared/golden also match.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/engine/kernels/lstm_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope::testing {
namespace {

constexpr auto kOp = tflite::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM;
using tflite::TensorType_INT16, tflite::TensorType_INT32, tflite::TensorType_INT8;

tflite::BuiltinOptionsUnion SeqLstm(const LstmConfig& g) {
  tflite::UnidirectionalSequenceLSTMOptionsT o;
  o.fused_activation_function = tflite::ActivationFunctionType_TANH;
  o.cell_clip = g.cell_clip;
  o.proj_clip = g.proj_clip;
  o.time_major = g.time_major;
  return Options(o);
}

std::unique_ptr<OpCase> IntegerLstmCase(const std::string& name, const LstmConfig& g, int hidden_zp, uint32_t seed) {
  auto c = std::make_unique<OpCase>(name, kOp, SeqLstm(g));
  auto ints8 = [&](Shape shape, float scale) {
    c->ConstInput<int8_t>(TensorType_INT8, shape, RandomInts<int8_t>(static_cast<size_t>(ElementCount(shape)), seed++, -127, 127),
                          PerTensor(scale, 0));
  };
  const Shape in = LstmInputShape(g, true);
  c->Input<int8_t>(TensorType_INT8, in, RandomInts<int8_t>(static_cast<size_t>(ElementCount(in)), seed++, -128, 127),
                   PerTensor(0.02f, 5));
  for (int gate = 0; gate < 4; ++gate) gate == 0 && g.cifg ? c->OmittedInput() : ints8({g.cell, g.input}, 0.004f);
  for (int gate = 0; gate < 4; ++gate) gate == 0 && g.cifg ? c->OmittedInput() : ints8({g.cell, g.output}, 0.004f);
  for (int i = 0; i < 3; ++i) {
    if (!g.peephole || (i == 0 && g.cifg)) {
      c->OmittedInput();
    } else {
      c->ConstInput<int16_t>(TensorType_INT16, {g.cell}, RandomInts<int16_t>(static_cast<size_t>(g.cell), seed++, -20000, 20000),
                             PerTensor(3e-5f, 0));
    }
  }
  for (int gate = 0; gate < 4; ++gate) {
    if (gate == 0 && g.cifg) {
      c->OmittedInput();
    } else {
      c->ConstInput<int32_t>(TensorType_INT32, {g.cell}, RandomInts<int32_t>(static_cast<size_t>(g.cell), seed++, -3000, 3000),
                             PerTensor(0.02f * 0.004f, 0));
    }
  }
  g.projection ? ints8({g.output, g.cell}, 0.01f) : c->OmittedInput();
  if (g.proj_bias) {
    c->ConstInput<int32_t>(TensorType_INT32, {g.output}, RandomInts<int32_t>(static_cast<size_t>(g.output), seed++, -500, 500),
                           PerTensor(0.01f / 128, 0));
  } else {
    c->OmittedInput();
  }
  const QuantParams state_q = PerTensor(1.0f / 64, -3);
  const int h = c->ConstInput<int8_t>(TensorType_INT8, {g.batch, g.output}, {}, state_q);
  const int cell = c->ConstInput<int16_t>(TensorType_INT16, {g.batch, g.cell}, {}, PerTensor(1.0f / 2048, 0));
  for (int t : {h, cell}) c->builder().model().subgraphs[0]->tensors[static_cast<size_t>(t)]->is_variable = true;
  for (int i = 0; i < 4; ++i) c->OmittedInput();
  Shape out = in;
  out.back() = g.output;
  c->Output(TensorType_INT8, out, state_q);
  for (int i = 0; i < 4; ++i) c->Intermediate(TensorType_INT16, PerTensor(1.0f / 4096, 0));
  c->Intermediate(TensorType_INT8, PerTensor(1.0f / 128, hidden_zp));
  return c;
}

TEST(IntegerLstm, MatchesTfliteExactly) {
  std::vector<std::unique_ptr<OpCase>> cases;
  LstmConfig plain{3, 2, 5, 4, 4};
  cases.push_back(IntegerLstmCase("plain", plain, 0, 100));
  LstmConfig batch_major = plain;
  batch_major.time_major = false;
  cases.push_back(IntegerLstmCase("batch_major", batch_major, 0, 200));
  LstmConfig peephole{4, 1, 3, 6, 6};
  peephole.cifg = peephole.peephole = true;
  peephole.cell_clip = 2.0f;
  cases.push_back(IntegerLstmCase("cifg_peephole", peephole, 0, 300));
  LstmConfig projection{3, 2, 4, 6, 3};
  projection.projection = projection.proj_bias = true;
  projection.proj_clip = 1.0f;
  cases.push_back(IntegerLstmCase("projection", projection, 7, 400));
  ExpectMatchesTflite(cases, 0);
}

TEST(IntegerLstm, RejectsWhatTfliteCannotRun) {
  LstmConfig g{2, 1, 3, 4, 4};
  auto no_hidden = IntegerLstmCase("no_hidden", g, 0, 1);
  no_hidden->builder().model().subgraphs[0]->tensors.back()->quantization->scale.clear();
  no_hidden->builder().model().subgraphs[0]->tensors.back()->quantization->zero_point.clear();
  Result<std::vector<NpyArray>> out = no_hidden->RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("intermediate tensor 4"), std::string::npos) << out.status().message();
}

}  // namespace
}  // namespace litescope::testing
