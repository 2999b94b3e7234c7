// Helpers of the data-movement op tests (squeeze, concatenation, pad, gather, ...): a batch of
// cases owned for one ExpectMatchesTflite call, and one-line checks of a single case.
//
//   CaseBatch batch;
//   OpCase& c = batch.Add("pad_3d", tflite::BuiltinOperator_PAD);
//   c.Input<float>(...); c.ConstInput<int32_t>(...); c.Output(...);
//   batch.ExpectMatchesTflite();
//   EXPECT_EQ(RunValues<float>(hand_case), (std::vector<float>{...}));
//   ExpectPrepareError(bad_case, "axis 5 is out of range for rank 4");
#pragma once

#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "tests/support/op_case.h"

namespace litescope::testing {

class CaseBatch {
 public:
  OpCase& Add(const std::string& name, tflite::BuiltinOperator op, tflite::BuiltinOptionsUnion options = {},
              int version = 1) {
    owned_.push_back(std::make_unique<OpCase>(name, op, std::move(options), version));
    all_.push_back(owned_.back().get());
    return *owned_.back();
  }
  size_t size() const { return all_.size(); }

  // Our interpreter must run every case; then real TFLite must agree. Cases with an INT64 output
  // only run here: the oracle's WebAssembly runner cannot read INT64 tensors back.
  void ExpectMatchesTflite(double float_tol = 0) {
    std::vector<OpCase*> comparable;
    for (OpCase* c : all_) {
      Result<std::vector<NpyArray>> ours = c->RunOurs();
      ASSERT_TRUE(ours.ok()) << c->name() << ": " << ours.status().message();
      bool int64 = false;
      for (const NpyArray& a : *ours) int64 = int64 || a.type == tflite::TensorType_INT64;
      if (!int64) comparable.push_back(c);
    }
    testing::ExpectMatchesTflite(comparable, float_tol);
  }

 private:
  std::vector<std::unique_ptr<OpCase>> owned_;
  std::vector<OpCase*> all_;
};

// Output `o` of a case that must run, as values of type T (empty after a reported failure).
template <typename T>
std::vector<T> RunValues(OpCase& c, size_t o = 0) {
  Result<std::vector<NpyArray>> out = c.RunOurs();
  EXPECT_TRUE(out.ok()) << c.name() << ": " << out.status().message();
  if (!out.ok() || out->size() <= o) return {};
  return Values<T>((*out)[o]);
}

// The shape of output `o` of a case that must run.
inline Shape RunShape(OpCase& c, size_t o = 0) {
  Result<std::vector<NpyArray>> out = c.RunOurs();
  EXPECT_TRUE(out.ok()) << c.name() << ": " << out.status().message();
  return out.ok() && out->size() > o ? (*out)[o].shape : Shape{};
}

// The case must fail (in prepare or eval) with a message containing `fragment`.
inline void ExpectRunError(OpCase& c, const std::string& fragment) {
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_FALSE(out.ok()) << c.name() << " ran, but should fail with: " << fragment;
  EXPECT_NE(out.status().message().find(fragment), std::string::npos) << out.status().message();
}

// 0, 1, 2, ... as T.
template <typename T>
std::vector<T> Iota(size_t n, int start = 0) {
  std::vector<T> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<T>(start + static_cast<int>(i));
  return v;
}

inline size_t Count(const Shape& s) { return static_cast<size_t>(ElementCount(s)); }

// A graph input (or a constant) of `shape` filled with deterministic values of `type`: floats in
// [-1, 1), integers in [-100, 100] (unsigned: [0, 200]), bools 0/1. INT64 values are always
// constants: the oracle's WebAssembly runner cannot feed INT64 inputs.
inline int RandomInput(OpCase& c, tflite::TensorType type, const Shape& shape, uint32_t seed, bool constant = false,
                       const QuantParams& quant = {}) {
  const size_t n = Count(shape);
  constant = constant || type == tflite::TensorType_INT64;
  auto add = [&](auto values) {
    using T = typename decltype(values)::value_type;
    return constant ? c.ConstInput<T>(type, shape, values, quant) : c.Input<T>(type, shape, values, quant);
  };
  switch (type) {
    case tflite::TensorType_FLOAT32: return add(RandomFloats(n, seed));
    case tflite::TensorType_INT8: return add(RandomInts<int8_t>(n, seed, -100, 100));
    case tflite::TensorType_UINT8: return add(RandomInts<uint8_t>(n, seed, 0, 200));
    case tflite::TensorType_INT16: return add(RandomInts<int16_t>(n, seed, -100, 100));
    case tflite::TensorType_INT32: return add(RandomInts<int32_t>(n, seed, -100, 100));
    case tflite::TensorType_INT64: return add(RandomInts<int64_t>(n, seed, -100, 100));
    case tflite::TensorType_BOOL: return add(RandomInts<uint8_t>(n, seed, 0, 1));
    default: ADD_FAILURE() << "no random values for this type"; return -1;
  }
}

// Quantization that INT8/UINT8 cases of ops which keep quantized values give to the input and the
// output alike (none for other types).
inline QuantParams SharedQuant(tflite::TensorType type) {
  const bool quantized = type == tflite::TensorType_INT8 || type == tflite::TensorType_UINT8;
  return quantized ? QuantParams{{0.25f}, {5}} : QuantParams{};
}

// An INT32 parameter input: a constant, or a graph input (then the output shape is dynamic).
inline void IntParam(OpCase& c, const Shape& shape, const std::vector<int32_t>& values, bool constant) {
  if (constant) c.ConstInput<int32_t>(tflite::TensorType_INT32, shape, values);
  else c.Input<int32_t>(tflite::TensorType_INT32, shape, values);
}

// A case of an op with an input, then a [rank] and a [rank, 2] INT32 parameter (SPACE_TO_BATCH_ND
// and BATCH_TO_SPACE_ND: block_shape and paddings or crops).
inline OpCase& AddBlockCase(CaseBatch& batch, const std::string& name, tflite::BuiltinOperator op, tflite::TensorType type,
                            const Shape& in, const std::vector<int32_t>& block, const std::vector<int32_t>& pads,
                            bool constant, const Shape& out, uint32_t seed) {
  OpCase& c = batch.Add(name + "_" + std::to_string(batch.size()), op);
  RandomInput(c, type, in, seed, false, SharedQuant(type));
  const int32_t m = static_cast<int32_t>(block.size());
  IntParam(c, {m}, block, constant);
  IntParam(c, {m, 2}, pads, constant);
  c.Output(type, out, SharedQuant(type));
  return c;
}

// A PAD or PADV2 case: the output shape is the input's plus the paddings ([rank, 2]).
inline OpCase& AddPadCase(CaseBatch& batch, tflite::BuiltinOperator op, tflite::TensorType type, const Shape& in,
                          const std::vector<int32_t>& pads, bool constant, uint32_t seed) {
  OpCase& c = batch.Add("pad_" + std::to_string(batch.size()), op);
  RandomInput(c, type, in, seed, false, SharedQuant(type));
  IntParam(c, {static_cast<int32_t>(in.size()), 2}, pads, constant);
  if (op == tflite::BuiltinOperator_PADV2) RandomInput(c, type, {}, seed + 1000, true, SharedQuant(type));
  Shape out = in;
  for (size_t d = 0; d < out.size(); ++d) out[d] += pads[2 * d] + pads[2 * d + 1];
  c.Output(type, out, SharedQuant(type));
  return c;
}

}  // namespace litescope::testing
