// Scalar integer arithmetic as TFLite computes it in practice (two's complement wrap-around,
// saturating float-to-int conversion) without the undefined behaviour C++ gives signed overflow,
// lowest / -1 and out-of-range conversions. Floats pass through unchanged.
//
//   int32_t s = WrappingAdd(a, b);             // INT32_MAX + 1 == INT32_MIN
//   int32_t p = SaturatingCast<int32_t>(std::pow(2.0, 40.0));  // INT32_MAX
#pragma once

#include <cmath>
#include <limits>
#include <type_traits>

namespace litescope {

template <typename T>
T WrappingAdd(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
  } else {
    return a + b;
  }
}

template <typename T>
T WrappingSub(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) - static_cast<U>(b)));
  } else {
    return a - b;
  }
}

template <typename T>
T WrappingMul(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    // Promote to at least unsigned int so that a small unsigned type cannot turn into signed int.
    using U = std::common_type_t<std::make_unsigned_t<T>, unsigned>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) * static_cast<U>(b)));
  } else {
    return a * b;
  }
}

// Truncating division; the one overflowing quotient (lowest / -1) wraps to lowest. b != 0.
template <typename T>
T WrappingDiv(T a, T b) {
  if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    if (b == -1) return WrappingSub(T{0}, a);
  }
  return a / b;
}

// A double converted to an integer type the way ARM (TFLite's main platform) and WebAssembly
// do it: saturating at the type's range, NaN to 0. C++ leaves out-of-range conversions undefined.
template <typename T>
T SaturatingCast(double v) {
  if (std::isnan(v)) return 0;
  if (v <= static_cast<double>(std::numeric_limits<T>::lowest())) return std::numeric_limits<T>::lowest();
  // 2^(bits-1) is exact in double; anything at or above it saturates.
  if (v >= -static_cast<double>(std::numeric_limits<T>::lowest())) return std::numeric_limits<T>::max();
  return static_cast<T>(v);
}

}  // namespace litescope
