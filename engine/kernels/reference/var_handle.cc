// VAR_HANDLE: the handle of the resource variable named by (container, shared_name); every
// VAR_HANDLE with the same names, in any subgraph, refers to the same variable.
#include "engine/kernels/internal/resource.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class VarHandle : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.output(0)->type != tflite::TensorType_RESOURCE) return ctx.Error("the output must be RESOURCE");
    const auto* o = ctx.options<tflite::VarHandleOptions>();
    std::string container = o && o->container() ? o->container()->str() : "";
    std::string name = o && o->shared_name() ? o->shared_name()->str() : "";
    id_ = ctx.interpreter().ResourceId(container, name);
    return ctx.ResizeOutput(0, {1});
  }
  Status Eval(OpContext& ctx) override {
    ctx.output(0)->data<int32_t>()[0] = id_;
    return Status::Ok();
  }

 private:
  int32_t id_ = 0;
};

}  // namespace

std::unique_ptr<Kernel> MakeVarHandle() { return Make<VarHandle>(); }

}  // namespace litescope
