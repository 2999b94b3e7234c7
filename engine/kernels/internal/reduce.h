// The kernel shared by the reductions (MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_PROD): input 0
// reduced over the INT32 axes of input 1 (negative axes count from the end; a repeated axis
// counts once; no axes copies the input), reduced dimensions kept as 1 with keep_dims. The
// axes may be fed at run time (the output is then sized in Eval). Each op file supplies the
// fold and which element types it takes:
//
//   struct SumOp {
//     static constexpr const char* kName = "SUM";
//     static constexpr bool kIntegers = true;    // INT32 and INT64 as plain integers
//     static constexpr bool kOrderOnly = false;  // INT8/UINT8/INT16 pass through (same quantization)
//     template <typename T> static T Init() { return T(0); }
//     template <typename T> static T Add(T acc, T x) { return WrappingAdd(acc, x); }
//     template <typename T> static T Finish(T acc, int64_t /*count*/) { return acc; }
//   };
//   std::unique_ptr<Kernel> MakeSum() { return Make<ReduceKernel<SumOp>>(); }
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "engine/kernels/internal/value_shaped_output.h"
#include "engine/kernels/internal/wrapping_math.h"
#include "engine/runtime/kernel.h"

namespace litescope {

template <typename Op>
class ReduceKernel : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    const Tensor* in = ctx.input(0);
    if (in == nullptr) return ctx.Error("needs an input");
    LITESCOPE_RETURN_IF_ERROR(CheckTypes(ctx, *in, *ctx.output(0)));
    const Tensor* axes = ctx.input(1);
    if (axes == nullptr || axes->type != tflite::TensorType_INT32) return ctx.Error("the axes must be INT32");
    if (axes->shape.size() > 1) return ctx.Error("the axes must be a scalar or 1-D, got shape " + ShapeString(axes->shape));
    const auto* o = ctx.options<tflite::ReducerOptions>();
    keep_dims_ = o != nullptr && o->keep_dims();
    return PrepareValueShapedOutput(ctx, 1, [&](Shape* out) { return Reduce(ctx, out); });
  }

  Status Eval(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(EvalValueShapedOutput(ctx, 1, [&](Shape* out) { return Reduce(ctx, out); }));
    switch (ctx.input(0)->type) {
      case tflite::TensorType_FLOAT32: Run<float>(ctx); break;
      case tflite::TensorType_INT32: if constexpr (Op::kIntegers) Run<int32_t>(ctx); break;
      case tflite::TensorType_INT64: if constexpr (Op::kIntegers) Run<int64_t>(ctx); break;
      case tflite::TensorType_INT8: if constexpr (Op::kOrderOnly) Run<int8_t>(ctx); break;
      case tflite::TensorType_UINT8: if constexpr (Op::kOrderOnly) Run<uint8_t>(ctx); break;
      case tflite::TensorType_INT16: if constexpr (Op::kOrderOnly) Run<int16_t>(ctx); break;
      default: break;  // refused in Prepare
    }
    return Status::Ok();
  }

 private:
  static Status CheckTypes(const OpContext& ctx, const Tensor& in, const Tensor& out) {
    const std::string name = tflite::EnumNameTensorType(in.type);
    bool ok = in.type == tflite::TensorType_FLOAT32;
    if (in.type == tflite::TensorType_INT32 || in.type == tflite::TensorType_INT64) ok = Op::kIntegers;
    if (in.type == tflite::TensorType_INT8 || in.type == tflite::TensorType_UINT8 ||
        in.type == tflite::TensorType_INT16) {
      if (!Op::kOrderOnly) return ctx.Error(std::string("quantized ") + Op::kName + " is not implemented yet");
      if (in.quant.scale != out.quant.scale || in.quant.zero_point != out.quant.zero_point) {
        return ctx.Error(std::string("quantized ") + Op::kName +
                         " with different input and output quantization is not implemented yet");
      }
      ok = true;
    }
    if (!ok) return ctx.Error(std::string(Op::kName) + " of " + name + " is not supported");
    if (out.type != in.type) {
      return ctx.Error("the output is " + std::string(tflite::EnumNameTensorType(out.type)) + "; it must be " + name +
                       " like the input");
    }
    return Status::Ok();
  }

  // Marks the reduced dimensions and gives the output shape.
  Status Reduce(const OpContext& ctx, Shape* out) {
    const Shape& in = ctx.input(0)->shape;
    const Tensor& axes = *ctx.input(1);
    const int rank = static_cast<int>(in.size());
    reduced_.assign(in.size(), false);
    for (int64_t i = 0; i < axes.elements(); ++i) {
      int a = axes.data<int32_t>()[i];
      if (a < -rank || a >= rank) {
        return ctx.Error("axis " + std::to_string(a) + " is out of range for rank " + std::to_string(rank));
      }
      reduced_[static_cast<size_t>(a < 0 ? a + rank : a)] = true;
    }
    out->clear();
    for (size_t d = 0; d < in.size(); ++d) {
      if (!reduced_[d]) out->push_back(in[d]);
      else if (keep_dims_) out->push_back(1);
    }
    return Status::Ok();
  }

  template <typename T>
  void Run(OpContext& ctx) {
    const Tensor& input = *ctx.input(0);
    const Shape& in = input.shape;
    const size_t rank = in.size();
    // Output stride of every input dimension (0 for reduced ones).
    std::vector<int64_t> out_stride(rank, 0);
    int64_t stride = 1, count = 1;
    for (size_t d = rank; d-- > 0;) {
      if (reduced_[d]) {
        count *= in[d];
      } else {
        out_stride[d] = stride;
        stride *= in[d];
      }
    }
    Tensor& output = *ctx.output(0);
    T* y = output.data<T>();
    std::fill(y, y + output.elements(), Op::template Init<T>());
    const T* x = input.data<T>();
    std::vector<int32_t> idx(rank, 0);
    int64_t o = 0;
    for (int64_t i = 0, n = input.elements(); i < n; ++i) {
      y[o] = Op::Add(y[o], x[i]);
      for (size_t d = rank; d-- > 0;) {  // odometer increment, innermost dimension first
        ++idx[d];
        o += out_stride[d];
        if (idx[d] < in[d]) break;
        o -= out_stride[d] * in[d];
        idx[d] = 0;
      }
    }
    for (int64_t i = 0; i < output.elements(); ++i) y[i] = Op::Finish(y[i], count);
  }

  bool keep_dims_ = false;
  std::vector<bool> reduced_;
};

}  // namespace litescope
