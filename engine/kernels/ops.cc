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
  r.AddBuiltin(tflite::BuiltinOperator_MAX_POOL_2D, MakeMaxPool2D);
  r.AddBuiltin(tflite::BuiltinOperator_MEAN, MakeMean);
  r.AddBuiltin(tflite::BuiltinOperator_MUL, MakeMul);
  r.AddBuiltin(tflite::BuiltinOperator_RESHAPE, MakeReshape);
  r.AddBuiltin(tflite::BuiltinOperator_SOFTMAX, MakeSoftmax);
  r.AddBuiltin(tflite::BuiltinOperator_SUB, MakeSub);
  return r;
}

}  // namespace litescope
