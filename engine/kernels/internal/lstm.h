// The float32 LSTM shared by LSTM (one step, input [batch, input]) and
// UNIDIRECTIONAL_SEQUENCE_LSTM (input [time, batch, input], or [batch, time, input] when not
// time_major), with TFLite's 24-input layout (20 inputs: no layer norm):
//
//    0 input            1-4  input-to-{input, forget, cell, output} weights [cell, input]
//    5-8 recurrent-to-gate weights [cell, output]    9-11 peephole {input, forget, output} [cell]
//   12-15 gate biases [cell]   16 projection weights [output, cell]   17 projection bias [output]
//   18 output state (variable) [batch, output]   19 cell state (variable) [batch, cell]
//   20-23 layer-norm coefficients of the 4 gates [cell]
//
// Optional: the input gate (1, 5, 9, 12, 20 absent = CIFG, input gate = 1 - forget gate),
// peepholes, projection, layer norm. Per step, as TFLite's lstm_eval: gate = bias + W_x x + W_h h
// (+ peephole * c); with layer norm the bias comes after normalizing and scaling. i, f, o use
// sigmoid and the cell gate g the fused activation; c = f * c + i * g (clipped to +-cell_clip
// when > 0) and the OUTPUT gate's peephole sees that new c; h = o * act(c), then projected
// (and clipped to +-proj_clip when > 0). An INT8 input runs TFLite's integer LSTM
// (internal/integer_lstm.h); a FLOAT32 input with INT8 weights the hybrid one, whose products
// come from internal/hybrid_lstm.h and everything else from here.
//
//   struct Sequence { static constexpr bool kSequence = true; using Options = ...; };
//   std::unique_ptr<Kernel> MakeUnidirectionalSequenceLstm() { return Make<LstmKernel<Sequence>>(); }
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "engine/kernels/internal/hybrid_lstm.h"
#include "engine/kernels/internal/integer_lstm.h"
#include "engine/kernels/internal/rnn_activation.h"
#include "engine/kernels/internal/variable_state.h"
#include "engine/runtime/kernel.h"

