// Test helpers for the elementwise binary ops (ADD ... FLOOR_MOD, comparisons, logical ops):
// one-op cases from literal values, Prepare-error checks, and batches of random broadcasting
// cases checked against real TFLite.
//
//   auto c = BinaryCase("div", tflite::BuiltinOperator_DIV, TensorType_INT32, {3}, Ints{7, -7, 7}, {1},
//                       Ints{2});
//   EXPECT_EQ(RunValues<int32_t>(*c), (Ints{3, -3, 3}));
//   RandomBinary spec{tflite::BuiltinOperator_DIV, TensorType_FLOAT32};
//   ExpectRandomMatchTflite({spec});
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/op_case.h"

namespace litescope::testing {

using Ints = std::vector<int32_t>;
using Int64s = std::vector<int64_t>;
using Floats = std::vector<float>;
using Bools = std::vector<uint8_t>;  // BOOL tensors hold one byte per element

using OptionsFactory = std::function<tflite::BuiltinOptionsUnion()>;

template <typename O>
OptionsFactory WithActivation(tflite::ActivationFunctionType act) {
  return [act] {
    O o;
    o.fused_activation_function = act;
    return Options(o);
  };
}

// A case with two graph inputs (or a constant second input) and a declared output.
template <typename T>
std::unique_ptr<OpCase> BinaryCase(const std::string& name, tflite::BuiltinOperator op, tflite::TensorType type,
                                   Shape sa, const std::vector<T>& a, Shape sb, const std::vector<T>& b,
                                   tflite::TensorType out_type, Shape out_shape,
                                   tflite::BuiltinOptionsUnion options = {}, bool const_b = false) {
  auto c = std::make_unique<OpCase>(name, op, std::move(options));
  c->Input<T>(type, std::move(sa), a);
  if (const_b)
    c->ConstInput<T>(type, std::move(sb), b);
  else
    c->Input<T>(type, std::move(sb), b);
  c->Output(out_type, std::move(out_shape));
  return c;
}

// Runs our interpreter and returns output 0 (failing the test when it errs).
template <typename T>
std::vector<T> RunValues(OpCase& c) {
  Result<std::vector<NpyArray>> out = c.RunOurs();
  EXPECT_TRUE(out.ok()) << c.name() << ": " << out.status().message();
  if (!out.ok() || out->empty()) return {};
  return Values<T>((*out)[0]);
}

// Our interpreter refuses the case with a message containing `needle`.
inline void ExpectError(OpCase& c, const std::string& needle) {
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_FALSE(out.ok()) << c.name() << " ran";
  EXPECT_NE(out.status().message().find(needle), std::string::npos) << out.status().message();
}

// A family of random cases of one op and element type over broadcasting shape pairs.
struct RandomBinary {
  tflite::BuiltinOperator op;
  tflite::TensorType type;
  tflite::TensorType out_type = type;
  OptionsFactory options;      // none: no options table
  double lo = -4, hi = 4;      // value range of both inputs (ints: inclusive)
  bool divisor = false;        // input 1 never 0 (ints), |b| >= 0.5 (floats)
  bool const_b = false;        // input 1 stored in the model
  bool nonnegative_b = false;  // input 1 >= 0 (integer POW)
  bool coarse = false;         // floats rounded to halves, so that equal values occur
  bool rank5 = false;          // also a rank-5 pair (most of these TFLite kernels abort past rank 4)
};

// The shape pairs every elementwise op is tested on: equal shapes, scalars, one-sided and
// two-sided broadcasting, odd sizes, batch > 1, ranks 1 to 4 (and 5 with `rank5`).
inline std::vector<std::pair<Shape, Shape>> BroadcastShapePairs(bool rank5) {
  std::vector<std::pair<Shape, Shape>> pairs = {{{2, 3, 5}, {2, 3, 5}}, {{7}, {}},          {{}, {3, 2}},
                                                {{1, 5}, {3, 1}},       {{2, 1, 3, 1}, {4, 1, 5}}, {{3, 1, 2}, {1}},
                                                {{2, 4, 3}, {4, 1}}};
  if (rank5) pairs.push_back({{2, 3, 1, 2, 2}, {3, 4, 1, 1}});
  return pairs;
}

inline std::vector<std::unique_ptr<OpCase>> MakeRandomCases(const RandomBinary& spec, uint32_t seed) {
  std::vector<std::unique_ptr<OpCase>> cases;
  int k = 0;
  for (const auto& [sa, sb] : BroadcastShapePairs(spec.rank5)) {
    Shape out;
    size_t rank = std::max(sa.size(), sb.size());
    for (size_t i = 0; i < rank; ++i) {
      int32_t da = i < rank - sa.size() ? 1 : sa[i - (rank - sa.size())];
      int32_t db = i < rank - sb.size() ? 1 : sb[i - (rank - sb.size())];
      out.push_back(da == 1 ? db : da);
    }
    const size_t na = static_cast<size_t>(ElementCount(sa)), nb = static_cast<size_t>(ElementCount(sb));
    std::string name = std::string(tflite::EnumNameBuiltinOperator(spec.op)) + "_" +
                       tflite::EnumNameTensorType(spec.type) + "_" + std::to_string(k++);
    const bool const_b = spec.const_b && k % 2 == 0;
    auto ints = [&](size_t n, uint32_t s, bool is_b) {
      std::vector<int64_t> v = RandomInts<int64_t>(n, s, static_cast<int>(spec.lo), static_cast<int>(spec.hi));
      for (int64_t& x : v) {
        if (is_b && spec.nonnegative_b && x < 0) x = -x;
        if (is_b && spec.divisor && x == 0) x = 1;
      }
      return v;
    };
    auto add = [&](auto tag, auto a, auto b) {
      using T = decltype(tag);
      cases.push_back(BinaryCase<T>(name, spec.op, spec.type, sa, a, sb, b, spec.out_type, out,
                                    spec.options ? spec.options() : tflite::BuiltinOptionsUnion{}, const_b));
    };
    switch (spec.type) {
      case tflite::TensorType_FLOAT32: {
        Floats a = RandomFloats(na, seed + 2 * k, static_cast<float>(spec.lo), static_cast<float>(spec.hi));
        Floats b = RandomFloats(nb, seed + 2 * k + 1, static_cast<float>(spec.lo), static_cast<float>(spec.hi));
        if (spec.divisor) {
          for (size_t i = 0; i < b.size(); ++i) b[i] = (i % 2 ? -1.0f : 1.0f) * (0.5f + std::fabs(b[i]));
        }
        if (spec.nonnegative_b) {
          for (float& x : b) x = std::fabs(x);
        }
        if (spec.coarse) {
          for (Floats* v : {&a, &b}) {
            for (float& x : *v) x = std::round(x * 2) / 2;
          }
        }
        add(float{}, a, b);
        break;
      }
      case tflite::TensorType_INT32:
      case tflite::TensorType_INT64:
      case tflite::TensorType_INT8:
      case tflite::TensorType_UINT8:
      case tflite::TensorType_INT16:
      case tflite::TensorType_BOOL: {
        std::vector<int64_t> a = ints(na, seed + 2 * k, false), b = ints(nb, seed + 2 * k + 1, true);
        auto as = [&](auto tag) {
          using T = decltype(tag);
          add(T{}, std::vector<T>(a.begin(), a.end()), std::vector<T>(b.begin(), b.end()));
        };
        switch (spec.type) {
          case tflite::TensorType_INT32:
            as(int32_t{});
            break;
          case tflite::TensorType_INT64:
            as(int64_t{});
            break;
          case tflite::TensorType_INT8:
            as(int8_t{});
            break;
          case tflite::TensorType_UINT8:
            as(uint8_t{});
            break;
          case tflite::TensorType_INT16:
            as(int16_t{});
            break;
          default:
            as(uint8_t{});
            break;
        }
        break;
      }
      default:
        ADD_FAILURE() << "no random data for " << tflite::EnumNameTensorType(spec.type);
    }
  }
  return cases;
}

// A SELECT / SELECT_V2 case with random condition, x and y of element type `type`.
inline std::unique_ptr<OpCase> RandomSelectCase(tflite::BuiltinOperator op, const std::string& name,
                                                tflite::TensorType type, const Shape& sc, const Shape& sx,
                                                const Shape& sy, const Shape& out, uint32_t seed) {
  auto c = std::make_unique<OpCase>(name, op);
  c->Input<uint8_t>(tflite::TensorType_BOOL, sc,
                    RandomInts<uint8_t>(static_cast<size_t>(ElementCount(sc)), seed, 0, 1));
  for (const Shape* s : {&sx, &sy}) {
    const size_t n = static_cast<size_t>(ElementCount(*s));
    seed += 7;
    switch (type) {
      case tflite::TensorType_FLOAT32:
        c->Input<float>(type, *s, RandomFloats(n, seed));
        break;
      case tflite::TensorType_INT32:
        c->Input<int32_t>(type, *s, RandomInts<int32_t>(n, seed, -1000, 1000));
        break;
      case tflite::TensorType_INT64:
        c->Input<int64_t>(type, *s, RandomInts<int64_t>(n, seed, -1000, 1000));
        break;
      case tflite::TensorType_INT16:
        c->Input<int16_t>(type, *s, RandomInts<int16_t>(n, seed, -1000, 1000));
        break;
      case tflite::TensorType_INT8:
        c->Input<int8_t>(type, *s, RandomInts<int8_t>(n, seed, -128, 127));
        break;
      case tflite::TensorType_UINT8:
        c->Input<uint8_t>(type, *s, RandomInts<uint8_t>(n, seed, 0, 255));
        break;
      default:
        c->Input<uint8_t>(type, *s, RandomInts<uint8_t>(n, seed, 0, 1));
        break;
    }
  }
  c->Output(type, out);
  return c;
}

// Runs ours on every case (each must succeed) and compares them all with real TFLite.
inline void ExpectAllMatchTflite(const std::vector<std::unique_ptr<OpCase>>& cases, double float_tol = 1e-5) {
  std::vector<OpCase*> all;
  for (const auto& c : cases) {
    Result<std::vector<NpyArray>> out = c->RunOurs();
    ASSERT_TRUE(out.ok()) << c->name() << ": " << out.status().message();
    all.push_back(c.get());
  }
  ExpectMatchesTflite(all, float_tol);
}

// Builds the cases of every spec, runs ours on each, and compares all with real TFLite.
inline void ExpectRandomMatchTflite(const std::vector<RandomBinary>& specs, double float_tol = 1e-5) {
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 100;
  for (const RandomBinary& s : specs) {
    for (auto& c : MakeRandomCases(s, seed += 17)) cases.push_back(std::move(c));
  }
  ExpectAllMatchTflite(cases, float_tol);
}

// FLOOR_DIV and FLOOR_MOD: FLOAT32 (|divisor| >= 0.5) and INT32 (non-zero divisors, some constant).
inline void ExpectFloorOpMatchesTflite(tflite::BuiltinOperator op) {
  ExpectRandomMatchTflite({{op, tflite::TensorType_FLOAT32, tflite::TensorType_FLOAT32, {}, -5, 5, true},
                           {op, tflite::TensorType_INT32, tflite::TensorType_INT32, {}, -20, 20, true, true}});
}

// MAXIMUM and MINIMUM: every type they take (int8/uint8/int16 compared as raw values).
inline void ExpectMaxMinMatchesTflite(tflite::BuiltinOperator op) {
  auto bools = BinaryCase<uint8_t>("bool", op, tflite::TensorType_BOOL, {1}, Bools{1}, {1}, Bools{1},
                                   tflite::TensorType_BOOL, {1});
  ExpectError(*bools, "input 0 is BOOL; supported: FLOAT32, INT32, INT64, INT8, UINT8, INT16");
  RandomBinary f{op, tflite::TensorType_FLOAT32};
  f.rank5 = true;
  ExpectRandomMatchTflite({f,
                           {op, tflite::TensorType_INT32, tflite::TensorType_INT32, {}, -50, 50},
                           {op, tflite::TensorType_INT8, tflite::TensorType_INT8, {}, -128, 127},
                           {op, tflite::TensorType_UINT8, tflite::TensorType_UINT8, {}, 0, 255},
                           {op, tflite::TensorType_INT16, tflite::TensorType_INT16, {}, -30000, 30000}});
}

// ---- shared by the six comparison ops (EQUAL ... GREATER_EQUAL) --------------------------------

// Expected BOOL outputs of: FLOAT32 {1, 2, 3} vs scalar 2; INT64 {2^40, -5} vs {2^40, 7}; and, for
// (NOT_)EQUAL, BOOL bytes {0, 1, 1, 0, 2} vs {0, 0, 1, 1, 1} (any non-zero byte is true).
struct ComparisonExpected {
  Bools vs_two, int64s, bools;
};

inline void ExpectComparisonHandCases(tflite::BuiltinOperator op, const ComparisonExpected& e) {
  constexpr auto kBool = tflite::TensorType_BOOL;
  auto f = BinaryCase<float>("float", op, tflite::TensorType_FLOAT32, {3}, Floats{1, 2, 3}, {}, Floats{2}, kBool, {3});
  EXPECT_EQ(RunValues<uint8_t>(*f), e.vs_two);
  auto l = BinaryCase<int64_t>("int64", op, tflite::TensorType_INT64, {2}, Int64s{int64_t{1} << 40, -5}, {2},
                               Int64s{int64_t{1} << 40, 7}, kBool, {2});
  EXPECT_EQ(RunValues<uint8_t>(*l), e.int64s);
  auto b = BinaryCase<uint8_t>("bool", op, kBool, {5}, Bools{0, 1, 1, 0, 2}, {5}, Bools{0, 0, 1, 1, 1}, kBool, {5});
  if (e.bools.empty())
    ExpectError(*b, "input 0 is BOOL; supported: FLOAT32, INT32, INT64");
  else
    EXPECT_EQ(RunValues<uint8_t>(*b), e.bools);
  auto out = BinaryCase<float>("float_out", op, tflite::TensorType_FLOAT32, {1}, Floats{1}, {1}, Floats{1},
                               tflite::TensorType_FLOAT32, {1});
  ExpectError(*out, "the output is FLOAT32; BOOL expected");
}

inline void ExpectComparisonMatchesTflite(tflite::BuiltinOperator op, bool takes_bool) {
  constexpr auto kBool = tflite::TensorType_BOOL;
  RandomBinary f{op, tflite::TensorType_FLOAT32, kBool, {}, -2, 2};
  f.coarse = true;
  // No INT64: the WebAssembly TFLite oracle cannot feed INT64 inputs (the hand cases cover it).
  std::vector<RandomBinary> specs = {f, {op, tflite::TensorType_INT32, kBool, {}, -3, 3}};
  if (takes_bool) specs.push_back({op, kBool, kBool, {}, 0, 1});
  ExpectRandomMatchTflite(specs);
}

}  // namespace litescope::testing
