// The hybrid (dynamic-range) parts of the LSTM of internal/lstm.h, as TFLite's LstmStepHybrid
// (lstm_eval.cc): FLOAT32 input, states, biases and layer-norm coefficients; INT8 weights
// (inputs 1-11 and 16) with one scale and zero point 0. Per step the input rows and the output
// state rows are quantized to int8 (symmetric, or asymmetric with asymmetric_quantize_inputs),
// each gate gets bias + the scaled int32 products (internal/hybrid_matrix.h), the peepholes are
// dequantized to float, and the cell state stays float. With projection, o * act(c) is quantized
// the same way for the projection product. Everything else is the float LSTM.
//
//   HybridLstm h;
//   LITESCOPE_RETURN_IF_ERROR(h.Prepare(ctx, shape, asymmetric));
//   h.QuantizeStep(x, x_row, state);  h.AccumulateGate(g, gate);  h.Project(hidden, state);
#pragma once

#include <array>
#include <vector>

#include "engine/kernels/internal/hybrid_matrix.h"
#include "engine/runtime/kernel.h"

namespace litescope {

struct HybridLstmShape {
  int batch = 0, input = 0, cell = 0, output = 0;
  bool cifg = false, peephole = false, projection = false;
};

class HybridLstm {
 public:
  // The inputs' presence and shapes are already checked (LstmKernel::CheckWeights).
  Status Prepare(const OpContext& ctx, const HybridLstmShape& shape, bool asymmetric);
  // The step's input rows (row b at x + b * x_row) and output state rows, quantized.
  void QuantizeStep(const float* x, int64_t x_row, const float* output_state);
  // gate [batch, cell] += W_x x + W_h h of gate g (0 input, 1 forget, 2 cell, 3 output).
  void AccumulateGate(int g, float* gate) const;
  // The dequantized peephole weights of gate g (not the cell gate), or nullptr without peepholes.
  const float* Peephole(int g) const;
  // output_state [batch, output] += W_proj Q(hidden [batch, cell]).
  void Project(const float* hidden, float* output_state);

 private:
  HybridLstmShape s_;
  bool asymmetric_ = false;
  std::array<HybridMatrix, 4> input_weights_, recurrent_weights_;
  HybridMatrix projection_;
  std::array<std::vector<float>, 4> peephole_;  // index = gate; the cell gate's stays empty
  QuantizedRows input_, output_state_, hidden_;
};

}  // namespace litescope
