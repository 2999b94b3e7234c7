#include "engine/runtime/op_registry.h"

namespace litescope {

KernelFactory OpRegistry::Find(const OpCode& code) const {
  if (code.builtin == tflite::BuiltinOperator_CUSTOM) {
    auto it = custom_.find(code.custom_code);
    return it == custom_.end() ? nullptr : it->second;
  }
  auto it = builtins_.find(code.builtin);
  return it == builtins_.end() ? nullptr : it->second;
}

}  // namespace litescope
