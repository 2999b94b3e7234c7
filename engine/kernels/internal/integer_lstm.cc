// TFLite's integer LSTM (see integer_lstm.h): Prepare computes the effective scales as lstm.cc
// PopulateQuantizedLstmParams8x8_16 does (float arithmetic, then QuantizeMultiplier) and folds the
// input and output-state zero points into the biases; Eval runs LstmStepInteger8x8_16.
#include "engine/kernels/internal/integer_lstm.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/kernels/internal/fixed_point.h"
#include "engine/kernels/internal/fixed_point_int16.h"
#include "engine/kernels/internal/variable_state.h"

namespace litescope {
namespace {

enum GateIndex { kInputGate = 0, kForgetGate = 1, kCellGate = 2, kOutputGate = 3 };

int16_t Saturate16(int32_t v) { return static_cast<int16_t>(std::clamp(v, -32768, 32767)); }
int8_t Saturate8(int32_t v) { return static_cast<int8_t>(std::clamp(v, -128, 127)); }

Status CheckType(const OpContext& ctx, int i, tflite::TensorType type, const char* what) {
  const Tensor* t = ctx.input(i);
  if (t == nullptr || t->type == type) return Status::Ok();
  return ctx.Error("integer LSTM: input " + std::to_string(i) + " (" + what + ") is " +
                   tflite::EnumNameTensorType(t->type) + "; " + tflite::EnumNameTensorType(type) + " expected");
}

// The single scale of input i (0 when absent).
Status Scale(const OpContext& ctx, int i, float* scale) {
  *scale = 0;
  const Tensor* t = ctx.input(i);
  if (t == nullptr) return Status::Ok();
  if (t->quant.scale.size() != 1) {
    return ctx.Error("integer LSTM: input " + std::to_string(i) + " needs one scale, has " +
                     std::to_string(t->quant.scale.size()));
  }
  LITESCOPE_RETURN_IF_ERROR(CheckScales(ctx, t->quant.scale, "input " + std::to_string(i)));
  *scale = t->quant.scale[0];
  return Status::Ok();
}

// kernel_util.cc CheckedLog2: log2(x) rounded, when x is within 1e-3 (in log2) of a power of two.
bool CheckedLog2(float x, int* log2) {
  const float l = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(l);
  *log2 = static_cast<int>(rounded);
  return std::abs(l - rounded) < 1e-3f;
}

// bias[row] + zero_point * sum of weights row `row` (PrecomputeZeroPointTimesWeightWithBias).
std::vector<int32_t> FoldZeroPoint(const Tensor* weights, const Tensor* bias, int32_t zero_point) {
  const int rows = weights->shape[0], cols = weights->shape[1];
  std::vector<int32_t> out(static_cast<size_t>(rows));
  for (int r = 0; r < rows; ++r) {
    int32_t sum = 0;
    for (int c = 0; c < cols; ++c) sum += weights->data<int8_t>()[int64_t{r} * cols + c];
    out[static_cast<size_t>(r)] = (bias ? bias->data<int32_t>()[r] : 0) + sum * zero_point;
  }
  return out;
}

// output[b][row] = sat16/8(MBQM(bias[row] + W[row] . x[b], m) + zp + output[b][row])
// (tensor_utils::MatrixBatchVectorMultiplyAccumulate for integer LSTMs).
template <typename Out>
void MatMulAccumulate(const int8_t* x, const std::vector<int32_t>& bias, const int8_t* w, int32_t multiplier, int shift,
                      int batch, int cols, int rows, int32_t zp, Out* output) {
  for (int b = 0; b < batch; ++b) {
    for (int r = 0; r < rows; ++r) {
      int32_t acc = bias[static_cast<size_t>(r)];
      for (int c = 0; c < cols; ++c) acc += int32_t{x[int64_t{b} * cols + c]} * w[int64_t{r} * cols + c];
      const int32_t v = MultiplyByQuantizedMultiplier(acc, multiplier, shift) + zp + output[int64_t{b} * rows + r];
      output[int64_t{b} * rows + r] = static_cast<Out>(
          std::clamp<int32_t>(v, std::numeric_limits<Out>::min(), std::numeric_limits<Out>::max()));
    }
  }
}

}  // namespace

Status IntegerLstm::SetMultiplier(const OpContext& ctx, double scale, Multiplier* m) const {
  QuantizeMultiplier(scale, &m->m, &m->shift);
  if (m->shift > 30) return ctx.Error("integer LSTM: an effective scale of " + std::to_string(scale) + " is too large");
  return Status::Ok();
}

Status IntegerLstm::Prepare(OpContext& ctx, const IntegerLstmShape& shape) {
  s_ = shape;
  for (int i = 1; i <= 8; ++i) LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, i, tflite::TensorType_INT8, "weights"));
  for (int i = 9; i <= 11; ++i) LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, i, tflite::TensorType_INT16, "peephole"));
  for (int i = 12; i <= 15; ++i) LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, i, tflite::TensorType_INT32, "gate bias"));
  LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, 16, tflite::TensorType_INT8, "projection weights"));
  LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, 17, tflite::TensorType_INT32, "projection bias"));
  if (ctx.output(0)->type != tflite::TensorType_INT8) return ctx.Error("integer LSTM: the output must be INT8");
  const int64_t cells = int64_t{s_.batch} * s_.cell;
  LITESCOPE_RETURN_IF_ERROR(PrepareVariableState(ctx, 18, "output state", int64_t{s_.batch} * s_.output,
                                                 tflite::TensorType_INT8));
  LITESCOPE_RETURN_IF_ERROR(PrepareVariableState(ctx, 19, "cell state", cells, tflite::TensorType_INT16));
  for (int i = 20; i < ctx.input_count(); ++i) {
    if (ctx.input(i) != nullptr) return ctx.Error("integer LSTM with layer normalization is not implemented yet");
  }
  const Tensor* hidden = ctx.intermediate(4);
  if (hidden == nullptr || hidden->quant.scale.size() != 1 || hidden->quant.zero_point.size() != 1) {
    return ctx.Error("integer LSTM: intermediate tensor 4 (the hidden state's quantization) is missing");
  }
  TensorQuantization input_q, output_q, cell_q;
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, *ctx.input(0), "input", &input_q));
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, *ctx.input(18), "output state", &output_q));
  LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, *ctx.input(19), "cell state", &cell_q));
  if (!CheckedLog2(cell_q.scale, &cell_shift_)) {
    return ctx.Error("integer LSTM: the cell state scale " + std::to_string(cell_q.scale) + " is not a power of two");
  }
  if (15 + cell_shift_ < 0 || 15 + cell_shift_ > 6) {
    return ctx.Error("integer LSTM: the cell state scale 2^" + std::to_string(cell_shift_) +
                     " leaves tanh outside 0..6 integer bits");
  }
  output_zp_ = output_q.zero_point;
  hidden_zp_ = static_cast<int32_t>(hidden->quant.zero_point[0]);
  const float hidden_scale = hidden->quant.scale[0];
  const float gate_scale = std::pow(2.0f, -12.0f);  // Q3.12 without layer norm
  for (int g = 0; g < 4; ++g) {
    if (g == kInputGate && s_.cifg) continue;
    float wx = 0, wh = 0, wc = 0;
    LITESCOPE_RETURN_IF_ERROR(Scale(ctx, 1 + g, &wx));
    LITESCOPE_RETURN_IF_ERROR(Scale(ctx, 5 + g, &wh));
    Gate& gate = gates_[static_cast<size_t>(g)];
    LITESCOPE_RETURN_IF_ERROR(SetMultiplier(ctx, wx * input_q.scale / gate_scale, &gate.input));
    LITESCOPE_RETURN_IF_ERROR(SetMultiplier(ctx, wh * output_q.scale / gate_scale, &gate.recurrent));
    const int peephole = g == kCellGate ? -1 : g == kOutputGate ? 11 : 9 + g;
    if (s_.peephole && peephole >= 0) {
      LITESCOPE_RETURN_IF_ERROR(Scale(ctx, peephole, &wc));
      const auto effective = static_cast<float>(std::pow(2.0, cell_shift_) * wc / gate_scale);
      LITESCOPE_RETURN_IF_ERROR(SetMultiplier(ctx, effective, &gate.cell));
    }
    gate.input_bias = FoldZeroPoint(ctx.input(1 + g), ctx.input(12 + g), -input_q.zero_point);
    gate.recurrent_bias = FoldZeroPoint(ctx.input(5 + g), nullptr, -output_q.zero_point);
  }
  const auto effective_hidden = static_cast<float>(std::pow(2.0, -15) / hidden_scale * std::pow(2.0, -15));
  LITESCOPE_RETURN_IF_ERROR(SetMultiplier(ctx, effective_hidden, &hidden_scale_));
  if (s_.projection) {
    float wp = 0;
    LITESCOPE_RETURN_IF_ERROR(Scale(ctx, 16, &wp));
    LITESCOPE_RETURN_IF_ERROR(SetMultiplier(ctx, wp * hidden_scale / output_q.scale, &projection_));
    projection_bias_ = FoldZeroPoint(ctx.input(16), ctx.input(17), hidden_zp_);
  }
  cell_clip_ = s_.cell_clip > 0 ? static_cast<int16_t>(std::clamp(s_.cell_clip / cell_q.scale, -32768.0f, 32767.0f)) : 0;
  proj_clip_ = s_.proj_clip > 0 ? static_cast<int8_t>(std::clamp(s_.proj_clip / output_q.scale, -128.0f, 127.0f)) : 0;
  const int rows = s_.time_major ? s_.batch : 1;  // batch-major input runs one batch row at a time
  for (auto& g : gate_out_) g.assign(static_cast<size_t>(rows) * s_.cell, 0);
  tanh_cell_.assign(static_cast<size_t>(rows) * s_.cell, 0);
  hidden_.assign(static_cast<size_t>(rows) * s_.cell, 0);
  return Status::Ok();
}

