#include "converter/ir/graph.h"

#include <algorithm>
#include <string>

namespace litescope::ir {

bool Value::static_shape() const {
  if (!has_rank) return false;
  for (int32_t d : shape)
    if (d < 0) return false;
  return true;
}

int64_t Value::elements() const {
  if (!static_shape()) return -1;
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  return n;
}

std::optional<std::vector<int64_t>> Value::IntegerElements() const {
  if (data == nullptr) return std::nullopt;
  const size_t bytes = data->size();
  std::vector<int64_t> out;
  auto read = [&](auto element) {
    using T = decltype(element);
    for (size_t i = 0; i < bytes / sizeof(T); ++i) out.push_back(static_cast<int64_t>(as<T>()[i]));
  };
  switch (type) {
    case tflite::TensorType_INT64: read(int64_t{}); break;
    case tflite::TensorType_INT32: read(int32_t{}); break;
    case tflite::TensorType_INT16: read(int16_t{}); break;
    case tflite::TensorType_INT8: read(int8_t{}); break;
    case tflite::TensorType_UINT8:
    case tflite::TensorType_BOOL: read(uint8_t{}); break;
    case tflite::TensorType_FLOAT32: read(float{}); break;
    default: return std::nullopt;
  }
  return out;
}

int Graph::AddValue(Value v) {
  values.push_back(std::move(v));
  return static_cast<int>(values.size()) - 1;
}

int Graph::AddNode(Node n) {
  nodes.push_back(std::move(n));
  return static_cast<int>(nodes.size()) - 1;
}

int Graph::AddConstant(const std::string& value_name, tflite::TensorType type, Dims shape, std::vector<uint8_t> bytes) {
  Value v;
  v.name = value_name;
  v.type = type;
  v.shape = std::move(shape);
  v.data = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
  return AddValue(std::move(v));
}

int Graph::AddValueLike(const std::string& value_name, int like) {
  Value v = values[static_cast<size_t>(like)];
  v.name = value_name;
  v.data.reset();
  v.is_variable = false;
  return AddValue(std::move(v));
}

std::vector<int> Graph::Producers() const {
  std::vector<int> producer(values.size(), -1);
  for (size_t i = 0; i < nodes.size(); ++i)
    for (int v : nodes[i].outputs)
      if (v >= 0) producer[static_cast<size_t>(v)] = static_cast<int>(i);
  return producer;
}

std::vector<std::vector<int>> Graph::Consumers() const {
  std::vector<std::vector<int>> consumers(values.size());
  for (size_t i = 0; i < nodes.size(); ++i)
    for (int v : nodes[i].inputs)
      if (v >= 0) consumers[static_cast<size_t>(v)].push_back(static_cast<int>(i));
  return consumers;
}

bool Graph::WrittenByNode(int v) const {
  return !values[static_cast<size_t>(v)].is_constant() && std::find(inputs.begin(), inputs.end(), v) == inputs.end();
}

void Graph::ReplaceUses(int from, int to) {
  for (Node& n : nodes)
    for (int& v : n.inputs)
      if (v == from) v = to;
  for (int& v : outputs)
    if (v == from) v = to;
}

std::string NodeOpName(const Node& n) {
  if (n.op == tflite::BuiltinOperator_CUSTOM) return "CUSTOM:" + n.custom_code;
  const char* name = tflite::EnumNameBuiltinOperator(n.op);
  return name != nullptr && *name != '\0' ? name : "OP_" + std::to_string(static_cast<int>(n.op));
}

namespace {

Status CheckGraph(const Graph& g, int index) {
  const auto where = [&](size_t node) {
    return "subgraph " + std::to_string(index) + " node " + std::to_string(node) + " (" +
           NodeOpName(g.nodes[node]) + (g.nodes[node].source.empty() ? "" : ", from " + g.nodes[node].source) + ")";
  };
  const size_t n = g.values.size();
  std::vector<char> available(n, 0), written(n, 0);
  for (int v : g.inputs) {
    if (v < 0 || static_cast<size_t>(v) >= n) return Internal("subgraph " + std::to_string(index) + ": input value " + std::to_string(v) + " out of range");
    available[static_cast<size_t>(v)] = 1;
  }
  for (size_t i = 0; i < n; ++i)
    if (g.values[i].is_constant() || g.values[i].is_variable) available[i] = 1;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node& node = g.nodes[i];
    for (int v : node.inputs) {
      if (v < -1 || v >= static_cast<int>(n)) return Internal(where(i) + ": input value " + std::to_string(v) + " out of range");
      if (v >= 0 && !available[static_cast<size_t>(v)])
        return Internal(where(i) + " reads " + g.values[static_cast<size_t>(v)].name + " before anything writes it");
    }
    for (int v : node.outputs) {
      if (v < 0 || v >= static_cast<int>(n)) return Internal(where(i) + ": output value " + std::to_string(v) + " out of range");
      if (written[static_cast<size_t>(v)] || g.values[static_cast<size_t>(v)].is_constant())
        return Internal(where(i) + " writes " + g.values[static_cast<size_t>(v)].name + ", which already has a value");
      written[static_cast<size_t>(v)] = available[static_cast<size_t>(v)] = 1;
    }
  }
  for (int v : g.outputs) {
    if (v < 0 || static_cast<size_t>(v) >= n) return Internal("subgraph " + std::to_string(index) + ": output value out of range");
    if (!available[static_cast<size_t>(v)])
      return Internal("subgraph " + std::to_string(index) + ": output " + g.values[static_cast<size_t>(v)].name + " is never written");
  }
  return Status::Ok();
}

}  // namespace

Status Verify(const Model& model) {
  for (size_t i = 0; i < model.subgraphs.size(); ++i)
    LITESCOPE_RETURN_IF_ERROR(CheckGraph(model.subgraphs[i], static_cast<int>(i)));
  return Status::Ok();
}

}  // namespace litescope::ir
