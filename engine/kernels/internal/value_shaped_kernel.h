// A kernel whose output shapes may follow from the VALUES of some inputs (axes, sizes, paddings,
// begin/end indices): the shapes are computed in Prepare when all those inputs are constant, else
// in every Eval (the outputs are then dynamic). Every output of the node is handled.
//
//   class Slice : public ValueShapedKernel {
//    public:
//     Slice() : ValueShapedKernel({1, 2}) {}   // begin and size decide the output shape
//    protected:
//     Status Check(OpContext& ctx) override;                         // types, ranks, options
//     Status Shapes(OpContext& ctx, std::vector<Shape>* out) override;  // validates the values
//     Status Run(OpContext& ctx) override;                           // no checks needed
//   };
#pragma once

#include <utility>
#include <vector>

#include "engine/kernels/internal/index_copy.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class ValueShapedKernel : public Kernel {
 public:
  explicit ValueShapedKernel(std::vector<int> value_inputs = {}) : value_inputs_(std::move(value_inputs)) {}

  Status Prepare(OpContext& ctx) final {
    LITESCOPE_RETURN_IF_ERROR(Check(ctx));
    dynamic_ = false;
    for (int i : value_inputs_) {
      if (ctx.input(i) != nullptr && !ctx.input_is_constant(i)) dynamic_ = true;
    }
    if (dynamic_) {
      for (int o = 0; o < ctx.output_count(); ++o) ctx.SetOutputDynamic(o);
      return Status::Ok();
    }
    std::vector<Shape> shapes;
    LITESCOPE_RETURN_IF_ERROR(Shapes(ctx, &shapes));
    for (size_t o = 0; o < shapes.size(); ++o) {
      LITESCOPE_RETURN_IF_ERROR(ctx.ResizeOutput(static_cast<int>(o), std::move(shapes[o])));
    }
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) final {
    if (dynamic_) {
      std::vector<Shape> shapes;
      LITESCOPE_RETURN_IF_ERROR(Shapes(ctx, &shapes));
      for (size_t o = 0; o < shapes.size(); ++o) {
        LITESCOPE_RETURN_IF_ERROR(ctx.ResizeDynamicOutput(static_cast<int>(o), std::move(shapes[o])));
      }
    }
    return Run(ctx);
  }

 protected:
  // Everything that does not need the values of the value inputs.
  virtual Status Check(OpContext& ctx) = 0;
  // Validates the values of the value inputs and gives one shape per output.
  virtual Status Shapes(OpContext& ctx, std::vector<Shape>* out) = 0;
  // Computes the outputs; validates only data that no shape depends on (e.g. gather indices).
  virtual Status Run(OpContext& ctx) = 0;

 private:
  std::vector<int> value_inputs_;
  bool dynamic_ = false;
};

// A kernel that only changes the shape: the output holds the input's bytes (SQUEEZE, EXPAND_DIMS).
class ShapeOnlyKernel : public ValueShapedKernel {
 public:
  using ValueShapedKernel::ValueShapedKernel;

 protected:
  Status Run(OpContext& ctx) override {
    CopyTensorBytes(*ctx.input(0), *ctx.output(0));
    return Status::Ok();
  }
};

}  // namespace litescope