void IntegerLstm::ComputeGate(const OpContext& ctx, int g, const int8_t* x, const int8_t* h, const int16_t* c,
                              int16_t* out) const {
  const int rows = s_.time_major ? s_.batch : 1;
  const Gate& gate = gates_[static_cast<size_t>(g)];
  std::fill_n(out, int64_t{rows} * s_.cell, int16_t{0});
  MatMulAccumulate(x, gate.input_bias, ctx.input(1 + g)->data<int8_t>(), gate.input.m, gate.input.shift, rows,
                   s_.input, s_.cell, 0, out);
  MatMulAccumulate(h, gate.recurrent_bias, ctx.input(5 + g)->data<int8_t>(), gate.recurrent.m, gate.recurrent.shift,
                   rows, s_.output, s_.cell, 0, out);
  const int peephole = g == kCellGate ? -1 : g == kOutputGate ? 11 : 9 + g;
  if (s_.peephole && peephole >= 0) {
    const int16_t* p = ctx.input(peephole)->data<int16_t>();
    for (int b = 0; b < rows; ++b) {
      for (int k = 0; k < s_.cell; ++k) {
        const int64_t i = int64_t{b} * s_.cell + k;
        const int32_t prod = MultiplyByQuantizedMultiplier(int32_t{p[k]} * c[i], gate.cell.m, gate.cell.shift);
        out[i] = Saturate16(prod + out[i]);
      }
    }
  }
  for (int64_t i = 0; i < int64_t{rows} * s_.cell; ++i) {
    out[i] = g == kCellGate ? fp16::Tanh(out[i], 3) : fp16::Logistic(out[i], 3);
  }
}

