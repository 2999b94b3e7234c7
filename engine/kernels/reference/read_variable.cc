// READ_VARIABLE: the current value of the variable whose handle is input 0. Its shape is known
// only once the variable has been assigned, so the output is sized at eval time.
#include <cstring>

#include "engine/kernels/internal/resource.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class ReadVariable : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckResourceInput(ctx, 0));
    ctx.SetOutputDynamic(0);
    return Status::Ok();
  }
  Status Eval(OpContext& ctx) override {
    auto& variables = ctx.interpreter().variables();
    auto it = variables.find(ResourceIdOf(*ctx.input(0)));
    if (it == variables.end()) return ctx.Error("reads a variable that was never assigned");
    const Tensor& value = it->second;
    if (value.type != ctx.output(0)->type) {
      return ctx.Error(std::string("the variable holds ") + tflite::EnumNameTensorType(value.type) + ", the output is " +
                       tflite::EnumNameTensorType(ctx.output(0)->type));
    }
    LITESCOPE_RETURN_IF_ERROR(ctx.ResizeDynamicOutput(0, value.shape));
    if (value.bytes() != 0) std::memcpy(ctx.output(0)->raw(), value.raw(), value.bytes());
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeReadVariable() { return Make<ReadVariable>(); }

}  // namespace litescope
