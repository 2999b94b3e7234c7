// INT16 lookup tables (see quantized_lut.h).
#include "engine/kernels/internal/quantized_lut.h"

#include <algorithm>
#include <cmath>

namespace litescope {

Int16Lut MakeInt16Lut(double (*f)(double), double input_min, double input_max) {
  constexpr double kScale = 32768.0;  // Q0.15: the output range [-1, 1] onto 65536 steps
  const auto saturate = [](double v) { return static_cast<int16_t>(std::clamp(v, -32768.0, 32767.0)); };
  const double step = (input_max - input_min) / (kInt16LutSize - 1);
  Int16Lut lut{};
  for (int i = 0; i < kInt16LutSize - 1; ++i) {
    const double x = input_min + i * step;
    const double sample = std::round(f(x) * kScale);
    const double interpolated = std::round((f(input_min + (i + 1) * step) * kScale + sample) / 2);
    const double midpoint = std::round(f(x + step / 2) * kScale);
    const double bias = std::round((interpolated - midpoint) / 2);
    lut[i] = saturate(sample - bias);
  }
  lut[kInt16LutSize - 1] = saturate(std::round(f(input_max) * kScale));
  return lut;
}

}  // namespace litescope
