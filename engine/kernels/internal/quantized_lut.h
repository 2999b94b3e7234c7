// TFLite's INT16 lookup tables (kernels/internal/common.h gen_lut and lut_lookup), written from
// their semantics: 513 samples of f over [input_min, input_max] in Q0.15 (f * 32768, rounded,
// within INT16), the last one only for the slope of the last interval. Each sample but the last
// is lowered by round(e / 2), e being the error of linear interpolation at the midpoint of its
// interval (round((f(x_i+1) * 32768 + round(f(x_i) * 32768)) / 2) - round(f(x_mid) * 32768)).
//
// A lookup maps v in [-32768, 32767] linearly onto [input_min, input_max]: entry 256 + (v >> 7),
// plus the slope to the next entry times (v & 127) / 128, rounded.
//
//   static const Int16Lut exp_lut = MakeInt16Lut([](double x) { return std::exp(x); }, -10.0, 0.0);
//   int16_t e = LookupInt16Lut(exp_lut, v);
#pragma once

#include <array>
#include <cstdint>

namespace litescope {

inline constexpr int kInt16LutSize = 513;
using Int16Lut = std::array<int16_t, kInt16LutSize>;

Int16Lut MakeInt16Lut(double (*f)(double), double input_min, double input_max);

inline int16_t LookupInt16Lut(const Int16Lut& lut, int16_t v) {
  const int index = 256 + (v >> 7);
  const int32_t slope = lut[index + 1] - lut[index];
  return static_cast<int16_t>(lut[index] + ((slope * (v & 0x7f) + 64) >> 7));
}

}  // namespace litescope
