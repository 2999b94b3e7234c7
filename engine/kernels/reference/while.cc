// WHILE: loop values go through the cond subgraph (a single BOOL out) and, while it says true,
// through the body subgraph, whose outputs become the next loop values.
#include "engine/kernels/internal/subgraph_call.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class While : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    const auto* o = ctx.options<tflite::WhileOptions>();
    if (o == nullptr) return ctx.Error("has no WhileOptions");
    if (ctx.input_count() != ctx.output_count()) return ctx.Error("needs as many outputs as inputs");
    std::vector<tflite::TensorType> types;
    std::vector<Shape> shapes;
    for (int i = 0; i < ctx.input_count(); ++i) {
      if (ctx.input(i) == nullptr) return ctx.Error("input " + std::to_string(i) + " is missing");
      if (ctx.input(i)->type != ctx.output(i)->type) return ctx.Error("output " + std::to_string(i) + " type differs from input");
      types.push_back(ctx.input(i)->type);
      shapes.push_back(ctx.input(i)->shape);
    }
    cond_ = o->cond_subgraph_index();
    body_ = o->body_subgraph_index();
    Subgraph& cond = ctx.subgraph(cond_);
    Subgraph& body = ctx.subgraph(body_);
    LITESCOPE_RETURN_IF_ERROR(CheckSignature(ctx, cond, types, 1, "cond"));
    LITESCOPE_RETURN_IF_ERROR(CheckSignature(ctx, body, types, ctx.output_count(), "body"));
    LITESCOPE_RETURN_IF_ERROR(PrepareWithShapes(cond, shapes));
    LITESCOPE_RETURN_IF_ERROR(PrepareWithShapes(body, shapes));
    if (cond.output(0).type != tflite::TensorType_BOOL || cond.output(0).elements() != 1) {
      return ctx.Error("cond subgraph " + std::to_string(cond_) + " must give a single BOOL");
    }
    // Loop values keep their shapes when the body gives back what it was given.
    dynamic_ = false;
    for (int i = 0; i < body.output_count(); ++i) {
      if (body.output(i).type != types[static_cast<size_t>(i)]) {
        return ctx.Error("body output " + std::to_string(i) + " type differs from the loop value's");
      }
      dynamic_ = dynamic_ || body.output(i).shape != shapes[static_cast<size_t>(i)];
    }
    for (int i = 0; i < ctx.output_count(); ++i) {
      if (dynamic_) ctx.SetOutputDynamic(i);
      else LITESCOPE_RETURN_IF_ERROR(ctx.ResizeOutput(i, shapes[static_cast<size_t>(i)]));
    }
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    Subgraph& cond = ctx.subgraph(cond_);
    Subgraph& body = ctx.subgraph(body_);
    std::vector<Value> values;
    for (int i = 0; i < ctx.input_count(); ++i) values.push_back(Value::Of(*ctx.input(i)));
    for (;;) {
      if (ctx.interpreter().cancelled()) return Cancelled(ctx.label() + ": cancelled");
      LITESCOPE_RETURN_IF_ERROR(SetInputs(cond, values));
      LITESCOPE_RETURN_IF_ERROR(cond.Invoke());
      if (!cond.output(0).data<bool>()[0]) break;
      LITESCOPE_RETURN_IF_ERROR(SetInputs(body, values));
      LITESCOPE_RETURN_IF_ERROR(body.Invoke());
      values = Outputs(body);
    }
    return SetOutputs(ctx, values, dynamic_);
  }

 private:
  int cond_ = 0, body_ = 0;
  bool dynamic_ = false;
};

}  // namespace

std::unique_ptr<Kernel> MakeWhile() { return Make<While>(); }

}  // namespace litescope