namespace litescope {

// The options an LSTM kernel needs, read from either options table.
struct LstmParams {
  tflite::ActivationFunctionType activation = tflite::ActivationFunctionType_TANH;
  float cell_clip = 0, proj_clip = 0;
  bool time_major = true;
  bool asymmetric = false;  // hybrid: asymmetric run-time quantization of the activations
};

// Variant: struct { static constexpr bool kSequence; static constexpr const char* kName;
//                   static Status Read(const OpContext&, LstmParams*); }
template <typename Variant>
class LstmKernel : public Kernel {
 public:
  enum Gate { kInput = 0, kForget = 1, kCell = 2, kOutput = 3 };

  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 20 && ctx.input_count() != 24) {
      return ctx.Error("needs 20 or 24 inputs, got " + std::to_string(ctx.input_count()));
    }
    LstmParams p;
    LITESCOPE_RETURN_IF_ERROR(Variant::Read(ctx, &p));
    if (!act_.Set(p.activation)) {
      return ctx.Error(std::string("activation ") + tflite::EnumNameActivationFunctionType(p.activation) +
                       " is not supported by " + Variant::kName);
    }
    if (p.activation == tflite::ActivationFunctionType_NONE) {
      // TFLite's float kernel then reads a scratch buffer it never filled for h = o * act(c).
      return ctx.Error(std::string(Variant::kName) + " with activation NONE is not supported");
    }
    if (!(p.cell_clip >= 0) || !(p.proj_clip >= 0)) return ctx.Error("cell_clip and proj_clip must be >= 0");
    params_ = p;
    const Tensor* input = ctx.input(0);
    if (input == nullptr) return ctx.Error("input 0 is missing");
    integer_ = input->type == tflite::TensorType_INT8;
    if (integer_ && p.activation != tflite::ActivationFunctionType_TANH) {
      return ctx.Error(std::string("the integer ") + Variant::kName + " needs the activation TANH");
    }
    const Tensor* forget_weights = ctx.input(2);
    hybrid_ = !integer_ && forget_weights != nullptr && forget_weights->type != tflite::TensorType_FLOAT32;
    for (int i = 0; i < ctx.input_count() && !integer_; ++i) {
      const Tensor* t = ctx.input(i);
      if (t == nullptr || t->type == tflite::TensorType_FLOAT32) continue;
      if (hybrid_ && IsWeight(i)) continue;  // HybridLstm::Prepare checks type and scale
      if (hybrid_) {
        return ctx.Error("input " + std::to_string(i) + " is " + tflite::EnumNameTensorType(t->type) + "; the hybrid " +
                         Variant::kName + " needs FLOAT32 there (only weights are INT8)");
      }
      return ctx.Error("input " + std::to_string(i) + " is " + tflite::EnumNameTensorType(t->type) + "; quantized " +
                       Variant::kName + " is not implemented yet");
    }
    if (!integer_ && ctx.output(0)->type != tflite::TensorType_FLOAT32) return ctx.Error("the output must be FLOAT32");
    const size_t rank = Variant::kSequence ? 3 : 2;
    if (input->shape.size() != rank) {
      return ctx.Error("input 0 has shape " + ShapeString(input->shape) + "; rank " + std::to_string(rank) + " expected");
    }
    const Tensor* w_cell = ctx.input(4);
    const Tensor* r_out = ctx.input(8);
    if (w_cell == nullptr || w_cell->shape.size() != 2) return ctx.Error("input 4 (input-to-output weights) must be 2-D");
    if (r_out == nullptr || r_out->shape.size() != 2) return ctx.Error("input 8 (recurrent-to-output weights) must be 2-D");
    n_input_ = input->shape.back();
    n_cell_ = w_cell->shape[0];
    n_output_ = r_out->shape[1];
    if (Variant::kSequence) {
      time_ = p.time_major ? input->shape[0] : input->shape[1];
      n_batch_ = p.time_major ? input->shape[1] : input->shape[0];
    } else {
      time_ = 1;
      n_batch_ = input->shape[0];
    }
    LITESCOPE_RETURN_IF_ERROR(CheckWeights(ctx));
    Shape out = input->shape;
    out.back() = n_output_;
    if (integer_) {
      const IntegerLstmShape shape{n_batch_, time_, n_input_, n_cell_, n_output_, !Variant::kSequence || p.time_major,
                                   cifg_, peephole_, Has(ctx, 16), p.cell_clip, p.proj_clip};
      LITESCOPE_RETURN_IF_ERROR(integer_lstm_.Prepare(ctx, shape));
      return ctx.ResizeOutput(0, std::move(out));
    }
    if (hybrid_) {
      const HybridLstmShape shape{n_batch_, n_input_, n_cell_, n_output_, cifg_, peephole_, Has(ctx, 16)};
      LITESCOPE_RETURN_IF_ERROR(hybrid_lstm_.Prepare(ctx, shape, p.asymmetric));
    }
    LITESCOPE_RETURN_IF_ERROR(PrepareVariableState(ctx, 18, "output state", int64_t{n_batch_} * n_output_));
    LITESCOPE_RETURN_IF_ERROR(PrepareVariableState(ctx, 19, "cell state", int64_t{n_batch_} * n_cell_));
    for (auto& g : gates_) g.assign(static_cast<size_t>(n_batch_) * n_cell_, 0.0f);
    return ctx.ResizeOutput(0, std::move(out));
  }

  Status Eval(OpContext& ctx) override {
    if (integer_) {
      integer_lstm_.Eval(ctx);
      return Status::Ok();
    }
    const float* x = ctx.input(0)->data<float>();
    float* y = ctx.output(0)->data<float>();
    const bool time_major = !Variant::kSequence || params_.time_major;
    // Element strides between consecutive batch rows, and between time steps.
    const int64_t x_row = time_major ? n_input_ : int64_t{time_} * n_input_;
    const int64_t y_row = time_major ? n_output_ : int64_t{time_} * n_output_;
    const int64_t x_step = time_major ? int64_t{n_batch_} * n_input_ : n_input_;
    const int64_t y_step = time_major ? int64_t{n_batch_} * n_output_ : n_output_;
    float* h = MutableState(ctx, 18);
    float* c = MutableState(ctx, 19);
    for (int t = 0; t < time_; ++t) Step(ctx, x + t * x_step, x_row, h, c, y + t * y_step, y_row);
    return Status::Ok();
  }

 private:
  const float* Data(const OpContext& ctx, int i) const {
    const Tensor* t = i < ctx.input_count() ? ctx.input(i) : nullptr;
    return t ? t->data<float>() : nullptr;
  }

  Status CheckShape(const OpContext& ctx, int i, const Shape& shape, const char* what) const {
    const Tensor* t = ctx.input(i);
    if (t == nullptr || t->shape == shape) return Status::Ok();
    return ctx.Error("input " + std::to_string(i) + " (" + what + ") has shape " + ShapeString(t->shape) + "; " +
                     ShapeString(shape) + " expected");
  }

  bool Has(const OpContext& ctx, int i) const { return i < ctx.input_count() && ctx.input(i) != nullptr; }

  // The gate, peephole and projection weights: INT8 in a hybrid LSTM.
  static bool IsWeight(int i) { return (i >= 1 && i <= 11) || i == 16; }

  Status CheckWeights(const OpContext& ctx) {
    static const char* kGate[4] = {"input", "forget", "cell", "output"};
    cifg_ = !Has(ctx, 1);
    layer_norm_ = ctx.input_count() == 24 && Has(ctx, 21);
    for (int g = 0; g < 4; ++g) {
      const bool needed = g != kInput || !cifg_;
      const std::string gate = kGate[g];
      for (int i : {1 + g, 5 + g, 12 + g}) {
        if (Has(ctx, i) != needed) {
          return ctx.Error("input " + std::to_string(i) + " of the " + gate + " gate must be " +
                           (needed ? "present" : "absent when input 1 is (CIFG)"));
        }
      }
      if (layer_norm_ && Has(ctx, 20 + g) != needed) {
        return ctx.Error("layer-norm coefficients (input " + std::to_string(20 + g) + ") of the " + gate +
                         " gate must be " + (needed ? "present" : "absent with CIFG"));
      }
      LITESCOPE_RETURN_IF_ERROR(CheckShape(ctx, 1 + g, {n_cell_, n_input_}, "input weights"));
      LITESCOPE_RETURN_IF_ERROR(CheckShape(ctx, 5 + g, {n_cell_, n_output_}, "recurrent weights"));
      LITESCOPE_RETURN_IF_ERROR(CheckShape(ctx, 12 + g, {n_cell_}, "gate bias"));
      if (layer_norm_) LITESCOPE_RETURN_IF_ERROR(CheckShape(ctx, 20 + g, {n_cell_}, "layer-norm coefficients"));
    }
    // Peepholes: all of (input unless CIFG), forget and output, or none.
    peephole_ = Has(ctx, 10);
    if (Has(ctx, 9) != (peephole_ && !cifg_) || Has(ctx, 11) != peephole_) {
      return ctx.Error("peephole weights (inputs 9-11) must be all present (input 9 absent with CIFG) or all absent");
    }
    for (int i : {9, 10, 11}) LITESCOPE_RETURN_IF_ERROR(CheckShape(ctx, i, {n_cell_}, "peephole weights"));
    if (Has(ctx, 17) && !Has(ctx, 16)) return ctx.Error("a projection bias (input 17) needs projection weights (input 16)");
    if (!Has(ctx, 16) && n_output_ != n_cell_) {
      return ctx.Error("without projection the output size " + std::to_string(n_output_) + " must equal the cell size " +
                       std::to_string(n_cell_));
    }
    LITESCOPE_RETURN_IF_ERROR(CheckShape(ctx, 16, {n_output_, n_cell_}, "projection weights"));
    return CheckShape(ctx, 17, {n_output_}, "projection bias");
  }

  static float Dot(const float* a, const float* b, int n) {
    float sum = 0.0f;
    for (int k = 0; k < n; ++k) sum += a[k] * b[k];
    return sum;
  }

  // One gate for every batch row, activated; `peep` reads the cell state `c`. Only the weight
  // products differ between the float and the hybrid LSTM.
  void ComputeGate(const OpContext& ctx, int g, const float* x, int64_t x_row, const float* h, const float* c) {
    const float* bias = Data(ctx, 12 + g);
    const float* peep = g == kCell  ? nullptr
                        : hybrid_   ? hybrid_lstm_.Peephole(g)
                                    : Data(ctx, g == kOutput ? 11 : 9 + g);
    const float* norm = layer_norm_ ? Data(ctx, 20 + g) : nullptr;
    float* out = gates_[static_cast<size_t>(g)].data();
    for (int b = 0; b < n_batch_; ++b) {
      for (int k = 0; k < n_cell_; ++k) out[int64_t{b} * n_cell_ + k] = norm ? 0.0f : bias[k];
    }
    if (hybrid_) {
      hybrid_lstm_.AccumulateGate(g, out);
    } else {
      const float* w_x = Data(ctx, 1 + g);
      const float* w_h = Data(ctx, 5 + g);
      for (int b = 0; b < n_batch_; ++b) {
        float* o = out + int64_t{b} * n_cell_;
        for (int k = 0; k < n_cell_; ++k) {
          o[k] += Dot(w_x + int64_t{k} * n_input_, x + b * x_row, n_input_);
          o[k] += Dot(w_h + int64_t{k} * n_output_, h + int64_t{b} * n_output_, n_output_);
        }
      }
    }
    for (int b = 0; b < n_batch_; ++b) {
      float* o = out + int64_t{b} * n_cell_;
      const float* cb = c + int64_t{b} * n_cell_;
      if (peep) {
        for (int k = 0; k < n_cell_; ++k) o[k] += peep[k] * cb[k];
      }
      if (norm) {
        float sum = 0.0f;
        for (int k = 0; k < n_cell_; ++k) sum += o[k];
        const float mean = sum / static_cast<float>(n_cell_);
        float sq = 0.0f;
        for (int k = 0; k < n_cell_; ++k) sq += (o[k] - mean) * (o[k] - mean);
        const float inv = 1.0f / std::sqrt(sq / static_cast<float>(n_cell_) + 1e-8f);
        for (int k = 0; k < n_cell_; ++k) o[k] = (o[k] - mean) * inv * norm[k] + bias[k];
      }
      for (int k = 0; k < n_cell_; ++k) o[k] = g == kCell ? act_(o[k]) : Sigmoid(o[k]);
    }
  }

  void Step(const OpContext& ctx, const float* x, int64_t x_row, float* h, float* c, float* y, int64_t y_row) {
    if (hybrid_) hybrid_lstm_.QuantizeStep(x, x_row, h);  // before h changes
    if (!cifg_) ComputeGate(ctx, kInput, x, x_row, h, c);
    ComputeGate(ctx, kForget, x, x_row, h, c);
    ComputeGate(ctx, kCell, x, x_row, h, c);
    const float* in_gate = gates_[kInput].data();
    const float* forget = gates_[kForget].data();
    float* cell = gates_[kCell].data();
    const int64_t cells = int64_t{n_batch_} * n_cell_;
    for (int64_t k = 0; k < cells; ++k) {
      c[k] = forget[k] * c[k] + cell[k] * (cifg_ ? 1.0f - forget[k] : in_gate[k]);
      if (params_.cell_clip > 0) c[k] = std::clamp(c[k], -params_.cell_clip, params_.cell_clip);
    }
    ComputeGate(ctx, kOutput, x, x_row, h, c);
    const float* out_gate = gates_[kOutput].data();
    for (int64_t k = 0; k < cells; ++k) cell[k] = out_gate[k] * act_(c[k]);  // reuses the cell gate's buffer
    const bool projection = Has(ctx, 16);
    const float* proj_bias = Data(ctx, 17);
    for (int b = 0; b < n_batch_; ++b) {
      float* hb = h + int64_t{b} * n_output_;
      const float* mb = cell + int64_t{b} * n_cell_;
      for (int u = 0; u < n_output_; ++u) hb[u] = !projection ? mb[u] : proj_bias ? proj_bias[u] : 0.0f;
    }
    if (projection) {
      if (hybrid_) {
        hybrid_lstm_.Project(cell, h);
      } else {
        const float* proj = Data(ctx, 16);
        for (int b = 0; b < n_batch_; ++b) {
          for (int u = 0; u < n_output_; ++u) {
            h[int64_t{b} * n_output_ + u] += Dot(proj + int64_t{u} * n_cell_, cell + int64_t{b} * n_cell_, n_cell_);
          }
        }
      }
      if (params_.proj_clip > 0) {
        for (int64_t k = 0; k < int64_t{n_batch_} * n_output_; ++k) {
          h[k] = std::clamp(h[k], -params_.proj_clip, params_.proj_clip);
        }
      }
    }
    for (int b = 0; b < n_batch_; ++b) {
      std::copy(h + int64_t{b} * n_output_, h + int64_t{b + 1} * n_output_, y + b * y_row);
    }
  }

  LstmParams params_;
  bool integer_ = false, hybrid_ = false;
  IntegerLstm integer_lstm_;
  HybridLstm hybrid_lstm_;
  RnnActivation act_;
  int n_batch_ = 0, n_input_ = 0, n_cell_ = 0, n_output_ = 0, time_ = 0;
  bool cifg_ = false, peephole_ = false, layer_norm_ = false;
  std::array<std::vector<float>, 4> gates_;
};

}  // namespace litescope
