// How each TFLite builtin is quantized, after TFLite's quantization specification: which input
// holds weights (and along which axis they are per-channel), which holds the bias, how the
// output's parameters are chosen, and which integer activation types our kernels (and TFLite's)
// run it in. An op without a rule stays float (between DEQUANTIZE and QUANTIZE).
//
//   const OpRule* r = FindOpRule(tflite::BuiltinOperator_CONV_2D);   // weights 1, axis 0, bias 2
#pragma once

#include <vector>

#include "engine/schema/tflite_generated.h"

namespace litescope::quant {

enum class OutputRule {
  kCalibrated,   // its own calibrated range
  kSameAsInput,  // input 0's parameters (pools, reshapes, pads, slices, ...)
  kFixed,        // fixed by the kernel (SOFTMAX, LOGISTIC, TANH, ...)
  kNotQuantized  // integer outputs (ARG_MAX)
};

struct OpRule {
  tflite::BuiltinOperator op;
  int weights = -1;       // input index of the weights, or -1
  int channel_axis = -1;  // the per-channel axis of the weights, -1: per-tensor only
  int bias = -1;          // input index of the bias, or -1
  int activation = 0;     // input index of the activation the bias scale is taken from
  OutputRule output = OutputRule::kCalibrated;
  bool inputs_share_output = false;  // every quantized input takes the output's parameters
  bool int16 = false;                // has an int16-activation kernel (16x8 mode)
  float fixed_scale_8 = 0;           // kFixed: INT8 output parameters
  int fixed_zero_point_8 = 0;
  float fixed_scale_16 = 0;          // kFixed: INT16 output scale (zero point 0)
};

// The rule for `op`, or null when the op stays float.
const OpRule* FindOpRule(tflite::BuiltinOperator op);

// Hybrid (dynamic-range) kernels: ops whose constant float weights at this input may become int8
// while activations stay float, with the per-channel axis (-1: per tensor). Null when none.
struct HybridRule {
  tflite::BuiltinOperator op;
  std::vector<int> weights;  // input indices
  int channel_axis = -1;
};
const HybridRule* FindHybridRule(tflite::BuiltinOperator op);

}  // namespace litescope::quant
