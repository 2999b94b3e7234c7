// OpRegistry: which kernel runs each operator. The builtin list is explicit (engine/kernels/
// ops.cc); applications add custom ops by name. No self-registering statics.
//
//   OpRegistry ops = BuiltinOps();
//   ops.AddCustom("MyOp", Make<MyOpKernel>);
//   auto interpreter = Interpreter::Create(model, ops);
#pragma once

#include <map>
#include <string>

#include "engine/model/model.h"
#include "engine/runtime/kernel.h"

namespace litescope {

class OpRegistry {
 public:
  void AddBuiltin(tflite::BuiltinOperator op, KernelFactory factory) { builtins_[op] = factory; }
  void AddCustom(const std::string& custom_code, KernelFactory factory) { custom_[custom_code] = factory; }
  // nullptr when no kernel is registered for the op.
  KernelFactory Find(const OpCode& code) const;
  bool Has(tflite::BuiltinOperator op) const { return builtins_.count(op) != 0; }

 private:
  std::map<tflite::BuiltinOperator, KernelFactory> builtins_;
  std::map<std::string, KernelFactory, std::less<>> custom_;
};

// Every builtin kernel Litescope has (engine/kernels/ops.cc): the reference kernels, with the
// optimized CPU kernels in place of theirs where there are some.
OpRegistry BuiltinOps();
// The reference kernels only (plain loops): what the conformance tests hold the others to.
OpRegistry ReferenceOps();

}  // namespace litescope
