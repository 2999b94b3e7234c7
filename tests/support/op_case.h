// Kernel tests: one operator in a model of its own, run by our interpreter and, when Node.js and
// ../shared/oracle are set up, by real TensorFlow Lite, so that every kernel is checked against
// the runtime it must match.
//
//   OpCase c("conv_same_stride2", tflite::BuiltinOperator_CONV_2D, Options(conv));
//   c.Input<float>(tflite::TensorType_FLOAT32, {1, 5, 5, 3}, RandomFloats(75, 1));
//   c.ConstInput<float>(tflite::TensorType_FLOAT32, {4, 3, 3, 3}, RandomFloats(108, 2));
//   c.OmittedInput();
//   c.Output(tflite::TensorType_FLOAT32, {1, 3, 3, 4});
//   Result<std::vector<NpyArray>> ours = c.RunOurs();
//   ExpectMatchesTflite({&c}, 1e-5);      // skips (with a message) without the oracle
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "engine/model/model_builder.h"
#include "engine/model/npy.h"
#include "engine/runtime/interpreter.h"

namespace litescope::testing {

class OpCase {
 public:
  OpCase(std::string name, tflite::BuiltinOperator op, tflite::BuiltinOptionsUnion options = {}, int version = 1);
  // A whole model built by the test (several ops, subgraphs) and the values of its inputs.
  OpCase(std::string name, ModelBuilder model, std::vector<NpyArray> inputs);

  // A graph input (fed at run time) with these values.
  template <typename T>
  int Input(tflite::TensorType type, Shape shape, const std::vector<T>& values, const QuantParams& quant = {}) {
    return AddInput(type, std::move(shape), AsBytes(values), false, quant);
  }
  // A constant input stored in the model (weights, axes, shapes).
  template <typename T>
  int ConstInput(tflite::TensorType type, Shape shape, const std::vector<T>& values, const QuantParams& quant = {}) {
    return AddInput(type, std::move(shape), AsBytes(values), true, quant);
  }
  void OmittedInput() { op_inputs_.push_back(-1); }
  int Output(tflite::TensorType type, Shape declared_shape, const QuantParams& quant = {});
  // An intermediate tensor of the operator (TFLite's integer LSTM reads quantization from them).
  int Intermediate(tflite::TensorType type, const QuantParams& quant);

  const std::string& name() const { return name_; }
  ModelBuilder& builder() { return builder_; }
  // The model (the operator is added on first use) and the values of its graph inputs.
  std::vector<uint8_t> ModelBytes();
  const std::vector<NpyArray>& graph_inputs() const { return graph_inputs_; }

  // Our interpreter's outputs, or its error (prepare errors included).
  Result<std::vector<NpyArray>> RunOurs(const InterpreterOptions& options = {});
  // The same with another op list (the conformance tests run ReferenceOps() against BuiltinOps()).
  Result<std::vector<NpyArray>> RunOurs(const InterpreterOptions& options, const OpRegistry& registry);

 private:
  template <typename T>
  static std::vector<uint8_t> AsBytes(const std::vector<T>& v) {
    const auto* p = reinterpret_cast<const uint8_t*>(v.data());
    return {p, p + v.size() * sizeof(T)};
  }
  int AddInput(tflite::TensorType type, Shape shape, std::vector<uint8_t> bytes, bool constant, const QuantParams& quant);

  std::string name_;
  tflite::BuiltinOperator op_;
  tflite::BuiltinOptionsUnion options_;
  int version_;
  ModelBuilder builder_;
  std::vector<int32_t> op_inputs_, op_outputs_, graph_input_tensors_, intermediates_;
  std::vector<NpyArray> graph_inputs_;
  bool finished_ = false;
};

// Runs the cases in real TFLite (one Node.js process for all of them) and expects our outputs to
// match: floats within max|a - g| <= float_tol * max(1, max|g|), integers within max_lsb.
// Skips the calling test with a message when Node.js or the oracle is not set up.
void ExpectMatchesTflite(const std::vector<OpCase*>& cases, double float_tol, int max_lsb = 0);

// Whether real TFLite can be run here (Node.js and ../shared/oracle with its npm packages).
bool TfliteOracleAvailable();

// Compares two output lists: same count, shapes and dtypes; values as above.
::testing::AssertionResult OutputsMatch(const std::vector<NpyArray>& actual, const std::vector<NpyArray>& expected,
                                        double float_tol, int max_lsb = 0);

// Deterministic test data.
std::vector<float> RandomFloats(size_t n, uint32_t seed, float lo = -1.0f, float hi = 1.0f);
template <typename T>
std::vector<T> RandomInts(size_t n, uint32_t seed, int lo, int hi) {
  std::vector<T> out(n);
  uint32_t s = seed * 2654435761u + 1;
  for (T& v : out) {
    s = s * 1664525u + 1013904223u;
    v = static_cast<T>(lo + static_cast<int>((s >> 8) % static_cast<uint32_t>(hi - lo + 1)));
  }
  return out;
}

// The values of an NpyArray of element type T.
template <typename T>
std::vector<T> Values(const NpyArray& a) {
  std::vector<T> out(a.data.size() / sizeof(T));
  if (!out.empty()) std::memcpy(out.data(), a.data.data(), out.size() * sizeof(T));
  return out;
}

}  // namespace litescope::testing
