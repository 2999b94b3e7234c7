// The converter's graph IR, shared with the quantizer: a mutable model whose operators are
// TensorFlow Lite's builtin operators (with their options tables) and whose values are tensors
// (shape with -1 for unknown dimensions, dtype, quantization, constant data). Front ends translate
// a source format's ops into TFLite ops as they read it (an op with no TFLite twin becomes a few of
// them, e.g. ONNX HardSigmoid -> MUL, ADD, RELU_0_TO_1); passes rewrite the graph; the writer
// serializes it. Because every node is a TFLite op, the engine's reference kernels can evaluate
// the graph at any stage (constant folding, `convert --check`).
//
//   ir::Model m;
//   ir::Graph& g = m.main();
//   int x = g.AddValue({.name = "x", .type = tflite::TensorType_FLOAT32, .shape = {1, 4}});
//   int y = g.AddValue({.name = "y", .type = tflite::TensorType_FLOAT32, .shape = {1, 4}});
//   g.AddNode({.op = tflite::BuiltinOperator_RELU, .inputs = {x}, .outputs = {y}, .source = "relu_1"});
//   g.inputs = {x};
//   g.outputs = {y};
//   Status s = Verify(m);          // every index in range, one producer per value, topological order
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/model/model_builder.h"
#include "engine/schema/tflite_generated.h"

namespace litescope::ir {

using Dims = std::vector<int32_t>;  // -1: unknown (dynamic) dimension

struct Value {
  std::string name;
  tflite::TensorType type = tflite::TensorType_FLOAT32;
  Dims shape;
  bool has_rank = true;  // false: the rank itself is unknown
  QuantParams quant;
  // Constant data (weights), little-endian C order; null for activations. Shared so that
  // copying a graph or a value does not copy weights.
  std::shared_ptr<const std::vector<uint8_t>> data;
  bool is_variable = false;

  bool is_constant() const { return data != nullptr; }
  bool static_shape() const;  // rank known, no -1
  int64_t elements() const;   // -1 when the shape is not static
  // The constant's elements as int64 (integer, bool and float types; floats truncated), or
  // nullopt for an activation or another type.
  std::optional<std::vector<int64_t>> IntegerElements() const;
  // The constant data as T (the caller checks the type).
  template <typename T>
  const T* as() const {
    return reinterpret_cast<const T*>(data->data());
  }
};

struct Node {
  tflite::BuiltinOperator op = tflite::BuiltinOperator_ADD;
  tflite::BuiltinOptionsUnion options;
  tflite::BuiltinOptions2Union options_2;  // the StableHLO ops' options
  std::vector<int> inputs;   // value ids; -1 marks an omitted optional input
  std::vector<int> outputs;
  std::vector<int> intermediates;
  std::string custom_code;             // CUSTOM only
  std::vector<uint8_t> custom_options;  // CUSTOM only
  int version = 1;
  std::string source;  // the source node this came from ("conv1 (Conv)"), for reports and --check
};

struct Graph {
  std::string name;
  std::vector<Value> values;
  std::vector<Node> nodes;  // in execution (topological) order
  std::vector<int> inputs, outputs;

  int AddValue(Value v);
  int AddNode(Node n);
  // A constant from raw bytes or typed values.
  int AddConstant(const std::string& value_name, tflite::TensorType type, Dims shape, std::vector<uint8_t> bytes);
  template <typename T>
  int AddConstant(const std::string& value_name, tflite::TensorType type, Dims shape, const std::vector<T>& elements) {
    std::vector<uint8_t> bytes(elements.size() * sizeof(T));
    if (!elements.empty()) std::memcpy(bytes.data(), elements.data(), bytes.size());
    return AddConstant(value_name, type, std::move(shape), std::move(bytes));
  }
  // A value like `like` (type, shape, quantization) but an activation, named `value_name`.
  int AddValueLike(const std::string& value_name, int like);

  // For every value, the node that writes it (-1 for inputs and constants); recomputed per call.
  std::vector<int> Producers() const;
  // For every value, the nodes that read it, in order.
  std::vector<std::vector<int>> Consumers() const;
  // Whether a node writes value `v` (it is not a graph input or a constant): only such a value can
  // be a graph output as it is.
  bool WrittenByNode(int v) const;
  // Replaces every use of value `from` (node inputs and graph outputs) by `to`.
  void ReplaceUses(int from, int to);
};

struct Signature {
  std::string key;
  int subgraph = 0;
  std::vector<std::pair<std::string, int>> inputs, outputs;  // name -> value id
};

struct Model {
  std::vector<Graph> subgraphs = std::vector<Graph>(1);
  std::vector<Signature> signatures;
  std::string description;
  std::vector<std::pair<std::string, std::vector<uint8_t>>> metadata;

  Graph& main() { return subgraphs[0]; }
  const Graph& main() const { return subgraphs[0]; }
};

// Checks what passes and the writer rely on: indices in range, every value written at most once,
// nodes in topological order (a node reads only inputs, constants, variables or values written by
// earlier nodes), graph outputs produced. Messages name the node.
Status Verify(const Model& model);

// "CONV_2D" for builtins, the custom code for custom ops.
std::string NodeOpName(const Node& n);

}  // namespace litescope::ir
