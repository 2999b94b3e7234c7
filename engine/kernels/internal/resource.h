// Resource variables (VAR_HANDLE, ASSIGN_VARIABLE, READ_VARIABLE): a RESOURCE tensor holds the
// int32 id under which the interpreter keeps the variable's current value.
#pragma once

#include "engine/runtime/interpreter.h"

namespace litescope {

inline Status CheckResourceInput(const OpContext& ctx, int i) {
  const Tensor* t = ctx.input(i);
  if (t == nullptr || t->type != tflite::TensorType_RESOURCE || t->elements() != 1) {
    return ctx.Error("input " + std::to_string(i) + " must be a single RESOURCE handle");
  }
  return Status::Ok();
}

inline int32_t ResourceIdOf(const Tensor& handle) { return handle.data<int32_t>()[0]; }

}  // namespace litescope
