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
//     // Optional: INT8/UINT8/INT16 as TFLite's quantized MEAN or SUM (internal/quantized_reduce.h).
//     static constexpr QuantizedReduce::Kind kQuantizedKind = QuantizedReduce::kSum;
//   };
//   std::unique_ptr<Kernel> MakeSum() { return Make<ReduceKernel<SumOp>>(); }
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "engine/kernels/internal/quantized_reduce.h"
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
    quantized_type_ = kQuantized && IsQuantizedType(in->type);
    if constexpr (kQuantized) {
      if (quantized_type_) LITESCOPE_RETURN_IF_ERROR(quantized_.Prepare(ctx, Op::kQuantizedKind, *in, *ctx.output(0)));
    }
    const Tensor* axes = ctx.input(1);
    if (axes == nullptr || axes->type != tflite::TensorType_INT32) return ctx.Error("the axes must be INT32");
    if (axes->shape.size() > 1) return ctx.Error("the axes must be a scalar or 1-D, got shape " + ShapeString(axes->shape));
    const auto* o = ctx.options<tflite::ReducerOptions>();
    keep_dims_ = o != nullptr && o->keep_dims();
    return PrepareValueShapedOutput(ctx, 1, [&](Shape* out) { return Reduce(ctx, out); });
  }

  Status Eval(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(EvalValueShapedOutput(ctx, 1, [&](Shape* out) { return Reduce(ctx, out); }));
    if (quantized_type_) {
      switch (ctx.input(0)->type) {
        case tflite::TensorType_INT8: RunQuantized<int8_t>(ctx); break;
        case tflite::TensorType_UINT8: RunQuantized<uint8_t>(ctx); break;
        default: RunQuantized<int16_t>(ctx); break;
      }
      return Status::Ok();
    }
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
  static constexpr bool kQuantized = requires { Op::kQuantizedKind; };

  static bool IsQuantizedType(tflite::TensorType type) {
    return type == tflite::TensorType_INT8 || type == tflite::TensorType_UINT8 || type == tflite::TensorType_INT16;
  }

  static Status CheckTypes(const OpContext& ctx, const Tensor& in, const Tensor& out) {
    const std::string name = tflite::EnumNameTensorType(in.type);
    bool ok = in.type == tflite::TensorType_FLOAT32;
    if (in.type == tflite::TensorType_INT32 || in.type == tflite::TensorType_INT64) ok = Op::kIntegers;
    if (IsQuantizedType(in.type) && !kQuantized) {  // the quantized MEAN and SUM check in quantized_
      if (!Op::kOrderOnly) return ctx.Error(std::string("quantized ") + Op::kName + " is not implemented yet");
      if (in.quant.scale != out.quant.scale || in.quant.zero_point != out.quant.zero_point) {
        return ctx.Error(std::string("quantized ") + Op::kName +
                         " with different input and output quantization is not implemented yet");
      }
    }
    if (IsQuantizedType(in.type)) ok = true;
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
    Tensor& output = *ctx.output(0);
    T* y = output.data<T>();
    std::fill(y, y + output.elements(), Op::template Init<T>());
    const int64_t count = Accumulate<T>(ctx, y, [](T acc, T x) { return Op::Add(acc, x); });
    for (int64_t i = 0; i < output.elements(); ++i) y[i] = Op::Finish(y[i], count);
  }

  // int32 sums of the stored values (wrapping, as TFLite's temp_sum), finished by quantized_ and
  // cast to T (wrapping: TFLite's quantized SUM does not clamp). An empty input gives 0s.
  template <typename T>
  void RunQuantized(OpContext& ctx) {
    const Tensor& input = *ctx.input(0);
    Tensor& output = *ctx.output(0);
    sums_.assign(static_cast<size_t>(output.elements()), 0);
    const int64_t n = Accumulate<T>(ctx, sums_.data(), [](int32_t acc, T x) { return WrappingAdd<int32_t>(acc, x); });
    if (input.elements() > 0 && n > 0) {
      quantized_.Finish(sums_.data(), output.elements(), n, quantized_.Pooled(input, *ctx.input(1), keep_dims_),
                        sums_.data());
    }
    T* y = output.data<T>();
    for (int64_t i = 0; i < output.elements(); ++i) y[i] = static_cast<T>(sums_[static_cast<size_t>(i)]);
  }

  // Folds every input element into the output element it reduces to (y already initialized);
  // returns how many input elements each output element takes.
  template <typename T, typename Acc, typename Add>
  int64_t Accumulate(OpContext& ctx, Acc* y, Add add) {
    const Tensor& input = *ctx.input(0);
    const Shape& in = input.shape;
    const size_t rank = in.size();
    // Output stride of every input dimension (0 for reduced ones). Members, not locals: GCC 12
    // warns (-Wfree-nonheap-object) about local vectors inlined here.
    out_stride_.assign(rank, 0);
    int64_t stride = 1, count = 1;
    for (size_t d = rank; d-- > 0;) {
      if (reduced_[d]) {
        count *= in[d];
      } else {
        out_stride_[d] = stride;
        stride *= in[d];
      }
    }
    const T* x = input.data<T>();
    idx_.assign(rank, 0);
    int64_t o = 0;
    for (int64_t i = 0, n = input.elements(); i < n; ++i) {
      y[o] = add(y[o], x[i]);
      for (size_t d = rank; d-- > 0;) {  // odometer increment, innermost dimension first
        ++idx_[d];
        o += out_stride_[d];
        if (idx_[d] < in[d]) break;
        o -= out_stride_[d] * in[d];
        idx_[d] = 0;
      }
    }
    return count;
  }

  bool keep_dims_ = false;
  std::vector<bool> reduced_;
  std::vector<int64_t> out_stride_;
  std::vector<int32_t> idx_;
  bool quantized_type_ = false;  // INT8, UINT8 or INT16 with Op::kQuantizedKind
  QuantizedReduce quantized_;
  std::vector<int32_t> sums_;
};

}  // namespace litescope
