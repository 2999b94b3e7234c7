// INT16 LOGISTIC and TANH (see quantized_sigmoid_int16.h).
#include "engine/kernels/internal/quantized_sigmoid_int16.h"

#include <array>
#include <cmath>
#include <cstdlib>

#include "engine/kernels/internal/fixed_point_int16.h"
#include "engine/kernels/internal/quantized_binary.h"

namespace litescope {
namespace {

// TFLite's sigmoid_table_uint16: 65536 * sigmoid(i / 24), each sample lowered by half the error
// that linear interpolation makes at the middle of its interval (so the interpolation is
// centred on the curve), rounded; the last one, only ever an upper end, is full scale.
const std::array<uint32_t, 256>& SigmoidTable() {
  static const std::array<uint32_t, 256> table = [] {
    auto f = [](double i) { return 65536.0 / (1.0 + std::exp(-i / 24.0)); };
    std::array<uint32_t, 256> t{};
    for (int i = 0; i < 255; ++i) {
      const double midpoint_error = (f(i) + f(i + 1)) / 2 - f(i + 0.5);
      t[static_cast<size_t>(i)] = static_cast<uint32_t>(std::lround(f(i) - midpoint_error / 2));
    }
    t[255] = 65535;
    return t;
  }();
  return table;
}

}  // namespace

bool Int16Sigmoid::Prepare(Function f, float input_scale, std::string* error) {
  function_ = f;
  // activations.cc: the fixed-point kernels read the input with 3 integer bits (scale 2^-12);
  // TANH also takes 2^-11 by doubling the input first.
  int log2 = 0;
  const bool pot = CheckedLog2(input_scale, &log2);
  left_shift_ = 12 + log2;
  fixed_point_ = pot && (left_shift_ == 0 || (f == kTanh && left_shift_ == 1));
  if (fixed_point_) return true;
  // Any other scale: a multiplier in (2^14, 2^15] (doubling at most 31 times) to steps of
  // 1/(3 * 4096), truncated; a large scale starts above that range and keeps shift 0.
  double m = static_cast<double>(input_scale) * 4096.0 * 3.0;
  left_shift_ = 0;
  while (m <= 32767.0 / 2.0 && left_shift_ <= 30) {
    ++left_shift_;
    m *= 2.0;
  }
  const char* name = f == kLogistic ? "LOGISTIC" : "TANH";
  // x * multiplier must fit in int32 for every int16 x (TFLite would overflow).
  if (m >= 65536.0) {
    *error = "input scale " + std::to_string(input_scale) + " is too large for INT16 " + name +
             " (TFLite's input * scale * 12288 overflows int32; at most 5.33 allowed)";
    return false;
  }
  multiplier_ = static_cast<int32_t>(m);
  if (multiplier_ == 0) {
    *error = "input scale " + std::to_string(input_scale) + " is too small for INT16 " + name;
    return false;
  }
  return true;
}

int32_t Int16Sigmoid::Interpolate(int32_t x) const {
  const int32_t round = left_shift_ > 0 ? int32_t{1} << (left_shift_ - 1) : 0;
  const int32_t d = (x * multiplier_ + round) >> left_shift_;
  const auto a = static_cast<uint32_t>(std::abs(d));
  const std::array<uint32_t, 256>& t = SigmoidTable();
  // LOGISTIC reads sigmoid(d / 512 / 24) with 9 fraction bits; TANH reads sigmoid(2 * d / 512 / 24)
  // as tanh(x) = 2 sigmoid(2x) - 1, i.e. with 8 fraction bits.
  const int bits = function_ == kLogistic ? 9 : 8;
  const uint32_t index = a >> bits;
  if (function_ == kLogistic) {
    uint32_t r = 0x7FFFu << 10;  // saturated: 1 (32767) after the final shift
    if (index < 255) r = (t[index] << 9) + (a & 0x1FFu) * (t[index + 1] - t[index]);
    // sigmoid(-x) = 1 - sigmoid(x), both rounded half up from 25 bits to 15.
    r = d >= 0 ? r + (1u << 9) : (1u << 25) - r + (1u << 9) - 1;
    return static_cast<int16_t>(r >> 10);
  }
  int32_t r = 0xFFFF << 8;
  if (index < 255) r = static_cast<int32_t>((t[index] << 8) + (a & 0xFFu) * (t[index + 1] - t[index]));
  // 2 sigmoid - 1 on 24 bits, negated for x < 0, rounded half up to 15 bits.
  r = d >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
  return static_cast<int16_t>(r >> 8);
}

int16_t Int16Sigmoid::Compute(int16_t x) const {
  if (!fixed_point_) return static_cast<int16_t>(Interpolate(x));
  if (function_ == kLogistic) return fp16::Logistic(x, 3);
  return fp16::Tanh(left_shift_ == 1 ? fp16::SaturatingRoundingMultiplyByPOT(x, 1) : x, 3);
}

}  // namespace litescope
