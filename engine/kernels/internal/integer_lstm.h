// TFLite's integer LSTM (the "8x8_16" kernel of lstm_eval.cc, EvalInteger8x8_16) for LSTM and
// UNIDIRECTIONAL_SEQUENCE_LSTM: INT8 input, weights and output state, INT16 cell state (a
// power-of-two scale) and peepholes, INT32 biases. The operator's intermediate tensor 4 holds the
// hidden state's scale and zero point; without layer norm the gates are Q3.12 (scale 2^-12).
//
// Per step, for gate g (as tensor_utils does it):
//   gate = sat16(MBQM(bias_x + W_x x, M_x) + 0); gate = sat16(MBQM(bias_h + W_h h, M_h) + gate)
//          where bias_x = bias - input_zp * rowsum(W_x), bias_h = -output_zp * rowsum(W_h);
//   peephole: gate = sat16(MBQM(p * c, M_c) + gate);
//   i, f, o = fp16::Logistic(gate, 3); g = fp16::Tanh(gate, 3);
//   c = RDPOT(f * c, 15) + RDPOT(i * g, 30 + cell_shift) (saturated), clipped; CIFG: i = 32767 - f;
//   hidden = clamp8(MBQM(o * fp16::Tanh(c, 15 + cell_shift), M_hidden) - hidden_zp... see .cc);
//   h = hidden, or projected: clamp8(MBQM(bias_p + W_p hidden, M_p) + output_zp), clipped.
// Layer-norm integer LSTMs are refused at prepare.
//
//   IntegerLstm lstm;
//   LITESCOPE_RETURN_IF_ERROR(lstm.Prepare(ctx, params, shape));
//   lstm.Eval(ctx);
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engine/runtime/kernel.h"

namespace litescope {

struct IntegerLstmShape {
  int batch = 0, time = 1, input = 0, cell = 0, output = 0;
  bool time_major = true;
  bool cifg = false, peephole = false, projection = false;
  float cell_clip = 0, proj_clip = 0;
};

class IntegerLstm {
 public:
  Status Prepare(OpContext& ctx, const IntegerLstmShape& shape);
  void Eval(OpContext& ctx);

 private:
  struct Multiplier {
    int32_t m = 0;
    int shift = 0;
  };
  struct Gate {
    Multiplier input, recurrent, cell;
    std::vector<int32_t> input_bias, recurrent_bias;  // zero points folded in
  };

  Status SetMultiplier(const OpContext& ctx, double scale, Multiplier* m) const;
  void ComputeGate(const OpContext& ctx, int g, const int8_t* x, const int8_t* h, const int16_t* c, int16_t* out) const;
  void Step(const OpContext& ctx, const int8_t* x, int8_t* h, int16_t* c, int8_t* y);

  IntegerLstmShape s_;
  std::array<Gate, 4> gates_;
  Multiplier hidden_scale_, projection_;
  std::vector<int32_t> projection_bias_;
  int cell_shift_ = 0;  // the cell state's scale is 2^cell_shift
  int32_t output_zp_ = 0, hidden_zp_ = 0;
  int16_t cell_clip_ = 0;
  int8_t proj_clip_ = 0;
  std::array<std::vector<int16_t>, 4> gate_out_;
  std::vector<int16_t> tanh_cell_;
  std::vector<int8_t> hidden_;
};

}  // namespace litescope
