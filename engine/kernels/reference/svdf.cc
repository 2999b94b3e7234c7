// SVDF, float32: inputs x [batch, input], weights_feature [filters, input], weights_time
// [filters, memory], optional bias [units], activation state (variable) [batch, filters * memory]
// with units = filters / rank. Each step shifts every filter's memory left by one, writes
// weights_feature . x into its newest slot, then out[u] = bias[u] + sum over the rank filters
// of unit u of (weights_time . memory), activated. INT8 inputs run TFLite's integer SVDF
// (internal/quantized_svdf.h).
//
// Hybrid (FLOAT32 input, INT8 weights_feature and weights_time), as TFLite's EvalHybridSVDF: each
// input row is quantized at run time (symmetric, or asymmetric with asymmetric_quantize_inputs)
// for the feature product (internal/hybrid_matrix.h); weights_time is dequantized once and the
// float state, bias and activation work as in the float kernel.
#include <algorithm>
#include <vector>

#include "engine/kernels/internal/checks.h"
#include "engine/kernels/internal/hybrid_matrix.h"
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
    hybrid_ = !integer_ && weights != nullptr &&
              (weights->type == tflite::TensorType_INT8 || weights->type == tflite::TensorType_UINT8);
    if (!integer_) {
      // Hybrid weights are checked with their scales below.
      LITESCOPE_RETURN_IF_ERROR(hybrid_ ? CheckFloat32(ctx, {0, 3}) : CheckFloat32(ctx, {0, 1, 2, 3}));
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
      if (hybrid_) {
        LITESCOPE_RETURN_IF_ERROR(PrepareHybridMatrix(ctx, 1, "weights_feature", &feature_));
        LITESCOPE_RETURN_IF_ERROR(DequantizeHybridWeights(ctx, 2, "weights_time", &time_weights_));
        asymmetric_ = o->asymmetric_quantize_inputs();
        quantized_ = QuantizedRows(batch_, input_);
        columns_.assign(static_cast<size_t>(batch_) * filters_, 0.0f);
      }
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
    const float* wf = hybrid_ ? nullptr : ctx.input(1)->data<float>();
    const float* wt = hybrid_ ? time_weights_.data() : ctx.input(2)->data<float>();
    const float* bias = ctx.input(3) ? ctx.input(3)->data<float>() : nullptr;
    float* state = MutableState(ctx, 4);
    float* y = ctx.output(0)->data<float>();
    if (hybrid_) {
      std::fill(columns_.begin(), columns_.end(), 0.0f);
      quantized_.Quantize(x, input_, asymmetric_);
      quantized_.MultiplyAccumulate(feature_, columns_.data(), filters_);
    }
    for (int b = 0; b < batch_; ++b) {
      const float* xb = x + int64_t{b} * input_;
      for (int f = 0; f < filters_; ++f) {
        float* mem = state + (int64_t{b} * filters_ + f) * memory_;
        std::copy(mem + 1, mem + memory_, mem);
        if (hybrid_) {
          mem[memory_ - 1] = columns_[static_cast<size_t>(b) * filters_ + f];
          continue;
        }
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
  bool integer_ = false, hybrid_ = false, asymmetric_ = false;
  QuantizedSvdf integer_svdf_;
  HybridMatrix feature_;
  std::vector<float> time_weights_;  // dequantized once
  QuantizedRows quantized_;
  std::vector<float> columns_;  // [batch, filters]: this step's feature products
  RnnActivation act_;
  int batch_ = 0, input_ = 0, filters_ = 0, memory_ = 0, rank_ = 1, units_ = 0;
};

}  // namespace

std::unique_ptr<Kernel> MakeSvdf() { return Make<Svdf>(); }

}  // namespace litescope
