// Cases shared by the tests of the reductions (sum, reduce_max, reduce_min, reduce_prod, mean).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/op_case.h"

namespace litescope::testing {

inline tflite::BuiltinOptionsUnion Reducer(bool keep_dims) {
  tflite::ReducerOptionsT o;
  o.keep_dims = keep_dims;
  return Options(o);
}

// The output shape TFLite gives, computed here independently of the kernel.
inline Shape ReducedShape(const Shape& in, const std::vector<int32_t>& axes, bool keep_dims) {
  const int rank = static_cast<int>(in.size());
  Shape out;
  for (int d = 0; d < rank; ++d) {
    bool reduced = std::any_of(axes.begin(), axes.end(), [&](int32_t a) { return a == d || a + rank == d; });
    if (!reduced) out.push_back(in[static_cast<size_t>(d)]);
    else if (keep_dims) out.push_back(1);
  }
  return out;
}

struct ReduceGeometry {
  Shape in;
  std::vector<int32_t> axes;
  bool keep_dims;
  bool const_axes = true;
};

// Geometries covering every axis rule: negative, repeated, none, all, scalar axes, run-time axes.
inline std::vector<ReduceGeometry> ReduceGeometries() {
  return {
      {{2, 3, 4}, {1}, false},
      {{2, 3, 4}, {1}, true},
      {{3, 5, 7}, {0, 2}, false},
      {{3, 5, 7}, {-1, 0}, true},
      {{2, 3, 4, 5}, {1, -3}, false},   // the same axis twice
      {{2, 3, 4, 5}, {0, 1, 2, 3}, false},
      {{4, 1, 6}, {}, true},             // no axes: a copy
      {{5, 9}, {-2}, false},
      {{2, 2, 3, 3}, {2, 3}, true},
      {{3, 4, 5}, {1}, false, false},    // axes fed at run time
      {{3, 4, 5}, {-1, 0}, true, false},
      {{7}, {0}, false},
  };
}

// A case per geometry; `values(n, seed)` gives the input.
template <typename T, typename Values>
std::vector<std::unique_ptr<OpCase>> ReduceCases(const std::string& prefix, tflite::BuiltinOperator op,
                                                 tflite::TensorType type, Values values,
                                                 const QuantParams& quant = {}) {
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 400;
  for (const ReduceGeometry& g : ReduceGeometries()) {
    auto c = std::make_unique<OpCase>(prefix + std::to_string(cases.size()), op, Reducer(g.keep_dims));
    c->Input<T>(type, g.in, values(static_cast<size_t>(ElementCount(g.in)), seed++), quant);
    Shape axes_shape = {static_cast<int32_t>(g.axes.size())};
    if (g.const_axes) c->ConstInput<int32_t>(tflite::TensorType_INT32, axes_shape, g.axes);
    else c->Input<int32_t>(tflite::TensorType_INT32, axes_shape, g.axes);
    c->Output(type, ReducedShape(g.in, g.axes, g.keep_dims), quant);
    cases.push_back(std::move(c));
  }
  return cases;
}

// Quantized cases (INT8, UINT8, INT16): every geometry here with every (input, output)
// quantization pair, random stored values over the whole type.
struct QuantizedReducePair {
  QuantParams in, out;
};

inline std::vector<ReduceGeometry> QuantizedReduceGeometries() {
  return {
      {{2, 5, 6, 7}, {1, 2}, true},         // 8-bit MEAN: the oracle runs these three in XNNPACK
      {{1, 3, 4, 9}, {2, 1}, true},
      {{2, 5, 6, 7}, {1, 2}, false},
      {{2, 5, 6, 7}, {1, 2}, true, false},  // the same, axes fed at run time: TFLite's builtin kernel
      {{1, 3, 4, 9}, {2, 1}, true, false},
      {{2, 5, 6, 7}, {1, 2}, false, false},
      {{2, 5, 6, 7}, {-3, -2}, true},       // negative axes: never the 4-D path
      {{3, 4, 5}, {1}, false},
      {{3, 4, 5}, {-1}, true},
      {{3, 4, 5}, {0, 1, 2}, false},
      {{2, 3, 4, 5}, {0, 3, -1}, false},
      {{4, 6}, {}, true},                   // no axes
      {{3, 4, 5}, {2, 0}, false, false},    // axes fed at run time
      {{64, 33}, {0}, false},
  };
}

// Whether the oracle's XNNPACK delegate takes an 8-bit MEAN of geometry g: 4-D, constant axes
// {1, 2} or {2, 1} (keep_dims or not).
inline bool XnnpackTakesMean(const ReduceGeometry& g) {
  return g.in.size() == 4 && g.const_axes && g.axes.size() == 2 &&
         ((g.axes[0] == 1 && g.axes[1] == 2) || (g.axes[0] == 2 && g.axes[1] == 1));
}

// The cases of the geometries `take` accepts (all without it).
template <typename T>
std::vector<std::unique_ptr<OpCase>> QuantizedReduceCases(const std::string& prefix, tflite::BuiltinOperator op,
                                                          tflite::TensorType type,
                                                          const std::vector<QuantizedReducePair>& pairs,
                                                          bool (*take)(const ReduceGeometry&) = nullptr) {
  std::vector<std::unique_ptr<OpCase>> cases;
  uint32_t seed = 900;
  for (const QuantizedReducePair& q : pairs) {
    for (const ReduceGeometry& g : QuantizedReduceGeometries()) {
      const auto n = static_cast<size_t>(ElementCount(g.in));
      std::vector<T> x = RandomInts<T>(n, seed++, std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
      if (take != nullptr && !take(g)) continue;
      auto c = std::make_unique<OpCase>(prefix + std::to_string(cases.size()), op, Reducer(g.keep_dims));
      c->Input<T>(type, g.in, x, q.in);
      Shape axes_shape = {static_cast<int32_t>(g.axes.size())};
      if (g.const_axes) c->ConstInput<int32_t>(tflite::TensorType_INT32, axes_shape, g.axes);
      else c->Input<int32_t>(tflite::TensorType_INT32, axes_shape, g.axes);
      c->Output(type, ReducedShape(g.in, g.axes, g.keep_dims), q.out);
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

inline void ExpectReduceCasesMatchTflite(const std::vector<std::unique_ptr<OpCase>>& cases, double float_tol) {
  std::vector<OpCase*> all;
  for (const auto& c : cases) {
    Result<std::vector<NpyArray>> ours = c->RunOurs();
    ASSERT_TRUE(ours.ok()) << c->name() << ": " << ours.status().message();
    all.push_back(c.get());
  }
  ExpectMatchesTflite(all, float_tol);
}

// Reducing the vector {1, 2} of type `type` to a scalar, quantized `in` -> `out`, must fail in
// Prepare with `message`.
template <typename T>
void ExpectScalarReduceRefused(tflite::BuiltinOperator op, tflite::TensorType type, const QuantParams& in,
                               const QuantParams& out, const std::string& message) {
  OpCase c("refused", op, Reducer(false));
  c.Input<T>(type, {2}, {1, 2}, in);
  c.ConstInput<int32_t>(tflite::TensorType_INT32, {1}, {0});
  c.Output(type, {}, out);
  Result<std::vector<NpyArray>> result = c.RunOurs();
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find(message), std::string::npos) << result.status().message();
}

// A reduction whose int8 output is quantized differently from its input must fail in Prepare
// with `message`.
inline void ExpectRequantizeRefused(tflite::BuiltinOperator op, const std::string& message) {
  ExpectScalarReduceRefused<int8_t>(op, tflite::TensorType_INT8, {{0.5f}, {0}}, {{0.25f}, {0}}, message);
}

// Prepare errors every reduction gives: an axis out of range, a non-INT32 axes tensor.
inline void ExpectReducePrepareErrors(tflite::BuiltinOperator op) {
  OpCase range("axis_range", op, Reducer(false));
  range.Input<float>(tflite::TensorType_FLOAT32, {2, 3}, RandomFloats(6, 1));
  range.ConstInput<int32_t>(tflite::TensorType_INT32, {1}, {2});
  range.Output(tflite::TensorType_FLOAT32, {2});
  Result<std::vector<NpyArray>> out = range.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("axis 2 is out of range for rank 2"), std::string::npos) << out.status().message();

  OpCase neg("axis_negative", op, Reducer(false));
  neg.Input<float>(tflite::TensorType_FLOAT32, {2, 3}, RandomFloats(6, 1));
  neg.ConstInput<int32_t>(tflite::TensorType_INT32, {1}, {-3});
  neg.Output(tflite::TensorType_FLOAT32, {2});
  out = neg.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("axis -3 is out of range for rank 2"), std::string::npos) << out.status().message();

  OpCase type("axes_type", op, Reducer(false));
  type.Input<float>(tflite::TensorType_FLOAT32, {2, 3}, RandomFloats(6, 1));
  type.ConstInput<float>(tflite::TensorType_FLOAT32, {1}, {1.0f});
  type.Output(tflite::TensorType_FLOAT32, {2});
  out = type.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("the axes must be INT32"), std::string::npos) << out.status().message();

  OpCase out_type("output_type", op, Reducer(false));
  out_type.Input<float>(tflite::TensorType_FLOAT32, {2, 3}, RandomFloats(6, 1));
  out_type.ConstInput<int32_t>(tflite::TensorType_INT32, {1}, {0});
  out_type.Output(tflite::TensorType_INT32, {3});
  out = out_type.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("the output is INT32; it must be FLOAT32"), std::string::npos)
      << out.status().message();
}

}  // namespace litescope::testing
