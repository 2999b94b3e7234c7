// Running another subgraph from a kernel (IF, WHILE, CALL_ONCE): check that the values passed
// fit its inputs, give them to it (re-preparing it when a shape changed), read its outputs.
//
//   LITESCOPE_RETURN_IF_ERROR(CheckSignature(ctx, body, ins, outs, "body"));
//   LITESCOPE_RETURN_IF_ERROR(SetInputs(body, values));
//   LITESCOPE_RETURN_IF_ERROR(body.Invoke());
#pragma once

#include <cstring>
#include <string>
#include <vector>

#include "engine/runtime/interpreter.h"

namespace litescope {

// A value passed between subgraphs: its type, shape and bytes.
struct Value {
  tflite::TensorType type;
  Shape shape;
  std::vector<uint8_t> bytes;

  static Value Of(const Tensor& t) { return {t.type, t.shape, std::vector<uint8_t>(t.raw(), t.raw() + t.bytes())}; }
};

// The subgraph takes `inputs` values of the given types and gives `outputs` values.
inline Status CheckSignature(const OpContext& ctx, Subgraph& graph, const std::vector<tflite::TensorType>& inputs,
                             int outputs, const std::string& role) {
  const std::string what = role + " subgraph " + std::to_string(graph.index());
  if (graph.input_count() != static_cast<int>(inputs.size())) {
    return ctx.Error(what + " takes " + std::to_string(graph.input_count()) + " inputs, the op passes " +
                     std::to_string(inputs.size()));
  }
  if (outputs >= 0 && graph.output_count() != outputs) {
    return ctx.Error(what + " gives " + std::to_string(graph.output_count()) + " outputs, the op needs " +
                     std::to_string(outputs));
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (graph.input(static_cast<int>(i)).type != inputs[i]) {
      return ctx.Error(what + " input " + std::to_string(i) + " is " +
                       tflite::EnumNameTensorType(graph.input(static_cast<int>(i)).type) + ", the op passes " +
                       tflite::EnumNameTensorType(inputs[i]));
    }
  }
  return Status::Ok();
}

// Gives the subgraph these shapes and prepares it.
inline Status PrepareWithShapes(Subgraph& graph, const std::vector<Shape>& shapes) {
  for (size_t i = 0; i < shapes.size(); ++i) graph.input(static_cast<int>(i)).shape = shapes[i];
  return graph.Prepare();
}

// Copies the values into the subgraph's inputs, re-preparing it first if a shape changed.
inline Status SetInputs(Subgraph& graph, const std::vector<Value>& values) {
  bool reshape = false;
  for (size_t i = 0; i < values.size(); ++i) reshape = reshape || graph.input(static_cast<int>(i)).shape != values[i].shape;
  if (reshape) {
    std::vector<Shape> shapes;
    for (const Value& v : values) shapes.push_back(v.shape);
    LITESCOPE_RETURN_IF_ERROR(PrepareWithShapes(graph, shapes));
  }
  for (size_t i = 0; i < values.size(); ++i) {
    Tensor& in = graph.input(static_cast<int>(i));
    if (!values[i].bytes.empty()) std::memcpy(in.raw(), values[i].bytes.data(), values[i].bytes.size());
  }
  return Status::Ok();
}

inline std::vector<Value> Outputs(Subgraph& graph) {
  std::vector<Value> out;
  for (int i = 0; i < graph.output_count(); ++i) out.push_back(Value::Of(graph.output(i)));
  return out;
}

// Writes the values to the op's outputs (sizing dynamic ones).
inline Status SetOutputs(OpContext& ctx, const std::vector<Value>& values, bool dynamic) {
  for (size_t i = 0; i < values.size(); ++i) {
    int o = static_cast<int>(i);
    if (dynamic) LITESCOPE_RETURN_IF_ERROR(ctx.ResizeDynamicOutput(o, values[i].shape));
    if (!values[i].bytes.empty()) std::memcpy(ctx.output(o)->raw(), values[i].bytes.data(), values[i].bytes.size());
  }
  return Status::Ok();
}

}  // namespace litescope
