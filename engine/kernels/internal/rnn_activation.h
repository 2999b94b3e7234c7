// The activations recurrent ops (LSTM, SVDF, RNN) apply to whole vectors, as TFLite's
// ApplyActivationToVector: clamps, TANH and SIGMOID.
//
//   RnnActivation act;
//   if (!act.Set(options->fused_activation_function())) return ctx.Error("unsupported activation");
//   y = act(x);
#pragma once

#include <cmath>

#include "engine/kernels/internal/activation.h"

namespace litescope {

class RnnActivation {
 public:
  // False for SIGN_BIT and unknown values.
  bool Set(tflite::ActivationFunctionType act) {
    act_ = act;
    if (act == tflite::ActivationFunctionType_TANH) return true;
    return GetActivationRange(act, &range_);
  }
  tflite::ActivationFunctionType type() const { return act_; }
  float operator()(float x) const {
    if (act_ == tflite::ActivationFunctionType_TANH) return std::tanh(x);
    return range_.Apply(x);
  }

 private:
  tflite::ActivationFunctionType act_ = tflite::ActivationFunctionType_NONE;
  ActivationRange range_;
};

inline float Sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

}  // namespace litescope
