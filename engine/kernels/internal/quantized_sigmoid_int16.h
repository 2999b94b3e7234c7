// INT16 LOGISTIC and TANH as TFLite's builtin kernels compute them (activations.cc, written from
// its semantics). Input zero point 0; output Q0.15 (scale 1/32768, zero point 0).
//
//   Power-of-two input scales that the fixed-point code takes directly (2^-12 for both, 2^-11
//   for TANH; "power of two" within 1e-3 in log2, as CheckedLog2): gemmlowp's 16-bit
//   logistic / tanh of the input read with 3 integer bits (2^-11: first doubled, saturating).
//   Any other scale (reference_integer_ops::Logistic / Tanh): the input is rescaled to steps of
//   1/(3 * 4096) by an integer multiplier with a rounding right shift, then interpolated
//   linearly in a 256-entry table of 65536 * sigmoid(i / 24) over |x| (tanh(x) = 2 sigmoid(2x) - 1).
//
//   Int16Sigmoid p;
//   if (!p.Prepare(Int16Sigmoid::kTanh, input_scale, &why)) return ctx.Error(why);
//   int16_t y = p.Compute(x);
#pragma once

#include <cstdint>
#include <string>

namespace litescope {

class Int16Sigmoid {
 public:
  enum Function { kLogistic, kTanh };

  // False, with the reason, for input scales TFLite's arithmetic cannot take without overflow.
  bool Prepare(Function f, float input_scale, std::string* error);
  int16_t Compute(int16_t x) const;

 private:
  int32_t Interpolate(int32_t x) const;

  Function function_ = kLogistic;
  bool fixed_point_ = false;  // the gemmlowp path (power-of-two scales)
  int32_t multiplier_ = 0;    // else: x * multiplier_ >> left_shift_, rounded
  int left_shift_ = 0;
};

}  // namespace litescope
