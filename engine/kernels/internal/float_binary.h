// The float32 kernel shared by elementwise binary ops with broadcasting and an optional fused
// activation (ADD, SUB, MUL, DIV, ...): each op file supplies the scalar function.
//
//   struct AddOp { static float Apply(float a, float b) { return a + b; } };
//   std::unique_ptr<Kernel> MakeAdd() { return Make<FloatBinaryKernel<AddOp, tflite::AddOptions>>(); }
#pragma once

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/broadcast.h"
#include "engine/runtime/kernel.h"

namespace litescope {

// `Options` is the op's options table, or void for ops without a fused activation.
template <typename Op, typename Options>
class FloatBinaryKernel : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    const Tensor* a = ctx.input(0);
    const Tensor* b = ctx.input(1);
    if (a == nullptr || b == nullptr) return ctx.Error("needs two inputs");
    if (a->type != tflite::TensorType_FLOAT32 || b->type != tflite::TensorType_FLOAT32) {
      return ctx.Error("only FLOAT32 inputs are implemented so far (got " +
                       std::string(tflite::EnumNameTensorType(a->type)) + ")");
    }
    if constexpr (!std::is_void_v<Options>) {
      const Options* options = ctx.template options<Options>();
      auto act = options ? options->fused_activation_function() : tflite::ActivationFunctionType_NONE;
      if (!GetActivationRange(act, &range_)) return ctx.Error("unsupported fused activation");
    }
    Shape out;
    if (!BroadcastShapes(a->shape, b->shape, &out)) {
      return ctx.Error("input shapes " + ShapeString(a->shape) + " and " + ShapeString(b->shape) +
                       " do not broadcast");
    }
    if (ctx.output(0)->type != tflite::TensorType_FLOAT32) return ctx.Error("the output must be FLOAT32");
    return ctx.ResizeOutput(0, std::move(out));
  }

  Status Eval(OpContext& ctx) override {
    const Tensor* a = ctx.input(0);
    const Tensor* b = ctx.input(1);
    Tensor* out = ctx.output(0);
    const float* pa = a->data<float>();
    const float* pb = b->data<float>();
    float* po = out->data<float>();
    ForEachBroadcast(a->shape, b->shape, out->shape,
                     [&](int64_t o, int64_t ia, int64_t ib) { po[o] = range_.Apply(Op::Apply(pa[ia], pb[ib])); });
    return Status::Ok();
  }

 private:
  ActivationRange range_;
};

}  // namespace litescope
