// Padding ops: PAD and PADV2 (one kernel: PADV2's optional input 2 gives the pad value) and the
// paddings input that they and MIRROR_PAD share (an INT32/INT64 [rank, 2] tensor of before/after
// counts, each >= 0).
//
//   std::unique_ptr<Kernel> MakePad() { return Make<ConstantPadKernel>(); }
#pragma once

#include <array>
#include <vector>

#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/kernels/internal/value_shaped_kernel.h"

namespace litescope {

using Paddings = std::vector<std::array<int64_t, 2>>;

inline Status CheckPaddingsShape(const OpContext& ctx, const Tensor& in, const Tensor& paddings) {
  LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, &paddings, "the paddings", kIndexTypes));
  if (paddings.shape != Shape{static_cast<int32_t>(in.shape.size()), 2}) {
    return ctx.Error("the paddings have shape " + ShapeString(paddings.shape) + "; [" +
                     std::to_string(in.shape.size()) + ", 2] expected for an input of rank " +
                     std::to_string(in.shape.size()));
  }
  return Status::Ok();
}

// Reads the paddings and gives the padded shape.
inline Status ReadPaddings(const OpContext& ctx, const Tensor& in, const Tensor& paddings, Paddings* pads,
                           Shape* padded) {
  std::vector<int64_t> v;
  LITESCOPE_RETURN_IF_ERROR(ReadInts(ctx, paddings, "the paddings", &v));
  pads->clear();
  padded->clear();
  for (size_t d = 0; d < in.shape.size(); ++d) {
    const int64_t before = v[2 * d], after = v[2 * d + 1];
    if (before < 0 || after < 0) {
      return ctx.Error("the paddings of dimension " + std::to_string(d) + " are " + std::to_string(before) + ", " +
                       std::to_string(after) + "; they must be >= 0");
    }
    const int64_t size = in.shape[d] + before + after;
    LITESCOPE_RETURN_IF_ERROR(CheckDim(ctx, size, "padded dimension " + std::to_string(d)));
    pads->push_back({before, after});
    padded->push_back(static_cast<int32_t>(size));
  }
  return Status::Ok();
}

class ConstantPadKernel : public ValueShapedKernel {
 public:
  ConstantPadKernel() : ValueShapedKernel({1}) {}

 protected:
  Status Check(OpContext& ctx) override {
    if (ctx.input_count() < 2 || ctx.input_count() > 3 || ctx.output_count() != 1) {
      return ctx.Error("needs an input, paddings, an optional pad value and one output");
    }
    const Tensor* in = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, in, "the input", {tflite::TensorType_FLOAT32, tflite::TensorType_INT8,
                                                               tflite::TensorType_UINT8, tflite::TensorType_INT16,
                                                               tflite::TensorType_INT32, tflite::TensorType_INT64}));
    if (in->shape.size() > 5) return ctx.Error("inputs of rank " + std::to_string(in->shape.size()) + " > 5 are not supported");
    if (ctx.input(1) == nullptr) return ctx.Error("the paddings are missing");
    LITESCOPE_RETURN_IF_ERROR(CheckPaddingsShape(ctx, *in, *ctx.input(1)));
    LITESCOPE_RETURN_IF_ERROR(CheckOutputType(ctx, 0, in->type));
    LITESCOPE_RETURN_IF_ERROR(CheckSameQuantization(ctx, *in, *ctx.output(0), "the input and the output"));
    const Tensor* value = ctx.input(2);
    if (value != nullptr) {
      if (value->type != in->type || value->elements() != 1) {
        return ctx.Error("the pad value is " + TypeName(value->type) + " " + ShapeString(value->shape) +
                         "; one value of the input type expected");
      }
      LITESCOPE_RETURN_IF_ERROR(CheckSameQuantization(ctx, *value, *ctx.output(0), "the pad value and the output"));
    }
    return Status::Ok();
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    Shape padded;
    LITESCOPE_RETURN_IF_ERROR(ReadPaddings(ctx, *ctx.input(0), *ctx.input(1), &pads_, &padded));
    out->push_back(std::move(padded));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    const Tensor& in = *ctx.input(0);
    const size_t elem = ElementSize(in.type);
    // The pad value: the given one, else 0, which for quantized types is the zero point.
    std::array<uint8_t, 8> pad = ZeroBytes(*ctx.output(0));
    if (ctx.input(2) != nullptr) std::memcpy(pad.data(), ctx.input(2)->raw(), elem);
    const std::vector<int64_t> strides = ContiguousStrides(in.shape);
    DimOffsets offsets(in.shape.size());
    for (size_t d = 0; d < in.shape.size(); ++d) {
      offsets[d].assign(static_cast<size_t>(ctx.output(0)->shape[d]), kPadOffset);
      for (int64_t i = 0; i < in.shape[d]; ++i) offsets[d][static_cast<size_t>(pads_[d][0] + i)] = i * strides[d];
    }
    CopyByOffsets(in.raw(), ctx.output(0)->raw(), elem, offsets, pad.data());
    return Status::Ok();
  }

 private:
  Paddings pads_;
};

}  // namespace litescope