void IntegerLstm::Step(const OpContext& ctx, const int8_t* x, int8_t* h, int16_t* c, int8_t* y) {
  const int rows = s_.time_major ? s_.batch : 1;
  const int64_t cells = int64_t{rows} * s_.cell;
  int16_t* in = gate_out_[kInputGate].data();
  int16_t* forget = gate_out_[kForgetGate].data();
  int16_t* cell = gate_out_[kCellGate].data();
  int16_t* out = gate_out_[kOutputGate].data();
  ComputeGate(ctx, kForgetGate, x, h, c, forget);
  ComputeGate(ctx, kCellGate, x, h, c, cell);
  if (!s_.cifg) ComputeGate(ctx, kInputGate, x, h, c, in);
  // UpdateLstmCellInteger: c = f * c / 2^15 + i * g / 2^(30 + cell_shift), each rounded.
  for (int64_t k = 0; k < cells; ++k) {
    const int16_t kept = fp16::RoundingDivideByPOT32(int32_t{forget[k]} * c[k], 15);
    const int16_t input_gate = s_.cifg ? static_cast<int16_t>(32767 - forget[k]) : in[k];
    const int16_t added = fp16::RoundingDivideByPOT32(int32_t{input_gate} * cell[k], 30 + cell_shift_);
    c[k] = Saturate16(int32_t{kept} + added);
    if (cell_clip_ > 0) c[k] = std::clamp<int16_t>(c[k], static_cast<int16_t>(-cell_clip_), cell_clip_);
  }
  ComputeGate(ctx, kOutputGate, x, h, c, out);
  // CalculateLstmOutputInteger8x8_16.
  for (int64_t k = 0; k < cells; ++k) tanh_cell_[static_cast<size_t>(k)] = fp16::Tanh(c[k], 15 + cell_shift_);
  for (int64_t k = 0; k < cells; ++k) {
    const int32_t v = MultiplyByQuantizedMultiplier(int32_t{out[k]} * tanh_cell_[static_cast<size_t>(k)], hidden_scale_.m,
                                                    hidden_scale_.shift);
    hidden_[static_cast<size_t>(k)] = Saturate8(v - hidden_zp_);
  }
  const int64_t outputs = int64_t{rows} * s_.output;
  if (s_.projection) {
    std::fill_n(h, outputs, int8_t{0});
    MatMulAccumulate(hidden_.data(), projection_bias_, ctx.input(16)->data<int8_t>(), projection_.m, projection_.shift,
                     rows, s_.cell, s_.output, output_zp_, h);
    if (proj_clip_ > 0) {
      for (int64_t k = 0; k < outputs; ++k) h[k] = std::clamp<int8_t>(h[k], static_cast<int8_t>(-proj_clip_), proj_clip_);
    }
  } else {
    std::copy_n(hidden_.data(), outputs, h);
  }
  std::copy_n(h, outputs, y);
}

void IntegerLstm::Eval(OpContext& ctx) {
  const int8_t* x = ctx.input(0)->data<int8_t>();
  int8_t* y = ctx.output(0)->data<int8_t>();
  int8_t* h = MutableState<int8_t>(ctx, 18);
  int16_t* c = MutableState<int16_t>(ctx, 19);
  if (s_.time_major) {
    for (int t = 0; t < s_.time; ++t) {
      Step(ctx, x + int64_t{t} * s_.batch * s_.input, h, c, y + int64_t{t} * s_.batch * s_.output);
    }
    return;
  }
  for (int b = 0; b < s_.batch; ++b) {
    for (int t = 0; t < s_.time; ++t) {
      const int64_t step = int64_t{b} * s_.time + t;
      Step(ctx, x + step * s_.input, h + int64_t{b} * s_.output, c + int64_t{b} * s_.cell, y + step * s_.output);
    }
  }
}

}  // namespace litescope
