// Cases shared by the tests of hybrid LSTM and UNIDIRECTIONAL_SEQUENCE_LSTM: the layout of
// lstm_test_util.h with every gate, peephole and projection weight INT8 (one scale, zero point 0),
// FLOAT32 input, biases, layer-norm coefficients and states.
#pragma once

#include <memory>
#include <string>

#include "tests/engine/kernels/lstm_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope::testing {

// Weights of about +-0.6, as the float cases have, with a different scale per tensor.
inline void HybridWeights(OpCase& c, Shape shape, uint32_t seed) {
  const float scale = 0.6f / 127.0f * (1.0f + 0.1f * static_cast<float>(seed % 5));
  c.ConstInput<int8_t>(tflite::TensorType_INT8, shape,
                       RandomInts<int8_t>(static_cast<size_t>(ElementCount(shape)), seed, -127, 127),
                       PerTensor(scale, 0));
}

inline std::unique_ptr<OpCase> HybridLstmCase(const std::string& name, tflite::BuiltinOperator op,
                                              tflite::BuiltinOptionsUnion options, const LstmConfig& g, bool sequence,
                                              uint32_t seed) {
  auto c = std::make_unique<OpCase>(name, op, std::move(options));
  auto weights = [&](Shape shape) { HybridWeights(*c, std::move(shape), seed++); };
  auto floats = [&](Shape shape, float lo = -0.6f, float hi = 0.6f) {
    c->ConstInput<float>(tflite::TensorType_FLOAT32, shape,
                         RandomFloats(static_cast<size_t>(ElementCount(shape)), seed++, lo, hi));
  };
  Shape in = LstmInputShape(g, sequence);
  c->Input<float>(tflite::TensorType_FLOAT32, in, RandomFloats(static_cast<size_t>(ElementCount(in)), seed++));
  for (int gate = 0; gate < 4; ++gate) gate == 0 && g.cifg ? c->OmittedInput() : weights({g.cell, g.input});
  for (int gate = 0; gate < 4; ++gate) gate == 0 && g.cifg ? c->OmittedInput() : weights({g.cell, g.output});
  for (int i = 0; i < 3; ++i) !g.peephole || (i == 0 && g.cifg) ? c->OmittedInput() : weights({g.cell});
  for (int gate = 0; gate < 4; ++gate) gate == 0 && g.cifg ? c->OmittedInput() : floats({g.cell});
  g.projection ? weights({g.output, g.cell}) : c->OmittedInput();
  g.proj_bias ? floats({g.output}) : c->OmittedInput();
  VariableInput(*c, {g.batch, g.output});
  VariableInput(*c, {g.batch, g.cell});
  if (g.inputs == 24) {
    for (int gate = 0; gate < 4; ++gate) {
      !g.layer_norm || (gate == 0 && g.cifg) ? c->OmittedInput() : floats({g.cell}, 0.5f, 1.5f);
    }
  }
  Shape out = in;
  out.back() = g.output;
  c->Output(tflite::TensorType_FLOAT32, out);
  return c;
}

// Runs `c` (expected to fail at prepare) and returns the message, or "" when it ran.
inline std::string PrepareError(OpCase& c) {
  Result<std::vector<NpyArray>> out = c.RunOurs();
  return out.ok() ? std::string() : out.status().message();
}

// Sets the quantization of the tensor named `name` (inputs are "input_<index>").
inline void SetQuant(OpCase& c, const std::string& name, const QuantParams& q) {
  for (auto& t : c.builder().model().subgraphs[0]->tensors) {
    if (t->name != name) continue;
    if (!t->quantization) t->quantization = std::make_unique<tflite::QuantizationParametersT>();
    t->quantization->scale.assign(q.scale.begin(), q.scale.end());
    t->quantization->zero_point.assign(q.zero_point.begin(), q.zero_point.end());
  }
}

}  // namespace litescope::testing
