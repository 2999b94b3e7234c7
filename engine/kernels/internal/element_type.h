// The C++ type of each element type kernels compute on, and conversions between the float
// formats TFLite stores (FLOAT16 as raw IEEE half bits).
//
//   static_assert(kTensorType<int32_t> == tflite::TensorType_INT32);
//   float w = HalfToFloat(bits);              // exact
//   uint16_t h = FloatToHalf(0.1f);           // round to nearest even, overflow to infinity
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "engine/schema/tflite_generated.h"

namespace litescope {

// IEEE binary16, stored as its bits (a distinct type so templates can tell it from uint16_t).
struct Half {
  uint16_t bits;
};

template <typename T>
inline constexpr tflite::TensorType kTensorType = [] {
  if constexpr (std::is_same_v<T, float>)
    return tflite::TensorType_FLOAT32;
  else if constexpr (std::is_same_v<T, double>)
    return tflite::TensorType_FLOAT64;
  else if constexpr (std::is_same_v<T, Half>)
    return tflite::TensorType_FLOAT16;
  else if constexpr (std::is_same_v<T, int8_t>)
    return tflite::TensorType_INT8;
  else if constexpr (std::is_same_v<T, uint8_t>)
    return tflite::TensorType_UINT8;
  else if constexpr (std::is_same_v<T, int16_t>)
    return tflite::TensorType_INT16;
  else if constexpr (std::is_same_v<T, uint16_t>)
    return tflite::TensorType_UINT16;
  else if constexpr (std::is_same_v<T, int32_t>)
    return tflite::TensorType_INT32;
  else if constexpr (std::is_same_v<T, uint32_t>)
    return tflite::TensorType_UINT32;
  else if constexpr (std::is_same_v<T, int64_t>)
    return tflite::TensorType_INT64;
  else if constexpr (std::is_same_v<T, bool>)
    return tflite::TensorType_BOOL;
  else
    static_assert(sizeof(T) == 0, "no tensor element type for this C++ type");
}();

// Calls f(T{}) for the T among Ts whose element type is `type`; false when none is.
template <typename... Ts, typename F>
bool VisitElementType(tflite::TensorType type, F&& f) {
  return ((type == kTensorType<Ts> ? (f(Ts{}), true) : false) || ...);
}

inline float BitsToFloat(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

inline uint32_t FloatToBits(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}

inline float HalfToFloat(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t exponent = (h >> 10) & 0x1Fu;
  const uint32_t mantissa = h & 0x3FFu;
  if (exponent == 0x1F) return BitsToFloat(sign | 0x7F800000u | (mantissa << 13));  // inf, NaN
  if (exponent == 0) {  // zero and subnormals: mantissa * 2^-24, exact in float
    const float magnitude = static_cast<float>(mantissa) * 5.9604644775390625e-8f;
    return sign ? -magnitude : magnitude;
  }
  return BitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

inline uint16_t FloatToHalf(float f) {
  const uint32_t bits = FloatToBits(f);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  const uint32_t magnitude = bits & 0x7FFFFFFFu;
  if (magnitude > 0x7F800000u) return static_cast<uint16_t>(sign | 0x7E00u | ((magnitude >> 13) & 0x3FFu));  // NaN
  if (magnitude >= 0x477FF000u) return static_cast<uint16_t>(sign | 0x7C00u);  // rounds past 65504: infinity
  if (magnitude < 0x38800000u) {  // below 2^-14: a subnormal half (or zero), in units of 2^-24
    // Adding 0.5 makes the FPU round the value to a multiple of 2^-24, to nearest even.
    const float scaled = BitsToFloat(magnitude) + 0.5f;
    return static_cast<uint16_t>(sign | (FloatToBits(scaled) - FloatToBits(0.5f)));
  }
  // Normal: rebias the exponent, round the 13 dropped mantissa bits to nearest even.
  const uint32_t rebased = magnitude - (112u << 23);
  const uint32_t rounded = rebased + 0xFFFu + ((rebased >> 13) & 1u);
  return static_cast<uint16_t>(sign | (rounded >> 13));
}

}  // namespace litescope
