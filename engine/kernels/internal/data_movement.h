// Prepare-time helpers of the data-movement ops (shape ops, slicing, gathering, padding): element
// types, axis normalisation, integer parameter tensors and quantization equality.
//
//   LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, *ctx.input(0), "input", kMovableTypes));
//   int axis;
//   LITESCOPE_RETURN_IF_ERROR(ResolveAxis(ctx, o->axis(), rank, &axis));
//   std::vector<int64_t> begin;
//   LITESCOPE_RETURN_IF_ERROR(ReadInts(ctx, *ctx.input(1), "begin", &begin));
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/kernels/internal/checks.h"
#include "engine/kernels/internal/quantized_kernel.h"  // IsQuantizedType
#include "engine/runtime/kernel.h"

namespace litescope {

using TypeList = std::initializer_list<tflite::TensorType>;

// The element types that data-movement ops copy as bytes.
inline constexpr TypeList kMovableTypes = {tflite::TensorType_FLOAT32, tflite::TensorType_INT8,
                                           tflite::TensorType_UINT8,   tflite::TensorType_INT16,
                                           tflite::TensorType_INT32,   tflite::TensorType_INT64,
                                           tflite::TensorType_BOOL};
inline constexpr TypeList kIndexTypes = {tflite::TensorType_INT32, tflite::TensorType_INT64};

inline std::string TypeName(tflite::TensorType type) { return tflite::EnumNameTensorType(type); }

inline Status CheckType(const OpContext& ctx, const Tensor* t, const std::string& what, TypeList allowed) {
  if (t == nullptr) return ctx.Error(what + " is missing");
  for (tflite::TensorType a : allowed) {
    if (t->type == a) return Status::Ok();
  }
  std::string names;
  for (tflite::TensorType a : allowed) names += (names.empty() ? "" : ", ") + TypeName(a);
  return ctx.Error(what + " is " + TypeName(t->type) + "; supported: " + names);
}

inline Status CheckInputCount(const OpContext& ctx, int inputs, int outputs) {
  if (ctx.input_count() != inputs || ctx.output_count() != outputs) {
    return ctx.Error("needs " + std::to_string(inputs) + " inputs and " + std::to_string(outputs) + " outputs, has " +
                     std::to_string(ctx.input_count()) + " and " + std::to_string(ctx.output_count()));
  }
  for (int i = 0; i < inputs; ++i) {
    if (ctx.input(i) == nullptr) return ctx.Error("input " + std::to_string(i) + " is missing");
  }
  return Status::Ok();
}

// `axis` in [-rank, rank) becomes [0, rank).
inline Status ResolveAxis(const OpContext& ctx, int64_t axis, int rank, int* out) {
  if (axis < -rank || axis >= rank) {
    return ctx.Error("axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
  }
  *out = static_cast<int>(axis < 0 ? axis + rank : axis);
  return Status::Ok();
}

// The values of an INT32 or INT64 tensor.
inline Status ReadInts(const OpContext& ctx, const Tensor& t, const std::string& what, std::vector<int64_t>* out) {
  const int64_t n = t.elements();
  out->resize(static_cast<size_t>(n));
  if (t.type == tflite::TensorType_INT32) {
    for (int64_t i = 0; i < n; ++i) (*out)[static_cast<size_t>(i)] = t.data<int32_t>()[i];
  } else if (t.type == tflite::TensorType_INT64) {
    for (int64_t i = 0; i < n; ++i) (*out)[static_cast<size_t>(i)] = t.data<int64_t>()[i];
  } else {
    return ctx.Error(what + " is " + TypeName(t.type) + "; INT32 or INT64 expected");
  }
  return Status::Ok();
}

// A single axis value from a tensor of one element (INT32 or INT64).
inline Status ReadScalarInt(const OpContext& ctx, const Tensor& t, const std::string& what, int64_t* out) {
  if (t.elements() != 1) {
    return ctx.Error(what + " has shape " + ShapeString(t.shape) + "; one value expected");
  }
  std::vector<int64_t> v;
  LITESCOPE_RETURN_IF_ERROR(ReadInts(ctx, t, what, &v));
  *out = v[0];
  return Status::Ok();
}

// A dimension that fits a Shape entry.
inline Status CheckDim(const OpContext& ctx, int64_t dim, const std::string& what) {
  if (dim < 0 || dim > INT32_MAX) return ctx.Error(what + " would be " + std::to_string(dim));
  return Status::Ok();
}

// The bytes of one element of `t`'s type that stands for 0: its zero point when quantized.
inline std::array<uint8_t, 8> ZeroBytes(const Tensor& t) {
  std::array<uint8_t, 8> bytes{};
  if (IsQuantizedType(t.type) && !t.quant.zero_point.empty()) {
    const int64_t zp = t.quant.zero_point[0];
    const int8_t s8 = static_cast<int8_t>(zp);
    const uint8_t u8 = static_cast<uint8_t>(zp);
    const int16_t s16 = static_cast<int16_t>(zp);
    if (t.type == tflite::TensorType_INT8) std::memcpy(bytes.data(), &s8, 1);
    if (t.type == tflite::TensorType_UINT8) std::memcpy(bytes.data(), &u8, 1);
    if (t.type == tflite::TensorType_INT16) std::memcpy(bytes.data(), &s16, 2);
  }
  return bytes;
}

// For ops that copy quantized values unchanged: `a` and `b` must share scale and zero point.
inline Status CheckSameQuantization(const OpContext& ctx, const Tensor& a, const Tensor& b, const std::string& what) {
  if (!IsQuantizedType(a.type) || (a.quant.scale == b.quant.scale && a.quant.zero_point == b.quant.zero_point)) {
    return Status::Ok();
  }
  return ctx.Error(what + " have different quantization; " + TypeName(a.type) +
                   " needs the same scale and zero point here, as in TFLite");
}

// a + b for integers that wraps around instead of overflowing (undefined behaviour in C++).
template <typename T>
T WrappingAdd(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) + static_cast<std::make_unsigned_t<T>>(b));
  } else {
    return a + b;
  }
}

}  // namespace litescope
