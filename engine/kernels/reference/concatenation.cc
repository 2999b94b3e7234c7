// CONCATENATION: the inputs joined along `axis` (negative counts from the end); all other
// dimensions must match. A fused activation clamps float32 results. INT8 and INT16 inputs must
// share the output's quantization, as TFLite requires; UINT8 inputs with other scales or zero
// points are requantized as TFLite's ConcatenationWithScaling does, in float:
// q_out = clamp(round(q_in * s + (-zp_in * s)) + zp_out, 0, 255) with s = s_in * (1 / s_out).
#include <algorithm>
#include <cmath>

#include "engine/kernels/internal/activation.h"
#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/fixed_point.h"
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
      if (t->type == tflite::TensorType_UINT8) {
        LITESCOPE_RETURN_IF_ERROR(PrepareRescale(ctx, *t, what, i));
      } else {
        LITESCOPE_RETURN_IF_ERROR(CheckSameQuantization(ctx, *t, *ctx.output(0), what + " and the output"));
      }
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
    if (!rescale_.empty()) Rescale(ctx);
    if (act_ != tflite::ActivationFunctionType_NONE) {
      float* y = output.data<float>();
      for (int64_t i = 0; i < output.elements(); ++i) y[i] = range_.Apply(y[i]);
    }
    return Status::Ok();
  }

 private:
  // Input i's scale factor and offset onto the output's quantization, or none when it has the
  // output's scale and zero point (copied as it is).
  struct Rescaling {
    int input;
    float scale, bias;
  };

  Status PrepareRescale(OpContext& ctx, const Tensor& t, const std::string& what, int i) {
    if (i == 0) {
      rescale_.clear();
      LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, *ctx.output(0), "output", &output_q_));
    }
    TensorQuantization q;
    LITESCOPE_RETURN_IF_ERROR(GetTensorQuantization(ctx, t, what, &q));
    if (q.scale == output_q_.scale && q.zero_point == output_q_.zero_point) return Status::Ok();
    const float scale = q.scale * (1.0f / output_q_.scale);
    rescale_.push_back({i, scale, -static_cast<float>(q.zero_point) * scale});
    return Status::Ok();
  }

  // Requantizes, in the output, the UINT8 values that ConcatBlocks copied from rescaled inputs.
  void Rescale(OpContext& ctx) {
    Tensor& output = *ctx.output(0);
    std::vector<int64_t> offset(ctx.input_count() + 1, 0);  // each input's start within an outer block
    for (int i = 0; i < ctx.input_count(); ++i) {
      const Tensor& t = *ctx.input(i);
      offset[i + 1] = offset[i] + DimProduct(t.shape, axis_, t.shape.size());
    }
    const int64_t outer = DimProduct(output.shape, 0, static_cast<size_t>(axis_));
    uint8_t* y = output.data<uint8_t>();
    for (int64_t o = 0; o < outer; ++o) {
      uint8_t* block = y + o * offset.back();
      for (const Rescaling& r : rescale_) {
        for (int64_t j = offset[r.input]; j < offset[r.input + 1]; ++j) {
          const int32_t v = static_cast<int32_t>(std::round(block[j] * r.scale + r.bias)) + output_q_.zero_point;
          block[j] = static_cast<uint8_t>(std::clamp(v, 0, 255));
        }
      }
    }
  }

  std::vector<Rescaling> rescale_;
  TensorQuantization output_q_;
  int axis_ = 0;
  tflite::ActivationFunctionType act_ = tflite::ActivationFunctionType_NONE;
  ActivationRange range_;
};

}  // namespace

std::unique_ptr<Kernel> MakeConcatenation() { return Make<Concatenation>(); }

}  // namespace litescope
