// Helpers for the ONNX front-end tests: running a converted IR model in the interpreter, and
// building small ONNX models with the protobuf classes.
#pragma once

#include <cstring>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

#include "converter/ir/graph.h"
#include "converter/writer/tflite_writer.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"

namespace litescope::testing {

struct HostTensor {
  tflite::TensorType type = tflite::TensorType_FLOAT32;
  std::vector<int32_t> shape;
  std::vector<uint8_t> bytes;
};

template <typename T>
HostTensor MakeHost(tflite::TensorType type, std::vector<int32_t> shape, const std::vector<T>& v) {
  HostTensor t{type, std::move(shape), std::vector<uint8_t>(v.size() * sizeof(T))};
  if (!v.empty()) std::memcpy(t.bytes.data(), v.data(), t.bytes.size());
  return t;
}

// Writes the model as .tflite, loads it, feeds `inputs` (resizing inputs whose shape differs)
// and returns the outputs.
inline Result<std::vector<HostTensor>> RunIr(const ir::Model& model, const std::vector<HostTensor>& inputs) {
  Result<SerializedModel> bytes = SerializeTflite(model);
  if (!bytes.ok()) return bytes.status();
  Result<std::unique_ptr<Model>> loaded = Model::FromBytes(bytes->Bytes(), "converted");
  if (!loaded.ok()) return loaded.status();
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(**loaded, BuiltinOps(), {});
  if (!it.ok()) return it.status();
  Interpreter& in = **it;
  if (static_cast<size_t>(in.input_count()) != inputs.size())
    return InvalidArgument("the model has " + std::to_string(in.input_count()) + " inputs, " + std::to_string(inputs.size()) + " given");
  bool resized = false;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (in.input(static_cast<int>(i))->shape != inputs[i].shape) {
      LITESCOPE_RETURN_IF_ERROR(in.ResizeInput(static_cast<int>(i), inputs[i].shape));
      resized = true;
    }
  }
  if (resized) LITESCOPE_RETURN_IF_ERROR(in.AllocateTensors());
  for (size_t i = 0; i < inputs.size(); ++i) {
    Tensor* t = in.input(static_cast<int>(i));
    if (t->type != inputs[i].type) return InvalidArgument("input " + std::to_string(i) + " has another type");
    if (t->bytes() != inputs[i].bytes.size()) return InvalidArgument("input " + std::to_string(i) + " has another size");
    if (!inputs[i].bytes.empty()) std::memcpy(t->raw(), inputs[i].bytes.data(), inputs[i].bytes.size());
  }
  LITESCOPE_RETURN_IF_ERROR(in.Invoke());
  std::vector<HostTensor> out;
  for (int i = 0; i < in.output_count(); ++i) {
    const Tensor* t = in.output(i);
    out.push_back({t->type, t->shape, std::vector<uint8_t>(t->raw(), t->raw() + t->bytes())});
  }
  return out;
}

// --- building ONNX models ---
inline onnx::NodeProto* AddNode(onnx::GraphProto* g, const std::string& type, std::vector<std::string> in, std::vector<std::string> out,
                                const std::string& name = "") {
  onnx::NodeProto* n = g->add_node();
  n->set_op_type(type);
  n->set_name(name.empty() ? out[0] + "_node" : name);
  for (auto& s : in) n->add_input(s);
  for (auto& s : out) n->add_output(s);
  return n;
}

inline void AttrInts(onnx::NodeProto* n, const std::string& name, std::vector<int64_t> v) {
  onnx::AttributeProto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a->add_ints(x);
}

inline void AttrInt(onnx::NodeProto* n, const std::string& name, int64_t v) {
  onnx::AttributeProto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
}

inline void AttrFloat(onnx::NodeProto* n, const std::string& name, float v) {
  onnx::AttributeProto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOAT);
  a->set_f(v);
}

inline void AddValueInfo(google::protobuf::RepeatedPtrField<onnx::ValueInfoProto>* list, const std::string& name, int type,
                         std::vector<int64_t> dims, const std::string& symbolic_first = "") {
  onnx::ValueInfoProto* v = list->Add();
  v->set_name(name);
  auto* t = v->mutable_type()->mutable_tensor_type();
  t->set_elem_type(type);
  auto* s = t->mutable_shape();
  for (size_t i = 0; i < dims.size(); ++i) {
    auto* d = s->add_dim();
    if (i == 0 && !symbolic_first.empty()) {
      d->set_dim_param(symbolic_first);
    } else {
      d->set_dim_value(dims[i]);
    }
  }
}

inline void AddFloatInit(onnx::GraphProto* g, const std::string& name, std::vector<int64_t> dims, const std::vector<float>& v) {
  onnx::TensorProto* t = g->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : dims) t->add_dims(d);
  for (float x : v) t->add_float_data(x);
}

inline void AddInt64Init(onnx::GraphProto* g, const std::string& name, std::vector<int64_t> dims, const std::vector<int64_t>& v) {
  onnx::TensorProto* t = g->add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::INT64);
  for (int64_t d : dims) t->add_dims(d);
  for (int64_t x : v) t->add_int64_data(x);
}

}  // namespace litescope::testing
