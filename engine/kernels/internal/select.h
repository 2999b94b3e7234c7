// The kernel shared by SELECT and SELECT_V2: out = condition ? x : y, elementwise.
//   SELECT (v1): the condition has x's shape, or is a scalar (picks all of x or all of y), or is
//                1-D with x's first dimension (picks whole rows); x and y have the same shape.
//   SELECT_V2:   condition, x and y broadcast together (NumPy rules).
// Elements are moved as bytes, so every type TFLite selects (BOOL, FLOAT32, INT8, UINT8, INT16,
// INT32, INT64) works, quantized ones included.
//
//   std::unique_ptr<Kernel> MakeSelectV2() { return Make<SelectKernel<true>>(); }
#pragma once

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "engine/kernels/internal/broadcast.h"
#include "engine/runtime/kernel.h"

namespace litescope {

template <bool kBroadcast>
class SelectKernel : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    if (ctx.input_count() != 3 || ctx.output_count() != 1) return ctx.Error("needs 3 inputs and 1 output");
    const Tensor* cond = ctx.input(0);
    const Tensor* x = ctx.input(1);
    const Tensor* y = ctx.input(2);
    if (cond == nullptr || x == nullptr || y == nullptr) return ctx.Error("needs 3 inputs");
    if (cond->type != tflite::TensorType_BOOL) {
      return ctx.Error(std::string("the condition is ") + tflite::EnumNameTensorType(cond->type) + "; BOOL expected");
    }
    if (x->type != y->type) {
      return ctx.Error(std::string("x is ") + tflite::EnumNameTensorType(x->type) + " and y is " +
                       tflite::EnumNameTensorType(y->type) + "; they must have the same type");
    }
    switch (x->type) {
      case tflite::TensorType_BOOL:
      case tflite::TensorType_FLOAT32:
      case tflite::TensorType_INT8:
      case tflite::TensorType_UINT8:
      case tflite::TensorType_INT16:
      case tflite::TensorType_INT32:
      case tflite::TensorType_INT64:
        break;
      default:
        return ctx.Error(std::string("x is ") + tflite::EnumNameTensorType(x->type) +
                         "; supported: BOOL, FLOAT32, INT8, UINT8, INT16, INT32, INT64");
    }
    Tensor* out = ctx.output(0);
    if (out->type != x->type) {
      return ctx.Error(std::string("the output is ") + tflite::EnumNameTensorType(out->type) + "; " +
                       tflite::EnumNameTensorType(x->type) + " (the type of x) expected");
    }
    const std::string shapes =
        "condition " + ShapeString(cond->shape) + ", x " + ShapeString(x->shape) + ", y " + ShapeString(y->shape);
    rows_ = false;
    if (cond->shape == x->shape && x->shape == y->shape) return ctx.ResizeOutput(0, x->shape);
    if constexpr (kBroadcast) {
      Shape xy, shape;
      if (!BroadcastShapes(x->shape, y->shape, &xy) || !BroadcastShapes(cond->shape, xy, &shape)) {
        return ctx.Error("the shapes (" + shapes + ") do not broadcast");
      }
      return ctx.ResizeOutput(0, std::move(shape));
    } else {
      if (x->shape != y->shape) return ctx.Error("x and y must have the same shape (" + shapes + ")");
      rows_ = cond->shape.empty() || (cond->shape.size() == 1 && !x->shape.empty() && cond->shape[0] == x->shape[0]);
      if (!rows_) {
        return ctx.Error("the condition must have x's shape, be a scalar, or be 1-D with x's first dimension (" +
                         shapes + ")");
      }
      return ctx.ResizeOutput(0, x->shape);
    }
  }

  Status Eval(OpContext& ctx) override {
    const Tensor& cond = *ctx.input(0);
    const Tensor& x = *ctx.input(1);
    const Tensor& y = *ctx.input(2);
    Tensor& out = *ctx.output(0);
    const size_t size = ElementSize(x.type);
    const uint8_t* c = cond.raw();
    auto copy = [&](int64_t o, bool pick_x, int64_t i) {
      const uint8_t* src = (pick_x ? x.raw() : y.raw()) + static_cast<size_t>(i) * size;
      std::memcpy(out.raw() + static_cast<size_t>(o) * size, src, size);
    };
    if (rows_) {
      // A scalar condition picks everything; a 1-D one picks whole rows of x's first dimension.
      const int64_t rows = cond.elements();
      const int64_t row = cond.shape.empty() ? x.elements() : x.elements() / std::max<int64_t>(1, x.shape[0]);
      for (int64_t r = 0; r < rows; ++r) {
        for (int64_t k = 0; k < row; ++k) copy(r * row + k, c[r] != 0, r * row + k);
      }
      return Status::Ok();
    }
    ForEachBroadcast3(cond.shape, x.shape, y.shape, out.shape, [&](int64_t o, int64_t ic, int64_t ix, int64_t iy) {
      copy(o, c[ic] != 0, c[ic] != 0 ? ix : iy);
    });
    return Status::Ok();
  }

 private:
  // Calls f(output_index, index_in_a, index_in_b, index_in_c) for every output element in order.
  template <typename F>
  static void ForEachBroadcast3(const Shape& a, const Shape& b, const Shape& c, const Shape& out, F&& f) {
    const size_t rank = out.size();
    std::array<std::vector<int64_t>, 3> strides;
    std::array<const Shape*, 3> shapes = {&a, &b, &c};
    for (size_t t = 0; t < 3; ++t) {
      const Shape& s = *shapes[t];
      strides[t].assign(rank, 0);
      int64_t stride = 1;
      for (size_t k = 0; k < s.size(); ++k) {
        const size_t axis = s.size() - 1 - k;
        strides[t][rank - 1 - k] = s[axis] == 1 ? 0 : stride;
        stride *= s[axis];
      }
    }
    std::vector<int32_t> idx(rank, 0);
    std::array<int64_t, 3> at = {0, 0, 0};
    for (int64_t o = 0, n = ElementCount(out); o < n; ++o) {
      f(o, at[0], at[1], at[2]);
      for (size_t k = rank; k-- > 0;) {  // odometer increment, innermost dimension first
        ++idx[k];
        for (size_t t = 0; t < 3; ++t) at[t] += strides[t][k];
        if (idx[k] < out[k]) break;
        for (size_t t = 0; t < 3; ++t) at[t] -= strides[t][k] * out[k];
        idx[k] = 0;
      }
    }
  }

  bool rows_ = false;  // SELECT with a scalar or 1-D condition
};

}  // namespace litescope
