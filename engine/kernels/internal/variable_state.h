// The variable (state) inputs of recurrent ops (LSTM, UNIDIRECTIONAL_SEQUENCE_LSTM, SVDF): the
// op reads the state at each Eval and writes the new state back into the same tensor, so it
// persists across invokes. The interpreter gives every variable tensor zeroed persistent storage.
//
//   LITESCOPE_RETURN_IF_ERROR(PrepareVariableState(ctx, 18, "output state", n_batch * n_output));
//   float* h = MutableState(ctx, 18);
#pragma once

#include <string>

#include "engine/runtime/kernel.h"

namespace litescope {

// Input `input` must be a variable tensor of `elements` values of `type`.
inline Status PrepareVariableState(OpContext& ctx, int input, const std::string& what, int64_t elements,
                                   tflite::TensorType type = tflite::TensorType_FLOAT32) {
  const Tensor* t = ctx.input(input);
  const std::string name = "input " + std::to_string(input) + " (" + what + ")";
  if (t == nullptr) return ctx.Error(name + " is missing");
  if (!t->is_variable) return ctx.Error(name + " must be a variable tensor");
  if (t->type != type) return ctx.Error(name + " must be " + tflite::EnumNameTensorType(type));
  if (t->elements() != elements) {
    return ctx.Error(name + " has shape " + ShapeString(t->shape) + "; " + std::to_string(elements) +
                     " values expected");
  }
  return Status::Ok();
}

template <typename T = float>
T* MutableState(OpContext& ctx, int input) {
  return const_cast<Tensor*>(ctx.input(input))->data<T>();
}

}  // namespace litescope
