// IF: runs the then or the else subgraph on inputs 1.. depending on the boolean input 0.
#include "engine/kernels/internal/subgraph_call.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class If : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    const auto* o = ctx.options<tflite::IfOptions>();
    if (o == nullptr) return ctx.Error("has no IfOptions");
    const Tensor* cond = ctx.input(0);
    if (cond == nullptr || cond->type != tflite::TensorType_BOOL || cond->elements() != 1) {
      return ctx.Error("input 0 must be a single BOOL");
    }
    std::vector<tflite::TensorType> types;
    std::vector<Shape> shapes;
    for (int i = 1; i < ctx.input_count(); ++i) {
      if (ctx.input(i) == nullptr) return ctx.Error("input " + std::to_string(i) + " is missing");
      types.push_back(ctx.input(i)->type);
      shapes.push_back(ctx.input(i)->shape);
    }
    branches_ = {o->then_subgraph_index(), o->else_subgraph_index()};
    std::vector<Shape> first_shapes;
    dynamic_ = false;
    for (int b = 0; b < 2; ++b) {
      Subgraph& branch = ctx.subgraph(branches_[static_cast<size_t>(b)]);
      LITESCOPE_RETURN_IF_ERROR(CheckSignature(ctx, branch, types, ctx.output_count(), b == 0 ? "then" : "else"));
      LITESCOPE_RETURN_IF_ERROR(PrepareWithShapes(branch, shapes));
      for (int i = 0; i < ctx.output_count(); ++i) {
        if (branch.output(i).type != ctx.output(i)->type) {
          return ctx.Error("output " + std::to_string(i) + " type differs from its branch's");
        }
        if (b == 0) first_shapes.push_back(branch.output(i).shape);
        else dynamic_ = dynamic_ || branch.output(i).shape != first_shapes[static_cast<size_t>(i)];
      }
    }
    for (int i = 0; i < ctx.output_count(); ++i) {
      if (dynamic_) ctx.SetOutputDynamic(i);
      else LITESCOPE_RETURN_IF_ERROR(ctx.ResizeOutput(i, first_shapes[static_cast<size_t>(i)]));
    }
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    Subgraph& branch = ctx.subgraph(branches_[ctx.input(0)->data<bool>()[0] ? 0 : 1]);
    std::vector<Value> values;
    for (int i = 1; i < ctx.input_count(); ++i) values.push_back(Value::Of(*ctx.input(i)));
    LITESCOPE_RETURN_IF_ERROR(SetInputs(branch, values));
    LITESCOPE_RETURN_IF_ERROR(branch.Invoke());
    return SetOutputs(ctx, Outputs(branch), dynamic_);
  }

 private:
  std::vector<int> branches_;
  bool dynamic_ = false;
};

}  // namespace

std::unique_ptr<Kernel> MakeIf() { return Make<If>(); }

}  // namespace litescope
