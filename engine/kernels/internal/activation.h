// Fused activations (the `fused_activation_function` option of many ops) for float kernels.
//
//   ActivationRange r;
//   if (!GetActivationRange(options->fused_activation_function(), &r)) return ctx.Error(...);
//   out[i] = r.Apply(sum);
#pragma once

#include <algorithm>
#include <limits>

#include "engine/schema/tflite_generated.h"

namespace litescope {

struct ActivationRange {
  float min = -std::numeric_limits<float>::infinity();
  float max = std::numeric_limits<float>::infinity();
  float Apply(float v) const { return std::min(std::max(v, min), max); }
};

// False for activations that are not a clamp (TANH, SIGN_BIT): no kernel fuses those.
inline bool GetActivationRange(tflite::ActivationFunctionType act, ActivationRange* range) {
  switch (act) {
    case tflite::ActivationFunctionType_NONE: *range = {}; return true;
    case tflite::ActivationFunctionType_RELU: *range = {0.0f, std::numeric_limits<float>::infinity()}; return true;
    case tflite::ActivationFunctionType_RELU_N1_TO_1: *range = {-1.0f, 1.0f}; return true;
    case tflite::ActivationFunctionType_RELU6: *range = {0.0f, 6.0f}; return true;
    default: return false;
  }
}

}  // namespace litescope
