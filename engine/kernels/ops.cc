// The op list: every builtin operator Litescope runs, and its kernel. One line per op.
#include "engine/kernels/optimized/optimized_ops.h"
#include "engine/kernels/reference/reference_ops.h"
#include "engine/runtime/op_registry.h"

namespace litescope {

OpRegistry ReferenceOps() {
  OpRegistry r;
  r.AddBuiltin(tflite::BuiltinOperator_ABS, MakeAbs);
  r.AddBuiltin(tflite::BuiltinOperator_ADD, MakeAdd);
  r.AddBuiltin(tflite::BuiltinOperator_ARG_MAX, MakeArgMax);
  r.AddBuiltin(tflite::BuiltinOperator_ARG_MIN, MakeArgMin);
  r.AddBuiltin(tflite::BuiltinOperator_ASSIGN_VARIABLE, MakeAssignVariable);
  r.AddBuiltin(tflite::BuiltinOperator_AVERAGE_POOL_2D, MakeAveragePool2D);
  r.AddBuiltin(tflite::BuiltinOperator_BATCH_MATMUL, MakeBatchMatMul);
  r.AddBuiltin(tflite::BuiltinOperator_BATCH_TO_SPACE_ND, MakeBatchToSpaceNd);
  r.AddBuiltin(tflite::BuiltinOperator_BROADCAST_TO, MakeBroadcastTo);
  r.AddBuiltin(tflite::BuiltinOperator_CALL_ONCE, MakeCallOnce);
  r.AddBuiltin(tflite::BuiltinOperator_CAST, MakeCast);
  r.AddBuiltin(tflite::BuiltinOperator_CEIL, MakeCeil);
  r.AddBuiltin(tflite::BuiltinOperator_CONCATENATION, MakeConcatenation);
  r.AddBuiltin(tflite::BuiltinOperator_CONV_2D, MakeConv2D);
  r.AddBuiltin(tflite::BuiltinOperator_COS, MakeCos);
  r.AddBuiltin(tflite::BuiltinOperator_CUMSUM, MakeCumsum);
  r.AddBuiltin(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, MakeDepthwiseConv2D);
  r.AddBuiltin(tflite::BuiltinOperator_DEPTH_TO_SPACE, MakeDepthToSpace);
  r.AddBuiltin(tflite::BuiltinOperator_DEQUANTIZE, MakeDequantize);
  r.AddBuiltin(tflite::BuiltinOperator_DIV, MakeDiv);
  r.AddBuiltin(tflite::BuiltinOperator_ELU, MakeElu);
  r.AddBuiltin(tflite::BuiltinOperator_EQUAL, MakeEqual);
  r.AddBuiltin(tflite::BuiltinOperator_EXP, MakeExp);
  r.AddBuiltin(tflite::BuiltinOperator_EXPAND_DIMS, MakeExpandDims);
  r.AddBuiltin(tflite::BuiltinOperator_FILL, MakeFill);
  r.AddBuiltin(tflite::BuiltinOperator_FLOOR, MakeFloor);
  r.AddBuiltin(tflite::BuiltinOperator_FLOOR_DIV, MakeFloorDiv);
  r.AddBuiltin(tflite::BuiltinOperator_FLOOR_MOD, MakeFloorMod);
  r.AddBuiltin(tflite::BuiltinOperator_FULLY_CONNECTED, MakeFullyConnected);
  r.AddBuiltin(tflite::BuiltinOperator_GATHER, MakeGather);
  r.AddBuiltin(tflite::BuiltinOperator_GATHER_ND, MakeGatherNd);
  r.AddBuiltin(tflite::BuiltinOperator_GELU, MakeGelu);
  r.AddBuiltin(tflite::BuiltinOperator_GREATER, MakeGreater);
  r.AddBuiltin(tflite::BuiltinOperator_GREATER_EQUAL, MakeGreaterEqual);
  r.AddBuiltin(tflite::BuiltinOperator_HARD_SWISH, MakeHardSwish);
  r.AddBuiltin(tflite::BuiltinOperator_IF, MakeIf);
  r.AddBuiltin(tflite::BuiltinOperator_L2_NORMALIZATION, MakeL2Normalization);
  r.AddBuiltin(tflite::BuiltinOperator_L2_POOL_2D, MakeL2Pool2D);
  r.AddBuiltin(tflite::BuiltinOperator_LEAKY_RELU, MakeLeakyRelu);
  r.AddBuiltin(tflite::BuiltinOperator_LESS, MakeLess);
  r.AddBuiltin(tflite::BuiltinOperator_LESS_EQUAL, MakeLessEqual);
  r.AddBuiltin(tflite::BuiltinOperator_LOCAL_RESPONSE_NORMALIZATION, MakeLocalResponseNormalization);
  r.AddBuiltin(tflite::BuiltinOperator_LOG, MakeLog);
  r.AddBuiltin(tflite::BuiltinOperator_LOGICAL_AND, MakeLogicalAnd);
  r.AddBuiltin(tflite::BuiltinOperator_LOGICAL_NOT, MakeLogicalNot);
  r.AddBuiltin(tflite::BuiltinOperator_LOGICAL_OR, MakeLogicalOr);
  r.AddBuiltin(tflite::BuiltinOperator_LOGISTIC, MakeLogistic);
  r.AddBuiltin(tflite::BuiltinOperator_LOG_SOFTMAX, MakeLogSoftmax);
  r.AddBuiltin(tflite::BuiltinOperator_LSTM, MakeLstm);
  r.AddBuiltin(tflite::BuiltinOperator_MAXIMUM, MakeMaximum);
  r.AddBuiltin(tflite::BuiltinOperator_MAX_POOL_2D, MakeMaxPool2D);
  r.AddBuiltin(tflite::BuiltinOperator_MEAN, MakeMean);
  r.AddBuiltin(tflite::BuiltinOperator_MINIMUM, MakeMinimum);
  r.AddBuiltin(tflite::BuiltinOperator_MIRROR_PAD, MakeMirrorPad);
  r.AddBuiltin(tflite::BuiltinOperator_MUL, MakeMul);
  r.AddBuiltin(tflite::BuiltinOperator_NEG, MakeNeg);
  r.AddBuiltin(tflite::BuiltinOperator_NOT_EQUAL, MakeNotEqual);
  r.AddBuiltin(tflite::BuiltinOperator_PACK, MakePack);
  r.AddBuiltin(tflite::BuiltinOperator_PAD, MakePad);
  r.AddBuiltin(tflite::BuiltinOperator_PADV2, MakePadV2);
  r.AddBuiltin(tflite::BuiltinOperator_POW, MakePow);
  r.AddBuiltin(tflite::BuiltinOperator_PRELU, MakePrelu);
  r.AddBuiltin(tflite::BuiltinOperator_QUANTIZE, MakeQuantize);
  r.AddBuiltin(tflite::BuiltinOperator_RANGE, MakeRange);
  r.AddBuiltin(tflite::BuiltinOperator_READ_VARIABLE, MakeReadVariable);
  r.AddBuiltin(tflite::BuiltinOperator_REDUCE_MAX, MakeReduceMax);
  r.AddBuiltin(tflite::BuiltinOperator_REDUCE_MIN, MakeReduceMin);
  r.AddBuiltin(tflite::BuiltinOperator_REDUCE_PROD, MakeReduceProd);
  r.AddBuiltin(tflite::BuiltinOperator_RELU, MakeRelu);
  r.AddBuiltin(tflite::BuiltinOperator_RELU6, MakeRelu6);
  r.AddBuiltin(tflite::BuiltinOperator_RELU_0_TO_1, MakeRelu0To1);
  r.AddBuiltin(tflite::BuiltinOperator_RELU_N1_TO_1, MakeReluN1To1);
  r.AddBuiltin(tflite::BuiltinOperator_RESHAPE, MakeReshape);
  r.AddBuiltin(tflite::BuiltinOperator_RESIZE_BILINEAR, MakeResizeBilinear);
  r.AddBuiltin(tflite::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR, MakeResizeNearestNeighbor);
  r.AddBuiltin(tflite::BuiltinOperator_ROUND, MakeRound);
  r.AddBuiltin(tflite::BuiltinOperator_RSQRT, MakeRsqrt);
  r.AddBuiltin(tflite::BuiltinOperator_SELECT, MakeSelect);
  r.AddBuiltin(tflite::BuiltinOperator_SELECT_V2, MakeSelectV2);
  r.AddBuiltin(tflite::BuiltinOperator_SHAPE, MakeShape);
  r.AddBuiltin(tflite::BuiltinOperator_SIGN, MakeSign);
  r.AddBuiltin(tflite::BuiltinOperator_SIN, MakeSin);
  r.AddBuiltin(tflite::BuiltinOperator_SLICE, MakeSlice);
  r.AddBuiltin(tflite::BuiltinOperator_SOFTMAX, MakeSoftmax);
  r.AddBuiltin(tflite::BuiltinOperator_SPACE_TO_BATCH_ND, MakeSpaceToBatchNd);
  r.AddBuiltin(tflite::BuiltinOperator_SPACE_TO_DEPTH, MakeSpaceToDepth);
  r.AddBuiltin(tflite::BuiltinOperator_SPLIT, MakeSplit);
  r.AddBuiltin(tflite::BuiltinOperator_SPLIT_V, MakeSplitV);
  r.AddBuiltin(tflite::BuiltinOperator_SQRT, MakeSqrt);
  r.AddBuiltin(tflite::BuiltinOperator_SQUARE, MakeSquare);
  r.AddBuiltin(tflite::BuiltinOperator_SQUARED_DIFFERENCE, MakeSquaredDifference);
  r.AddBuiltin(tflite::BuiltinOperator_SQUEEZE, MakeSqueeze);
  r.AddBuiltin(tflite::BuiltinOperator_STRIDED_SLICE, MakeStridedSlice);
  r.AddBuiltin(tflite::BuiltinOperator_SUB, MakeSub);
  r.AddBuiltin(tflite::BuiltinOperator_SUM, MakeSum);
  r.AddBuiltin(tflite::BuiltinOperator_SVDF, MakeSvdf);
  r.AddBuiltin(tflite::BuiltinOperator_TANH, MakeTanh);
  r.AddBuiltin(tflite::BuiltinOperator_TILE, MakeTile);
  r.AddBuiltin(tflite::BuiltinOperator_TRANSPOSE, MakeTranspose);
  r.AddBuiltin(tflite::BuiltinOperator_TRANSPOSE_CONV, MakeTransposeConv);
  r.AddBuiltin(tflite::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM, MakeUnidirectionalSequenceLstm);
  r.AddBuiltin(tflite::BuiltinOperator_UNPACK, MakeUnpack);
  r.AddBuiltin(tflite::BuiltinOperator_VAR_HANDLE, MakeVarHandle);
  r.AddBuiltin(tflite::BuiltinOperator_WHILE, MakeWhile);
  r.AddBuiltin(tflite::BuiltinOperator_ZEROS_LIKE, MakeZerosLike);
  return r;
}

OpRegistry BuiltinOps() {
  OpRegistry r = ReferenceOps();
  r.AddBuiltin(tflite::BuiltinOperator_CONV_2D, MakeOptimizedConv2D);
  r.AddBuiltin(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, MakeOptimizedDepthwiseConv2D);
  r.AddBuiltin(tflite::BuiltinOperator_FULLY_CONNECTED, MakeOptimizedFullyConnected);
  return r;
}

}  // namespace litescope
