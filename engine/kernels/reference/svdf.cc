// SVDF, float32: inputs x [batch, input], weights_feature [filters, input], weights_time
// [filters, memory], optional bias [units], activation state (variable) [batch, filters * memory]
// with units = filters / rank. Each step shifts every filter's memory left by one, writes
// weights_feature . x into its newest slot, then out[u] = bias[u] + sum over the rank filters
// of unit u of (weights_time . memory), activated. INT8 inputs run TFLite's integer SVDF
// (internal/quantized_svdf.h).
#include <algorithm>

#include "engine/kernels/internal/checks.h"
#include "engine/kernels/internal/quantized_svdf.h"
#include "engine/kernels/internal/rnn_activation.h"
#include "engine/kernels/internal/variable_state.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Svdf : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 5) return ctx.Error("needs 5 inputs, got " + std::to_string(ctx.input_count()));
    integer_ = ctx.input(0) != nullptr && ctx.input(0)->type == tflite::TensorType_INT8;
    const Tensor* weights = ctx.input(1);
    if (!integer_ && weights != nullptr &&
        (weights->type == tflite::TensorType_INT8 || weights->type == tflite::TensorType_UINT8)) {
      return ctx.Error("hybrid SVDF (FLOAT32 input, quantized weights) is not implemented yet");
    }
    if (!integer_) {
      LITESCOPE_RETURN_IF_ERROR(CheckFloat32(ctx, {0, 1, 2, 3}));
      if (ctx.output(0)->type != tflite::TensorType_FLOAT32) return ctx.Error("the output must be FLOAT32");
    }
    for (int i : {0, 1, 2}) LITESCOPE_RETURN_IF_ERROR(CheckRank(ctx, i, 2));
    const auto* o = ctx.options<tflite::SVDFOptions>();
    if (o == nullptr) return ctx.Error("has no SVDFOptions");
    if (!act_.Set(o->fused_activation_function())) return ctx.Error("unsupported fused activation");
    const Shape& in = ctx.input(0)->shape;
    const Shape& wf = ctx.input(1)->shape;
    const Shape& wt = ctx.input(2)->shape;
    batch_ = in[0];
    input_ = in[1];
    filters_ = wf[0];
    memory_ = wt[1];
    rank_ = o->rank();
    if (rank_ < 1 || filters_ % rank_ != 0) {
      return ctx.Error("rank " + std::to_string(rank_) + " must be >= 1 and divide the " + std::to_string(filters_) +
                       " filters");
    }
    units_ = filters_ / rank_;
    if (wf[1] != input_) {
      return ctx.Error("weights_feature " + ShapeString(wf) + " do not match the input size " + std::to_string(input_));
    }
    if (wt[0] != filters_ || memory_ < 1) {
      return ctx.Error("weights_time " + ShapeString(wt) + " must be [" + std::to_string(filters_) + ", memory >= 1]");
    }
    LITESCOPE_RETURN_IF_ERROR(CheckBias(ctx, 3, units_));
    if (integer_ && o->fused_activation_function() != tflite::ActivationFunctionType_RELU) {
      return ctx.Error("TFLite's integer SVDF runs only with the fused activation RELU");
    }
    if (integer_) {
      LITESCOPE_RETURN_IF_ERROR(integer_svdf_.Prepare(ctx, {batch_, input_, filters_, memory_, rank_, units_}));
    } else {
      LITESCOPE_RETURN_IF_ERROR(
          PrepareVariableState(ctx, 4, "activation state", int64_t{batch_} * filters_ * memory_));
    }
    return ctx.ResizeOutput(0, {batch_, units_});
  }

  Status Eval(OpContext& ctx) override {
    if (integer_) {
      integer_svdf_.Eval(ctx);
      return Status::Ok();
    }
    const float* x = ctx.input(0)->data<float>();
    const float* wf = ctx.input(1)->data<float>();
    const float* wt = ctx.input(2)->data<float>();
    const float* bias = ctx.input(3) ? ctx.input(3)->data<float>() : nullptr;
    float* state = MutableState(ctx, 4);
    float* y = ctx.output(0)->data<float>();
    for (int b = 0; b < batch_; ++b) {
      const float* xb = x + int64_t{b} * input_;
      for (int f = 0; f < filters_; ++f) {
        float* mem = state + (int64_t{b} * filters_ + f) * memory_;
        std::copy(mem + 1, mem + memory_, mem);
        float dot = 0.0f;
        for (int k = 0; k < input_; ++k) dot += wf[int64_t{f} * input_ + k] * xb[k];
        mem[memory_ - 1] = dot;
      }
      for (int u = 0; u < units_; ++u) {
        float sum = bias ? bias[u] : 0.0f;  // TFLite adds the filters' dot products to the bias one by one
        for (int r = 0; r < rank_; ++r) {
          const int f = u * rank_ + r;
          const float* mem = state + (int64_t{b} * filters_ + f) * memory_;
          float dot = 0.0f;
          for (int m = 0; m < memory_; ++m) dot += wt[int64_t{f} * memory_ + m] * mem[m];
          sum += dot;
        }
        y[int64_t{b} * units_ + u] = act_(sum);
      }
    }
    return Status::Ok();
  }

 private:
  bool integer_ = false;
  QuantizedSvdf integer_svdf_;
  RnnActivation act_;
  int batch_ = 0, input_ = 0, filters_ = 0, memory_ = 0, rank_ = 1, units_ = 0;
};

}  // namespace

std::unique_ptr<Kernel> MakeSvdf() { return Make<Svdf>(); }

}  // namespace litescope
