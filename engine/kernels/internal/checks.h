// Prepare-time checks shared by kernels; each returns a Status naming the node and the rule.
//
//   LITESCOPE_RETURN_IF_ERROR(CheckFloat32(ctx, {0, 1}));
#pragma once

#include <initializer_list>
#include <string>

#include "engine/runtime/kernel.h"

namespace litescope {

// Inputs listed (when present) and output 0 are FLOAT32.
inline Status CheckFloat32(const OpContext& ctx, std::initializer_list<int> inputs) {
  for (int i : inputs) {
    const Tensor* t = ctx.input(i);
    if (t != nullptr && t->type != tflite::TensorType_FLOAT32) {
      return ctx.Error("input " + std::to_string(i) + " is " + tflite::EnumNameTensorType(t->type) +
                       "; only FLOAT32 is implemented so far");
    }
  }
  return Status::Ok();
}

inline Status CheckRank(const OpContext& ctx, int input, size_t rank) {
  const Tensor* t = ctx.input(input);
  if (t == nullptr) return ctx.Error("input " + std::to_string(input) + " is missing");
  if (t->shape.size() != rank) {
    return ctx.Error("input " + std::to_string(input) + " has shape " + ShapeString(t->shape) + "; rank " +
                     std::to_string(rank) + " expected");
  }
  return Status::Ok();
}

// Output `o` is of element type `type`.
inline Status CheckOutputType(OpContext& ctx, int o, tflite::TensorType type) {
  if (ctx.output(o)->type != type) {
    return ctx.Error("output " + std::to_string(o) + " is " + tflite::EnumNameTensorType(ctx.output(o)->type) + "; " +
                     tflite::EnumNameTensorType(type) + " expected");
  }
  return Status::Ok();
}

// An optional bias (input `input`) holds one value per output channel.
inline Status CheckBias(const OpContext& ctx, int input, int32_t channels) {
  const Tensor* bias = ctx.input(input);
  if (bias == nullptr || bias->elements() == channels) return Status::Ok();
  return ctx.Error("bias has " + std::to_string(bias->elements()) + " values for " + std::to_string(channels) +
                   " output channels");
}

}  // namespace litescope
