// gemmlowp's 16-bit fixed-point math, which TFLite's integer LSTM uses for its gate activations
// (tensor_utils::ApplySigmoid / ApplyTanh): a value with I integer bits is an int16 `raw` standing
// for raw * 2^(I - 15). Written from gemmlowp's fixedpoint.h semantics: products round with
// SaturatingRoundingDoublingHighMul, sums wrap (int16 arithmetic), the Taylor and Newton-Raphson
// constants are gemmlowp's Q31 constants rounded to 16 bits.
//
//   int16_t s = fp16::Logistic(gate_q3_12, 3);   // sigmoid, Q0.15 result
//   int16_t t = fp16::Tanh(cell, 4);             // tanh of a value with 4 integer bits, Q0.15
#pragma once

#include <cstdint>

namespace litescope::fp16 {

// round(a * b / 2^15), half away from zero; -32768 * -32768 saturates to 32767.
int16_t SaturatingRoundingDoublingHighMul(int16_t a, int16_t b);
// round(x / 2^exponent), half away from zero, exponent in [0, 15].
int16_t RoundingDivideByPOT(int16_t x, int exponent);
// round(x / 2^exponent) of an int32 (gemmlowp's RoundingDivideByPOT), cast to int16 without
// saturation, as tensor_utils::CwiseMul does.
int16_t RoundingDivideByPOT32(int32_t x, int exponent);
// x * 2^exponent: a saturating left shift for exponent > 0, RoundingDivideByPOT for < 0.
int16_t SaturatingRoundingMultiplyByPOT(int16_t x, int exponent);

// exp(a) for a <= 0 with `integer_bits` integer bits; Q0.15 result (1 is 32767).
int16_t ExpOnNegativeValues(int16_t a, int integer_bits);
// 1 / (1 + e^-|a|) with the sign handled as gemmlowp::logistic; Q0.15 result.
int16_t Logistic(int16_t a, int integer_bits);
// tanh(a); Q0.15 result.
int16_t Tanh(int16_t a, int integer_bits);

}  // namespace litescope::fp16
