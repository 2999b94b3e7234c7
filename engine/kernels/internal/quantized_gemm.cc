#include "engine/kernels/internal/quantized_gemm.h"

#include <algorithm>
#include <new>
#include <string>

namespace litescope {

Status QuantizedGemm::Prepare(OpContext& ctx, const I8Quantization& q, int n, int k, int64_t m) {
  q_ = q;
  kernels_ = &Int8KernelsFor(SelectedInt8CpuIsa());
  if (!packed_.Allocate(n, k)) return ctx.Error("out of memory for the packed weights");
  const Tensor* bias = ctx.input(2);
  constant_weights_ = ctx.input_is_constant(1) && (bias == nullptr || ctx.input_is_constant(2));
  if (constant_weights_) Pack(ctx);
  const size_t bytes = GemmI8ScratchBytes(PlanGemmI8(m, n, k, ctx.threads()));
  try {
    scratch_.resize(bytes);
  } catch (const std::bad_alloc&) {
    return ctx.Error("out of memory for " + std::to_string(bytes) + " bytes of int8 GEMM scratch");
  }
  return Status::Ok();
}

void QuantizedGemm::Pack(const OpContext& ctx) {
  const Tensor* bias = ctx.input(2);
  packed_.Pack(ctx.input(1)->raw(), bias != nullptr ? bias->data<int32_t>() : nullptr, q_);
}

void QuantizedGemm::Eval(OpContext& ctx, const I8Rows& a) {
  if (!constant_weights_) Pack(ctx);
  GemmI8(*kernels_, ctx.pool(), a, packed_, ctx.output(0)->raw(), packed_.n(), scratch_.data());
}

bool GemmI8Applies(const OpContext& ctx) {
  const auto type = ctx.input(0)->type;
  const Tensor* bias = ctx.input(2);
  return (type == tflite::TensorType_INT8 || type == tflite::TensorType_UINT8) && ctx.input(1)->type == type &&
         (bias == nullptr || bias->type == tflite::TensorType_INT32);
}

namespace {

// What the reference kernels computed at Prepare, gathered for gemm_i8.h.
template <typename Ref>
I8Quantization Gather(const Ref& ref, const Tensor& input, int32_t weights_zero_point) {
  I8Quantization q;
  q.int8 = input.type == tflite::TensorType_INT8;
  q.input_zero_point = ref.input_quantization().zero_point;
  q.weights_zero_point = weights_zero_point;
  q.output_zero_point = ref.output_quantization().zero_point;
  q.multiplier = ref.multipliers();
  q.shift = ref.shifts();
  q.min = ref.clamp().min;
  q.max = ref.clamp().max;
  return q;
}

}  // namespace

I8Quantization ConvI8Quantization(const QuantizedConv& ref, const Tensor& input) {
  return Gather(ref, input, ref.filter_zero_point());
}

I8Quantization FullyConnectedI8Quantization(const QuantizedFullyConnected& ref, const Tensor& input) {
  return Gather(ref, input, ref.weights_zero_point());
}

}  // namespace litescope
