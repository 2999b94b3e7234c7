#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "tests/engine/kernels/unary_test_util.h"

namespace litescope::testing {
namespace {

using tflite::BuiltinOperator_CAST;
using tflite::TensorType;
using tflite::TensorType_BOOL;
using tflite::TensorType_FLOAT16;
using tflite::TensorType_FLOAT32;
using tflite::TensorType_FLOAT64;
using tflite::TensorType_INT16;
using tflite::TensorType_INT32;
using tflite::TensorType_INT64;
using tflite::TensorType_INT8;
using tflite::TensorType_UINT16;
using tflite::TensorType_UINT32;
using tflite::TensorType_UINT8;
using Halves = std::vector<uint16_t>;  // FLOAT16 tensors as raw IEEE half bits

tflite::BuiltinOptionsUnion CastOptions(TensorType from, TensorType to) {
  tflite::CastOptionsT o;
  o.in_data_type = from;
  o.out_data_type = to;
  return Options(o);
}

template <typename To, typename From>
std::vector<To> CastValues(TensorType from, TensorType to, const std::vector<From>& x) {
  auto c = UnaryCase<From>("cast", BuiltinOperator_CAST, from, {static_cast<int32_t>(x.size())}, x, to,
                           CastOptions(from, to));
  return RunValues<To>(*c);
}

TEST(Cast, FloatToIntegerTruncatesAndSaturates) {
  constexpr int32_t kMax = std::numeric_limits<int32_t>::max(), kMin = std::numeric_limits<int32_t>::min();
  // TFLite: truncation toward zero; INT32 saturates, and NaN becomes INT32_MAX.
  EXPECT_EQ(
      (CastValues<int32_t, float>(TensorType_FLOAT32, TensorType_INT32, {1.9f, -1.9f, 0.5f, -0.5f, 3e9f, -3e9f, NAN})),
      (Ints{1, -1, 0, 0, kMax, kMin, kMax}));
  EXPECT_EQ((CastValues<uint8_t, float>(TensorType_FLOAT32, TensorType_UINT8, {300, -5, 2.7f, 255.9f})),
            (std::vector<uint8_t>{255, 0, 2, 255}));
  EXPECT_EQ((CastValues<int16_t, float>(TensorType_FLOAT32, TensorType_INT16, {40000, -40000, -7.5f})),
            (std::vector<int16_t>{32767, -32768, -7}));
  EXPECT_EQ((CastValues<int64_t, double>(TensorType_FLOAT64, TensorType_INT64, {-2.5, 1e30, 123456789012.9})),
            (Int64s{-2, std::numeric_limits<int64_t>::max(), 123456789012}));
}

TEST(Cast, BoolIsNonzeroAndZeroOrOne) {
  EXPECT_EQ((CastValues<uint8_t, int32_t>(TensorType_INT32, TensorType_BOOL, {0, 3, -1})), (Bools{0, 1, 1}));
  EXPECT_EQ((CastValues<uint8_t, float>(TensorType_FLOAT32, TensorType_BOOL, {0, -0.0f, 0.1f, NAN})),
            (Bools{0, 0, 1, 1}));
  // Any nonzero byte of a BOOL tensor reads as true.
  EXPECT_EQ((CastValues<float, uint8_t>(TensorType_BOOL, TensorType_FLOAT32, {0, 1, 2})), (Floats{0, 1, 1}));
  EXPECT_EQ((CastValues<int64_t, uint8_t>(TensorType_BOOL, TensorType_INT64, {1, 0})), (Int64s{1, 0}));
}

TEST(Cast, IntegersWrap) {
  EXPECT_EQ((CastValues<int32_t, int64_t>(TensorType_INT64, TensorType_INT32, {(int64_t{1} << 32) + 5, -1})),
            (Ints{5, -1}));
  EXPECT_EQ((CastValues<uint8_t, int32_t>(TensorType_INT32, TensorType_UINT8, {263, -1})),
            (std::vector<uint8_t>{7, 255}));
  EXPECT_EQ((CastValues<int32_t, uint32_t>(TensorType_UINT32, TensorType_INT32, {4294967295u, 7})), (Ints{-1, 7}));
  EXPECT_EQ((CastValues<int8_t, int16_t>(TensorType_INT16, TensorType_INT8, {200, -129})),
            (std::vector<int8_t>{-56, 127}));
  EXPECT_EQ((CastValues<uint16_t, int32_t>(TensorType_INT32, TensorType_UINT16, {-1, 65537})), (Halves{65535, 1}));
}

TEST(Cast, Float16RoundsToNearestEven) {
  // 65504 is the largest half; 65519 still rounds to it, 65520 (the tie) goes to infinity;
  // 3e-8 rounds up to the smallest subnormal 2^-24, 2.98e-8 (just below half of it) to zero.
  EXPECT_EQ((CastValues<uint16_t, float>(TensorType_FLOAT32, TensorType_FLOAT16,
                                         {1, 65504, 1e6f, 0.1f, -2, 65519, 65520, 3e-8f, 2.98e-8f, -INFINITY})),
            (Halves{0x3C00, 0x7BFF, 0x7C00, 0x2E66, 0xC000, 0x7BFF, 0x7C00, 0x0001, 0x0000, 0xFC00}));
  // 2049 is a tie between the halves 2048 and 2050: the even mantissa (2048) wins.
  EXPECT_EQ((CastValues<uint16_t, int32_t>(TensorType_INT32, TensorType_FLOAT16, {65504, 70000, 2049})),
            (Halves{0x7BFF, 0x7C00, 0x6800}));
  std::vector<float> y =
      CastValues<float, uint16_t>(TensorType_FLOAT16, TensorType_FLOAT32, {0x3C00, 0xC000, 0x0001, 0x7C00, 0x3555});
  EXPECT_EQ(y, (Floats{1, -2, 5.9604644775390625e-8f, INFINITY, 0.333251953125f}));
  EXPECT_EQ((CastValues<int32_t, uint16_t>(TensorType_FLOAT16, TensorType_INT32, {0xC0E0, 0x7BFF})), (Ints{-2, 65504}));
}

TEST(Cast, Float64ToFloat32OverflowsToInfinity) {
  EXPECT_EQ((CastValues<float, double>(TensorType_FLOAT64, TensorType_FLOAT32, {1e300, -1e300, 0.1})),
            (Floats{INFINITY, -INFINITY, 0.1f}));
}

TEST(Cast, RejectsUnsupportedTypes) {
  auto str = UnaryCase<uint8_t>("complex", BuiltinOperator_CAST, tflite::TensorType_COMPLEX64, {1}, Bools(8, 0),
                                TensorType_FLOAT32);
  ExpectError(*str, "input is COMPLEX64; supported: FLOAT32, FLOAT16");
  auto out = UnaryCase<float>("to_complex", BuiltinOperator_CAST, TensorType_FLOAT32, {1}, Floats{1},
                              tflite::TensorType_COMPLEX64);
  ExpectError(*out, "output is COMPLEX64");
}

// Random values of `type` that TFLite converts to `to` without undefined behaviour.
std::vector<uint8_t> RandomBytes(TensorType type, TensorType to, size_t n, uint32_t seed) {
  const bool unsigned_to = to == TensorType_UINT8 || to == TensorType_UINT16 || to == TensorType_UINT32;
  auto bytes = [](const auto& v) {
    std::vector<uint8_t> b(v.size() * sizeof(v[0]));
    std::memcpy(b.data(), v.data(), b.size());
    return b;
  };
  Floats f = RandomFloats(n, seed, unsigned_to ? 0 : -120, 120);
  std::vector<int64_t> i = RandomInts<int64_t>(n, seed, -100000, 100000);
  for (size_t k = 0; k < n; k += 3) f[k] = std::round(f[k]);  // some exact integers
  switch (type) {
    case TensorType_FLOAT32: return bytes(f);
    case TensorType_FLOAT64: return bytes(std::vector<double>(f.begin(), f.end()));
    case TensorType_INT64: {
      for (int64_t& v : i) v *= 100003;  // beyond 32 bits
      return bytes(i);
    }
    case TensorType_INT32: return bytes(std::vector<int32_t>(i.begin(), i.end()));
    case TensorType_UINT32: return bytes(std::vector<uint32_t>(i.begin(), i.end()));
    case TensorType_INT16: return bytes(std::vector<int16_t>(i.begin(), i.end()));
    case TensorType_UINT16: return bytes(std::vector<uint16_t>(i.begin(), i.end()));
    case TensorType_INT8: return bytes(std::vector<int8_t>(i.begin(), i.end()));
    case TensorType_UINT8: return bytes(std::vector<uint8_t>(i.begin(), i.end()));
    case TensorType_BOOL: return bytes(RandomInts<uint8_t>(n, seed, 0, 1));
    default: return {};
  }
}

// The oracle's runner feeds INT64 and UINT16 only as constants and reads neither as outputs, and
// its TFLite predates CAST to and from FLOAT16 and FLOAT64: those pairs are checked above only.
TEST(Cast, MatchesTfliteOnRandomCases) {
  const TensorType from_types[] = {TensorType_FLOAT32, TensorType_INT32,  TensorType_INT64,
                                   TensorType_UINT8,   TensorType_INT8,   TensorType_INT16,
                                   TensorType_BOOL,    TensorType_UINT16, TensorType_UINT32};
  const TensorType to_types[] = {TensorType_FLOAT32, TensorType_INT32, TensorType_UINT8, TensorType_INT8,
                                 TensorType_INT16,   TensorType_BOOL,  TensorType_UINT32};
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 1;
  for (TensorType from : from_types) {
    for (TensorType to : to_types) {
      const Shape shape = seed % 2 ? Shape{3, 7} : Shape{2, 1, 5};
      const size_t n = static_cast<size_t>(ElementCount(shape));
      auto c = std::make_unique<OpCase>(
          std::string("cast_") + tflite::EnumNameTensorType(from) + "_to_" + tflite::EnumNameTensorType(to),
          BuiltinOperator_CAST, CastOptions(from, to));
      std::vector<uint8_t> x = RandomBytes(from, to, n, seed++);
      if (from == TensorType_INT64 || from == TensorType_UINT16)
        c->ConstInput<uint8_t>(from, shape, x);
      else
        c->Input<uint8_t>(from, shape, x);
      c->Output(to, shape);
      cases.push_back(std::move(c));
    }
  }
  ExpectAllMatchTflite(cases);
}

}  // namespace
}  // namespace litescope::testing
