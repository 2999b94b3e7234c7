// Run-time int8 quantization of float activations (see hybrid_input.h), as
// tensor_utils::SymmetricQuantizeFloats and AsymmetricQuantizeFloats compute it.
#include "engine/kernels/internal/hybrid_input.h"

#include <algorithm>
#include <cmath>

namespace litescope {

namespace {

int8_t RoundClamp(float v, int32_t lo, int32_t hi) {
  // TfLiteRound: half away from zero.
  return static_cast<int8_t>(std::clamp(static_cast<int32_t>(std::round(v)), lo, hi));
}

}  // namespace

InputQuantization SymmetricQuantize(std::span<const float> x, int8_t* q) {
  const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  const float range = x.empty() ? 0.0f : std::max(std::abs(*lo), std::abs(*hi));
  if (range == 0.0f) {
    std::fill_n(q, x.size(), int8_t{0});
    return {};
  }
  const float inv = 127.0f / range;
  for (size_t i = 0; i < x.size(); ++i) q[i] = RoundClamp(x[i] * inv, -127, 127);
  return {range / 127.0f, 0};
}

InputQuantization AsymmetricQuantize(std::span<const float> x, int8_t* q) {
  constexpr double kQMin = -128, kQMax = 127;
  const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  const double rmin = x.empty() ? 0.0 : std::fmin(0.0, *lo);
  const double rmax = x.empty() ? 0.0 : std::fmax(0.0, *hi);
  if (rmin == rmax) {
    std::fill_n(q, x.size(), int8_t{0});
    return {};
  }
  // The zero point comes from whichever end of the range it is computed from with less error,
  // then is nudged onto an integer inside [-128, 127].
  const double scale = (rmax - rmin) / (kQMax - kQMin);
  const double from_min = kQMin - rmin / scale, from_max = kQMax - rmax / scale;
  const bool use_min = std::abs(kQMin) + std::abs(rmin / scale) < std::abs(kQMax) + std::abs(rmax / scale);
  const double zero_point = use_min ? from_min : from_max;
  const int32_t offset = zero_point <= kQMin   ? static_cast<int32_t>(kQMin)
                         : zero_point >= kQMax ? static_cast<int32_t>(kQMax)
                                               : static_cast<int32_t>(std::round(zero_point));
  const float scale_f = static_cast<float>(scale);
  const float inv = 1.0f / scale_f;
  for (size_t i = 0; i < x.size(); ++i) q[i] = RoundClamp(static_cast<float>(offset) + x[i] * inv, -128, 127);
  return {scale_f, offset};
}

}  // namespace litescope
