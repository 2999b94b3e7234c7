// The op list: every builtin operator Litescope runs, and its kernel. One line per op.
#include "engine/kernels/reference/reference_ops.h"
#include "engine/runtime/op_registry.h"

namespace litescope {

OpRegistry BuiltinOps() {
  OpRegistry r;
  r.AddBuiltin(tflite::BuiltinOperator_ADD, MakeAdd);
  r.AddBuiltin(tflite::BuiltinOperator_AVERAGE_POOL_2D, MakeAveragePool2D);
  r.AddBuiltin(tflite::BuiltinOperator_CONV_2D, MakeConv2D);
  r.AddBuiltin(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, MakeDepthwiseConv2D);
  r.AddBuiltin(tflite::BuiltinOperator_FULLY_CONNECTED, MakeFullyConnected);
  r.AddBuiltin(tflite::BuiltinOperator_LESS, MakeLess);
  r.AddBuiltin(tflite::BuiltinOperator_MAX_POOL_2D, MakeMaxPool2D);
  r.AddBuiltin(tflite::BuiltinOperator_MEAN, MakeMean);
  r.AddBuiltin(tflite::BuiltinOperator_MUL, MakeMul);
  r.AddBuiltin(tflite::BuiltinOperator_RESHAPE, MakeReshape);
  r.AddBuiltin(tflite::BuiltinOperator_SOFTMAX, MakeSoftmax);
  r.AddBuiltin(tflite::BuiltinOperator_SUB, MakeSub);
  r.AddBuiltin(tflite::BuiltinOperator_ASSIGN_VARIABLE, MakeAssignVariable);
  r.AddBuiltin(tflite::BuiltinOperator_CALL_ONCE, MakeCallOnce);
  r.AddBuiltin(tflite::BuiltinOperator_IF, MakeIf);
  r.AddBuiltin(tflite::BuiltinOperator_READ_VARIABLE, MakeReadVariable);
  r.AddBuiltin(tflite::BuiltinOperator_VAR_HANDLE, MakeVarHandle);
  r.AddBuiltin(tflite::BuiltinOperator_WHILE, MakeWhile);
  return r;
}

}  // namespace litescope
