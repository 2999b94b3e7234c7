// CONCATENATION: the inputs joined along `axis` (negative counts from the end); all other
// dimensions must match. A fused activation clamps float32 results; quantized inputs must share
// the output's quantization (requantizing is not implemented yet).
#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Concatenation : public ValueShapedKernel {
 protected:
  Status Check(OpContext& ctx) override {
    if (ctx.input_count() < 1 || ctx.output_count() != 1) return ctx.Error("needs inputs and one output");
    const auto* o = ctx.options<tflite::ConcatenationOptions>();
    if (o == nullptr) return ctx.Error("has no ConcatenationOptions");
    const Tensor* first = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, first, "input 0", kMovableTypes));
    LITESCOPE_RETURN_IF_ERROR(ResolveAxis(ctx, o->axis(), static_cast<int>(first->shape.size()), &axis_));
    act_ = o->fused_activation_function();
    if (!GetActivationRange(act_, &range_)) return ctx.Error("unsupported fused activation");
    if (act_ != tflite::ActivationFunctionType_NONE && first->type != tflite::TensorType_FLOAT32) {
      return ctx.Error("a fused activation needs FLOAT32 inputs, not " + TypeName(first->type));
    }
    LITESCOPE_RETURN_IF_ERROR(CheckOutputType(ctx, 0, first->type));
    for (int i = 0; i < ctx.input_count(); ++i) {
      const Tensor* t = ctx.input(i);
      const std::string what = "input " + std::to_string(i);
      if (t == nullptr) return ctx.Error(what + " is missing");
      if (t->type != first->type) return ctx.Error(what + " is " + TypeName(t->type) + ", input 0 is " + TypeName(first->type));
      LITESCOPE_RETURN_IF_ERROR(CheckSameQuantization(ctx, *t, *ctx.output(0), what + " and the output"));
      bool same = t->shape.size() == first->shape.size();
      for (size_t d = 0; same && d < t->shape.size(); ++d) same = static_cast<int>(d) == axis_ || t->shape[d] == first->shape[d];
      if (!same) {
        return ctx.Error(what + " has shape " + ShapeString(t->shape) + ", which does not concatenate with " +
                         ShapeString(first->shape) + " along axis " + std::to_string(axis_));
      }
    }
    if (first->type == tflite::TensorType_INT16 && !first->quant.zero_point.empty() && first->quant.zero_point[0] != 0) {
      return ctx.Error("INT16 inputs need a zero point of 0");
    }
    return Status::Ok();
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    Shape shape = ctx.input(0)->shape;
    int64_t sum = 0;
    for (int i = 0; i < ctx.input_count(); ++i) sum += ctx.input(i)->shape[static_cast<size_t>(axis_)];
    LITESCOPE_RETURN_IF_ERROR(CheckDim(ctx, sum, "the concatenated dimension"));
    shape[static_cast<size_t>(axis_)] = static_cast<int32_t>(sum);
    out->push_back(std::move(shape));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    Tensor& output = *ctx.output(0);
    const size_t elem = ElementSize(output.type);
    std::vector<ConstBlock> parts;
    for (int i = 0; i < ctx.input_count(); ++i) {
      const Tensor& t = *ctx.input(i);
      parts.push_back({t.raw(), static_cast<size_t>(DimProduct(t.shape, axis_, t.shape.size())) * elem});
    }
    ConcatBlocks(parts, DimProduct(output.shape, 0, static_cast<size_t>(axis_)), output.raw());
    if (act_ != tflite::ActivationFunctionType_NONE) {
      float* y = output.data<float>();
      for (int64_t i = 0; i < output.elements(); ++i) y[i] = range_.Apply(y[i]);
    }
    return Status::Ok();
  }

 private:
  int axis_ = 0;
  tflite::ActivationFunctionType act_ = tflite::ActivationFunctionType_NONE;
  ActivationRange range_;
};

}  // namespace

std::unique_ptr<Kernel> MakeConcatenation() { return Make<Concatenation>(); }

}  // namespace litescope
