// CALL_ONCE: runs the init subgraph (typically variable initialisation) on the first invoke only.
#include "engine/kernels/internal/subgraph_call.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class CallOnce : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    const auto* o = ctx.options<tflite::CallOnceOptions>();
    if (o == nullptr) return ctx.Error("has no CallOnceOptions");
    if (ctx.input_count() != 0 || ctx.output_count() != 0) return ctx.Error("takes no inputs and gives no outputs");
    init_ = o->init_subgraph_index();
    Subgraph& init = ctx.subgraph(init_);
    LITESCOPE_RETURN_IF_ERROR(CheckSignature(ctx, init, {}, 0, "init"));
    return init.Prepare();
  }

  Status Eval(OpContext& ctx) override {
    if (done_) return Status::Ok();
    LITESCOPE_RETURN_IF_ERROR(ctx.subgraph(init_).Invoke());
    done_ = true;
    return Status::Ok();
  }

 private:
  int init_ = 0;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Kernel> MakeCallOnce() { return Make<CallOnce>(); }

}  // namespace litescope
