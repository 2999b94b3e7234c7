// ASSIGN_VARIABLE: stores a copy of input 1 as the value of the variable whose handle is input 0.
#include <cstring>

#include "engine/kernels/internal/resource.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class AssignVariable : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckResourceInput(ctx, 0));
    const Tensor* value = ctx.input(1);
    if (value == nullptr || ElementSize(value->type) == 0) return ctx.Error("input 1 must be a numeric tensor");
    return Status::Ok();
  }
  Status Eval(OpContext& ctx) override {
    const Tensor& value = *ctx.input(1);
    Tensor& variable = ctx.interpreter().variables()[ResourceIdOf(*ctx.input(0))];
    if (variable.type != value.type || variable.bytes() != value.bytes() || variable.raw() == nullptr) {
      variable.AllocateOwned(Storage::kPersistent, value.bytes());
    }
    variable.type = value.type;
    variable.shape = value.shape;
    if (value.bytes() != 0) std::memcpy(variable.raw(), value.raw(), value.bytes());
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeAssignVariable() { return Make<AssignVariable>(); }

}  // namespace litescope
