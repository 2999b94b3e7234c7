#include "engine/model/op_arity.h"

namespace litescope {

std::optional<Arity> ExpectedArity(tflite::BuiltinOperator op) {
  constexpr int kMany = 1 << 20;
  switch (op) {
    // Elementwise unary ops.
    case tflite::BuiltinOperator_ABS: case tflite::BuiltinOperator_CEIL:
    case tflite::BuiltinOperator_COS: case tflite::BuiltinOperator_ELU:
    case tflite::BuiltinOperator_EXP: case tflite::BuiltinOperator_FLOOR:
    case tflite::BuiltinOperator_GELU: case tflite::BuiltinOperator_HARD_SWISH:
    case tflite::BuiltinOperator_LEAKY_RELU: case tflite::BuiltinOperator_LOG:
    case tflite::BuiltinOperator_LOGISTIC: case tflite::BuiltinOperator_LOG_SOFTMAX:
    case tflite::BuiltinOperator_NEG: case tflite::BuiltinOperator_RELU:
    case tflite::BuiltinOperator_RELU6: case tflite::BuiltinOperator_RELU_N1_TO_1:
    case tflite::BuiltinOperator_RELU_0_TO_1: case tflite::BuiltinOperator_ROUND:
    case tflite::BuiltinOperator_RSQRT: case tflite::BuiltinOperator_SIGN:
    case tflite::BuiltinOperator_SIN: case tflite::BuiltinOperator_SOFTMAX:
    case tflite::BuiltinOperator_SQRT: case tflite::BuiltinOperator_SQUARE:
    case tflite::BuiltinOperator_TANH: case tflite::BuiltinOperator_L2_NORMALIZATION:
    case tflite::BuiltinOperator_LOCAL_RESPONSE_NORMALIZATION:
    case tflite::BuiltinOperator_LOGICAL_NOT: case tflite::BuiltinOperator_ZEROS_LIKE:
    case tflite::BuiltinOperator_CAST:
    case tflite::BuiltinOperator_SHAPE: case tflite::BuiltinOperator_SQUEEZE:
    case tflite::BuiltinOperator_SPACE_TO_DEPTH: case tflite::BuiltinOperator_DEPTH_TO_SPACE:
    case tflite::BuiltinOperator_AVERAGE_POOL_2D: case tflite::BuiltinOperator_MAX_POOL_2D:
    case tflite::BuiltinOperator_L2_POOL_2D: case tflite::BuiltinOperator_DEQUANTIZE:
    case tflite::BuiltinOperator_QUANTIZE:
      return Arity{1, 1, 1, 1};
    // Elementwise binary ops and ops with one data input plus one parameter tensor.
    case tflite::BuiltinOperator_ADD: case tflite::BuiltinOperator_SUB:
    case tflite::BuiltinOperator_MUL: case tflite::BuiltinOperator_DIV:
    case tflite::BuiltinOperator_SQUARED_DIFFERENCE: case tflite::BuiltinOperator_MAXIMUM:
    case tflite::BuiltinOperator_MINIMUM: case tflite::BuiltinOperator_POW:
    case tflite::BuiltinOperator_FLOOR_DIV: case tflite::BuiltinOperator_FLOOR_MOD:
    case tflite::BuiltinOperator_EQUAL: case tflite::BuiltinOperator_NOT_EQUAL:
    case tflite::BuiltinOperator_LESS: case tflite::BuiltinOperator_LESS_EQUAL:
    case tflite::BuiltinOperator_GREATER: case tflite::BuiltinOperator_GREATER_EQUAL:
    case tflite::BuiltinOperator_LOGICAL_AND: case tflite::BuiltinOperator_LOGICAL_OR:
    case tflite::BuiltinOperator_PRELU: case tflite::BuiltinOperator_MEAN:
    case tflite::BuiltinOperator_SUM: case tflite::BuiltinOperator_REDUCE_MAX:
    case tflite::BuiltinOperator_REDUCE_MIN: case tflite::BuiltinOperator_REDUCE_PROD:
    case tflite::BuiltinOperator_ARG_MAX: case tflite::BuiltinOperator_ARG_MIN:
    case tflite::BuiltinOperator_EXPAND_DIMS: case tflite::BuiltinOperator_TRANSPOSE:
    case tflite::BuiltinOperator_TILE: case tflite::BuiltinOperator_BROADCAST_TO:
    case tflite::BuiltinOperator_GATHER: case tflite::BuiltinOperator_GATHER_ND:
    case tflite::BuiltinOperator_FILL: case tflite::BuiltinOperator_CUMSUM:
    case tflite::BuiltinOperator_RESIZE_BILINEAR: case tflite::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR:
    case tflite::BuiltinOperator_MIRROR_PAD:
      return Arity{2, 2, 1, 1};
    case tflite::BuiltinOperator_RESHAPE:
      return Arity{1, 2, 1, 1};  // the new shape is an input or an option
    case tflite::BuiltinOperator_PAD:
      return Arity{2, 2, 1, 1};
    case tflite::BuiltinOperator_PADV2:
      return Arity{2, 3, 1, 1};
    case tflite::BuiltinOperator_SPACE_TO_BATCH_ND: case tflite::BuiltinOperator_BATCH_TO_SPACE_ND:
    case tflite::BuiltinOperator_SLICE: case tflite::BuiltinOperator_RANGE:
    case tflite::BuiltinOperator_SELECT: case tflite::BuiltinOperator_SELECT_V2:
      return Arity{3, 3, 1, 1};
    case tflite::BuiltinOperator_STRIDED_SLICE:
      return Arity{4, 4, 1, 1};
    case tflite::BuiltinOperator_CONV_2D: case tflite::BuiltinOperator_DEPTHWISE_CONV_2D:
    case tflite::BuiltinOperator_CONV_3D:
      return Arity{2, 3, 1, 1};
    case tflite::BuiltinOperator_FULLY_CONNECTED:
      return Arity{2, 3, 1, 2};  // the shuffled-weights format has a second output
    case tflite::BuiltinOperator_TRANSPOSE_CONV:
      return Arity{3, 4, 1, 1};
    case tflite::BuiltinOperator_BATCH_MATMUL:
      return Arity{2, 2, 1, 1};
    case tflite::BuiltinOperator_CONCATENATION: case tflite::BuiltinOperator_PACK:
    case tflite::BuiltinOperator_ADD_N:
      return Arity{1, kMany, 1, 1};
    case tflite::BuiltinOperator_SPLIT: case tflite::BuiltinOperator_UNPACK:
      return Arity{1, 2, 1, kMany};
    case tflite::BuiltinOperator_SPLIT_V:
      return Arity{3, 3, 1, kMany};
    case tflite::BuiltinOperator_SVDF:
      return Arity{4, 5, 1, 1};
    case tflite::BuiltinOperator_LSTM:
      return Arity{5, 24, 1, 4};  // the basic kernel has 5 inputs and 4 outputs
    case tflite::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM:
      return Arity{20, 24, 1, 1};
    case tflite::BuiltinOperator_WHILE: case tflite::BuiltinOperator_CALL_ONCE:
      return Arity{0, kMany, 0, kMany};
    case tflite::BuiltinOperator_IF:
      return Arity{1, kMany, 0, kMany};
    default:
      return std::nullopt;
  }
}

}  // namespace litescope
