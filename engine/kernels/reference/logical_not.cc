// LOGICAL_NOT: !x on BOOL, elementwise; any non-zero byte counts as true.
#include "engine/kernels/reference/reference_ops.h"
#include "engine/runtime/kernel.h"

namespace litescope {
namespace {

class LogicalNot : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 1 || ctx.output_count() != 1) return ctx.Error("needs 1 input and 1 output");
    const Tensor* in = ctx.input(0);
    if (in == nullptr) return ctx.Error("needs an input");
    if (in->type != tflite::TensorType_BOOL) {
      return ctx.Error(std::string("the input is ") + tflite::EnumNameTensorType(in->type) + "; BOOL expected");
    }
    if (ctx.output(0)->type != tflite::TensorType_BOOL) {
      return ctx.Error(std::string("the output is ") + tflite::EnumNameTensorType(ctx.output(0)->type) +
                       "; BOOL expected");
    }
    return ctx.ResizeOutput(0, in->shape);
  }

  Status Eval(OpContext& ctx) override {
    const uint8_t* x = ctx.input(0)->raw();
    uint8_t* y = ctx.output(0)->raw();
    for (int64_t i = 0, n = ctx.input(0)->elements(); i < n; ++i) y[i] = x[i] == 0 ? 1 : 0;
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeLogicalNot() { return Make<LogicalNot>(); }

}  // namespace litescope
