// Test helpers for the elementwise unary ops (ABS ... TANH) and the row-wise float ops
// (LOG_SOFTMAX, L2_NORMALIZATION, ...): one-op cases from literal values, and batches of random
// float32 cases over many shapes checked against real TFLite.
//
//   auto c = UnaryCase<float>("abs", tflite::BuiltinOperator_ABS, TensorType_FLOAT32, {3}, Floats{-1, 0, 2});
//   ExpectNear(RunValues<float>(*c), {1, 0, 2});
//   ExpectUnaryMatchesTflite({.op = tflite::BuiltinOperator_EXP, .lo = -5, .hi = 5});
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/support/op_case.h"

namespace litescope::testing {

// A case with one graph (or constant) input and one output of the input's shape.
template <typename T>
std::unique_ptr<OpCase> UnaryCase(const std::string& name, tflite::BuiltinOperator op, tflite::TensorType type,
                                  Shape shape, const std::vector<T>& values,
                                  tflite::TensorType out_type = tflite::TensorType_FLOAT32,
                                  tflite::BuiltinOptionsUnion options = {}, bool constant = false) {
  auto c = std::make_unique<OpCase>(name, op, std::move(options));
  if (constant)
    c->ConstInput<T>(type, shape, values);
  else
    c->Input<T>(type, shape, values);
  c->Output(out_type, std::move(shape));
  return c;
}

inline void ExpectNear(const std::vector<float>& actual, const std::vector<float>& expected, float tol = 1e-6f) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) EXPECT_NEAR(actual[i], expected[i], tol) << "element " << i;
}

// An options table of type O with one field set:
//   OptionsWith(&tflite::GeluOptionsT::approximate, true)
template <typename O, typename V>
OptionsFactory OptionsWith(V O::*field, V value) {
  return [field, value] {
    O o;
    o.*field = value;
    return Options(o);
  };
}

// An op refuses INT32 input, INT8 input without quantization (`int8_error`: float-only ops say
// the quantized kernels are not implemented) and an output whose type differs from the input's.
inline void ExpectFloatOnly(tflite::BuiltinOperator op,
                            const std::string& int8_error = "quantized kernels are not implemented yet") {
  auto int32 = UnaryCase<int32_t>("int32", op, tflite::TensorType_INT32, {2}, Ints{1, 2}, tflite::TensorType_INT32);
  ExpectError(*int32, "input is INT32; supported: FLOAT32");
  auto int8 =
      UnaryCase<int8_t>("int8", op, tflite::TensorType_INT8, {2}, std::vector<int8_t>{1, 2}, tflite::TensorType_INT8);
  ExpectError(*int8, int8_error);
  auto mixed = UnaryCase<float>("mixed", op, tflite::TensorType_FLOAT32, {2}, Floats{1, 2}, tflite::TensorType_INT32);
  ExpectError(*mixed, "output is INT32; it must be FLOAT32");
}

// Random float32 cases of one op: the same values run through every shape below.
struct RandomUnary {
  tflite::BuiltinOperator op;
  OptionsFactory options;       // none: no options table
  float lo = -4, hi = 4;        // value range
  std::vector<float> specials;  // values placed first in every case (ties, zeros, ...)
  std::vector<Shape> shapes = {{}, {1}, {7}, {2, 3}, {3, 5, 7}, {2, 3, 4, 5}, {1, 1, 1, 17}};
  std::string tag;  // tells option variants apart in case names
};

inline std::vector<std::unique_ptr<OpCase>> MakeRandomUnaryCases(const RandomUnary& spec, uint32_t seed = 1) {
  std::vector<std::unique_ptr<OpCase>> cases;
  for (const Shape& shape : spec.shapes) {
    const size_t n = static_cast<size_t>(ElementCount(shape));
    Floats x = RandomFloats(n, seed++, spec.lo, spec.hi);
    for (size_t i = 0; i < n && i < spec.specials.size(); ++i) x[i] = spec.specials[i];
    cases.push_back(UnaryCase<float>(
        std::string(tflite::EnumNameBuiltinOperator(spec.op)) + spec.tag + "_" + std::to_string(cases.size()), spec.op,
        tflite::TensorType_FLOAT32, shape, x, tflite::TensorType_FLOAT32,
        spec.options ? spec.options() : tflite::BuiltinOptionsUnion{}));
  }
  return cases;
}

// Builds the cases of every spec, runs ours on each, and compares all with real TFLite.
inline void ExpectUnaryMatchesTflite(const std::vector<RandomUnary>& specs, double float_tol = 1e-5) {
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 1;
  for (const RandomUnary& spec : specs) {
    for (auto& c : MakeRandomUnaryCases(spec, seed)) cases.push_back(std::move(c));
    seed += 100;
  }
  ExpectAllMatchTflite(cases, float_tol);
}

}  // namespace litescope::testing
