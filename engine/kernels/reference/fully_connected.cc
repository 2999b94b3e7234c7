// FULLY_CONNECTED: y = x W^T + b over the last input dimension (DEFAULT weights format), float32;
// INT8 and UINT8 through QuantizedFullyConnected; FLOAT32 with INT8 weights (hybrid) through
// HybridFullyConnected.
#include "engine/kernels/internal/checks.h"
#include "engine/kernels/internal/fully_connected.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {

Status ReferenceFullyConnected::Prepare(OpContext& ctx) {
  const Tensor* in = ctx.input(0);
  quantized_ = in != nullptr && (in->type == tflite::TensorType_INT8 || in->type == tflite::TensorType_UINT8);
  const Tensor* weights = ctx.input(1);
  hybrid_ = !quantized_ && weights != nullptr && weights->type == tflite::TensorType_INT8;
  if (!quantized_) LITESCOPE_RETURN_IF_ERROR(hybrid_ ? CheckFloat32(ctx, {0, 2}) : CheckFloat32(ctx, {0, 1, 2}));
  LITESCOPE_RETURN_IF_ERROR(CheckRank(ctx, 1, 2));
  const auto* o = ctx.options<tflite::FullyConnectedOptions>();
  auto act = o ? o->fused_activation_function() : tflite::ActivationFunctionType_NONE;
  if (!GetActivationRange(act, &range_)) return ctx.Error("unsupported fused activation");
  if (o && o->weights_format() != tflite::FullyConnectedOptionsWeightsFormat_DEFAULT) {
    return ctx.Error("only the DEFAULT weights format is implemented");
  }
  const Tensor& input = *ctx.input(0);
  const Shape& w = ctx.input(1)->shape;
  const int units = w[0], depth = w[1];
  if (depth <= 0 || input.elements() % depth != 0) {
    return ctx.Error("input " + ShapeString(input.shape) + " does not split into rows of " + std::to_string(depth));
  }
  LITESCOPE_RETURN_IF_ERROR(CheckBias(ctx, 2, units));
  if (quantized_) {
    LITESCOPE_RETURN_IF_ERROR(quantized_fc_.Prepare(ctx, range_, input, *ctx.input(1), ctx.input(2), *ctx.output(0)));
  }
  if (hybrid_) {
    LITESCOPE_RETURN_IF_ERROR(
        hybrid_fc_.Prepare(ctx, *ctx.input(1), *ctx.output(0), o != nullptr && o->asymmetric_quantize_inputs()));
  }
  const int32_t batches = static_cast<int32_t>(input.elements() / depth);
  if (o && o->keep_num_dims()) {
    Shape out = input.shape;
    if (out.empty() || out.back() != depth) return ctx.Error("keep_num_dims needs the last input dimension to be the depth");
    out.back() = units;
    return ctx.ResizeOutput(0, std::move(out));
  }
  return ctx.ResizeOutput(0, {batches, units});
}

Status ReferenceFullyConnected::Eval(OpContext& ctx) {
  if (quantized_) {
    quantized_fc_.Eval(*ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0));
    return Status::Ok();
  }
  if (hybrid_) {
    hybrid_fc_.Eval(range_, *ctx.input(0), *ctx.input(1), ctx.input(2), *ctx.output(0));
    return Status::Ok();
  }
  const Tensor& input = *ctx.input(0);
  const Tensor& weights = *ctx.input(1);
  const Tensor* bias = ctx.input(2);
  const int units = weights.shape[0], depth = weights.shape[1];
  const int64_t batches = input.elements() / depth;
  const float* x = input.data<float>();
  const float* w = weights.data<float>();
  const float* b = bias ? bias->data<float>() : nullptr;
  float* y = ctx.output(0)->data<float>();
  for (int64_t n = 0; n < batches; ++n) {
    for (int u = 0; u < units; ++u) {
      float sum = b ? b[u] : 0.0f;
      for (int k = 0; k < depth; ++k) sum += x[n * depth + k] * w[static_cast<int64_t>(u) * depth + k];
      y[n * units + u] = range_.Apply(sum);
    }
  }
  return Status::Ok();
}

std::unique_ptr<Kernel> MakeFullyConnected() { return Make<ReferenceFullyConnected>(); }

}  // namespace litescope
