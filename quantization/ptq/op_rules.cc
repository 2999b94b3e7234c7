#include "quantization/ptq/op_rules.h"

#include <array>

namespace litescope::quant {
namespace {

using tflite::BuiltinOperator;
using enum OutputRule;

OpRule Weighted(BuiltinOperator op, int weights, int axis, int bias, int activation, bool int16) {
  return {.op = op, .weights = weights, .channel_axis = axis, .bias = bias, .activation = activation, .int16 = int16};
}
OpRule Calibrated(BuiltinOperator op, bool int16) { return {.op = op, .int16 = int16}; }
OpRule Same(BuiltinOperator op, bool int16) { return {.op = op, .output = kSameAsInput, .int16 = int16}; }
OpRule Fixed(BuiltinOperator op, float scale8, int zero_point8, float scale16) {
  return {.op = op, .output = kFixed, .int16 = scale16 > 0, .fixed_scale_8 = scale8, .fixed_zero_point_8 = zero_point8, .fixed_scale_16 = scale16};
}

const std::vector<OpRule>& Rules() {
  static const std::vector<OpRule> rules = {
      // Weighted ops: int8 symmetric weights, int32 bias (int64 for 16x8 convolutions).
      Weighted(tflite::BuiltinOperator_CONV_2D, 1, 0, 2, 0, true),
      Weighted(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, 1, 3, 2, 0, true),
      Weighted(tflite::BuiltinOperator_TRANSPOSE_CONV, 1, 0, 3, 2, true),
      Weighted(tflite::BuiltinOperator_FULLY_CONNECTED, 1, -1, 2, 0, false),
      // Arithmetic with its own output range.
      Calibrated(tflite::BuiltinOperator_ADD, true),
      Calibrated(tflite::BuiltinOperator_SUB, true),
      Calibrated(tflite::BuiltinOperator_MUL, true),
      Calibrated(tflite::BuiltinOperator_MEAN, true),
      Calibrated(tflite::BuiltinOperator_SUM, true),
      Calibrated(tflite::BuiltinOperator_BATCH_MATMUL, true),
      Calibrated(tflite::BuiltinOperator_RELU, true),
      Calibrated(tflite::BuiltinOperator_RELU6, true),
      Calibrated(tflite::BuiltinOperator_RELU_N1_TO_1, true),
      Calibrated(tflite::BuiltinOperator_LEAKY_RELU, true),
      Calibrated(tflite::BuiltinOperator_HARD_SWISH, false),
      Calibrated(tflite::BuiltinOperator_PRELU, false),
      Calibrated(tflite::BuiltinOperator_SQUARED_DIFFERENCE, false),
      // Ops that move or select values keep their input's parameters.
      Same(tflite::BuiltinOperator_AVERAGE_POOL_2D, false),
      Same(tflite::BuiltinOperator_MAX_POOL_2D, false),
      Same(tflite::BuiltinOperator_RESHAPE, true),
      Same(tflite::BuiltinOperator_SQUEEZE, true),
      Same(tflite::BuiltinOperator_EXPAND_DIMS, true),
      Same(tflite::BuiltinOperator_TRANSPOSE, true),
      Same(tflite::BuiltinOperator_SLICE, true),
      Same(tflite::BuiltinOperator_STRIDED_SLICE, true),
      Same(tflite::BuiltinOperator_GATHER, true),
      Same(tflite::BuiltinOperator_PAD, true),
      Same(tflite::BuiltinOperator_SPACE_TO_DEPTH, true),
      Same(tflite::BuiltinOperator_DEPTH_TO_SPACE, true),
      Same(tflite::BuiltinOperator_SPACE_TO_BATCH_ND, true),
      Same(tflite::BuiltinOperator_BATCH_TO_SPACE_ND, true),
      Same(tflite::BuiltinOperator_SPLIT, true),
      Same(tflite::BuiltinOperator_SPLIT_V, true),
      Same(tflite::BuiltinOperator_UNPACK, true),
      Same(tflite::BuiltinOperator_RESIZE_BILINEAR, true),
      Same(tflite::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR, true),
      Same(tflite::BuiltinOperator_REDUCE_MAX, false),
      Same(tflite::BuiltinOperator_REDUCE_MIN, false),
      // Several inputs, one scale: inputs are requantized to the output's parameters.
      {.op = tflite::BuiltinOperator_CONCATENATION, .inputs_share_output = true, .int16 = true},
      {.op = tflite::BuiltinOperator_PACK, .inputs_share_output = true, .int16 = true},
      {.op = tflite::BuiltinOperator_MAXIMUM, .inputs_share_output = true},
      {.op = tflite::BuiltinOperator_MINIMUM, .inputs_share_output = true},
      // Output parameters fixed by the kernels.
      Fixed(tflite::BuiltinOperator_SOFTMAX, 1.0f / 256, -128, 0),
      Fixed(tflite::BuiltinOperator_LOGISTIC, 1.0f / 256, -128, 1.0f / 32768),
      Fixed(tflite::BuiltinOperator_TANH, 1.0f / 128, 0, 1.0f / 32768),
      Fixed(tflite::BuiltinOperator_LOG_SOFTMAX, 16.0f / 256, 127, 0),
      Fixed(tflite::BuiltinOperator_L2_NORMALIZATION, 1.0f / 128, 0, 0),
      // Integer outputs.
      {.op = tflite::BuiltinOperator_ARG_MAX, .output = kNotQuantized},
      {.op = tflite::BuiltinOperator_ARG_MIN, .output = kNotQuantized},
  };
  return rules;
}

}  // namespace

const OpRule* FindOpRule(tflite::BuiltinOperator op) {
  for (const OpRule& r : Rules())
    if (r.op == op) return &r;
  return nullptr;
}

const HybridRule* FindHybridRule(tflite::BuiltinOperator op) {
  static const std::array<HybridRule, 6> rules = {{
      {tflite::BuiltinOperator_CONV_2D, {1}, 0},
      {tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {1}, 3},
      {tflite::BuiltinOperator_FULLY_CONNECTED, {1}, -1},
      {tflite::BuiltinOperator_BATCH_MATMUL, {1}, -1},
      {tflite::BuiltinOperator_SVDF, {1, 2}, -1},
      {tflite::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16}, -1},
  }};
  for (const HybridRule& r : rules)
    if (r.op == op) return &r;
  return nullptr;
}

}  // namespace litescope::quant
