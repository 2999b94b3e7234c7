// Cases shared by the tests of LSTM and UNIDIRECTIONAL_SEQUENCE_LSTM: one op with TFLite's
// 20/24-input layout, random weights and zero-initialised variable state tensors.
#pragma once

#include <memory>
#include <string>

#include "tests/support/op_case.h"

namespace litescope::testing {

struct LstmConfig {
  int time, batch, input, cell, output;
  bool time_major = true, cifg = false, peephole = false, projection = false, proj_bias = false, layer_norm = false;
  int inputs = 24;  // 20: no layer-norm inputs at all
  float cell_clip = 0, proj_clip = 0;
};

// A variable tensor without data (TFLite refuses variables that have a buffer): zero at start.
inline void VariableInput(OpCase& c, Shape shape) {
  int t = c.ConstInput<float>(tflite::TensorType_FLOAT32, std::move(shape), {});
  c.builder().model().subgraphs[0]->tensors[static_cast<size_t>(t)]->is_variable = true;
}

inline Shape LstmInputShape(const LstmConfig& g, bool sequence) {
  if (!sequence) return {g.batch, g.input};
  return g.time_major ? Shape{g.time, g.batch, g.input} : Shape{g.batch, g.time, g.input};
}

inline std::unique_ptr<OpCase> LstmCase(const std::string& name, tflite::BuiltinOperator op,
                                        tflite::BuiltinOptionsUnion options, const LstmConfig& g, bool sequence,
                                        uint32_t seed) {
  auto c = std::make_unique<OpCase>(name, op, std::move(options));
  auto random = [&](Shape shape, float lo = -0.6f, float hi = 0.6f) {
    c->ConstInput<float>(tflite::TensorType_FLOAT32, shape, RandomFloats(static_cast<size_t>(ElementCount(shape)), seed++, lo, hi));
  };
  Shape in = LstmInputShape(g, sequence);
  c->Input<float>(tflite::TensorType_FLOAT32, in, RandomFloats(static_cast<size_t>(ElementCount(in)), seed++));
  for (int gate = 0; gate < 4; ++gate) gate == 0 && g.cifg ? c->OmittedInput() : random({g.cell, g.input});
  for (int gate = 0; gate < 4; ++gate) gate == 0 && g.cifg ? c->OmittedInput() : random({g.cell, g.output});
  for (int i = 0; i < 3; ++i) !g.peephole || (i == 0 && g.cifg) ? c->OmittedInput() : random({g.cell});
  for (int gate = 0; gate < 4; ++gate) gate == 0 && g.cifg ? c->OmittedInput() : random({g.cell});
  g.projection ? random({g.output, g.cell}) : c->OmittedInput();
  g.proj_bias ? random({g.output}) : c->OmittedInput();
  VariableInput(*c, {g.batch, g.output});
  VariableInput(*c, {g.batch, g.cell});
  if (g.inputs == 24) {
    for (int gate = 0; gate < 4; ++gate) {
      !g.layer_norm || (gate == 0 && g.cifg) ? c->OmittedInput() : random({g.cell}, 0.5f, 1.5f);
    }
  }
  Shape out = in;
  out.back() = g.output;
  c->Output(tflite::TensorType_FLOAT32, out);
  return c;
}

// The configurations every LSTM variant is checked on against TFLite.
inline std::vector<LstmConfig> LstmConfigs() {
  std::vector<LstmConfig> v;
  v.push_back({3, 2, 4, 5, 5});
  v.push_back({2, 1, 3, 4, 4, true, false, false, false, false, false, 20});
  LstmConfig cifg{4, 3, 2, 3, 3};
  cifg.cifg = true;
  v.push_back(cifg);
  LstmConfig peep{3, 2, 5, 4, 4};
  peep.peephole = true;
  v.push_back(peep);
  LstmConfig peep_cifg = peep;
  peep_cifg.cifg = true;
  v.push_back(peep_cifg);
  LstmConfig proj{3, 2, 4, 6, 3};
  proj.projection = proj.proj_bias = true;
  proj.cell_clip = 0.5f;
  proj.proj_clip = 0.3f;
  v.push_back(proj);
  LstmConfig proj_no_bias{2, 3, 3, 5, 2};
  proj_no_bias.projection = true;
  v.push_back(proj_no_bias);
  LstmConfig norm{3, 2, 4, 5, 5};
  norm.layer_norm = norm.peephole = true;
  v.push_back(norm);
  LstmConfig norm_cifg_proj{3, 2, 3, 4, 3};
  norm_cifg_proj.layer_norm = norm_cifg_proj.cifg = norm_cifg_proj.projection = true;
  v.push_back(norm_cifg_proj);
  return v;
}

inline void ExpectLstmCasesMatchTflite(const std::vector<std::unique_ptr<OpCase>>& cases, double float_tol) {
  std::vector<OpCase*> all;
  for (const auto& c : cases) {
    Result<std::vector<NpyArray>> ours = c->RunOurs();
    ASSERT_TRUE(ours.ok()) << c->name() << ": " << ours.status().message();
    all.push_back(c.get());
  }
  ExpectMatchesTflite(all, float_tol);
}

}  // namespace litescope::testing
