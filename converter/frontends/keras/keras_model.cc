#include "converter/frontends/keras/keras_model.h"

#include <algorithm>

#include "converter/frontends/keras/keras_layer_context.h"

namespace litescope::keras {
namespace {

// One tensor reference of a model graph: the `tensor`-th output of the `node`-th call of `layer`.
struct Ref {
  std::string layer;
  int node = 0, tensor = 0;
  std::string Text() const { return layer + "[" + std::to_string(node) + "][" + std::to_string(tensor) + "]"; }
};

bool IsModelClass(const std::string& c) { return c == "Functional" || c == "Model" || c == "Sequential"; }

std::string LayerName(const nlohmann::json& layer) {
  if (layer.contains("config") && layer["config"].is_object() && layer["config"].contains("name"))
    return layer["config"]["name"].get<std::string>();
  return layer.at("name").get<std::string>();
}

// Keras 3 tensors in call arguments: {"class_name": "__keras_tensor__", "config": {"keras_history": [...]}}.
void CollectKerasTensors(const nlohmann::json& j, std::vector<Ref>* out) {
  if (j.is_object()) {
    if (j.value("class_name", std::string()) == "__keras_tensor__") {
      const nlohmann::json& h = j.at("config").at("keras_history");
      out->push_back({h.at(0).get<std::string>(), h.at(1).get<int>(), h.at(2).get<int>()});
      return;
    }
    for (const auto& [key, v] : j.items()) CollectKerasTensors(v, out);
  } else if (j.is_array()) {
    for (const auto& v : j) CollectKerasTensors(v, out);
  }
}

bool IsListRef(const nlohmann::json& e) { return e.is_array() && e.size() >= 3 && e[0].is_string(); }

// The inputs of every call of a layer, from `inbound_nodes` in either format.
std::vector<std::vector<Ref>> InboundCalls(const nlohmann::json& layer) {
  std::vector<std::vector<Ref>> calls;
  if (!layer.contains("inbound_nodes")) return calls;
  for (const auto& node : layer["inbound_nodes"]) {
    std::vector<Ref> refs;
    if (node.is_object()) {  // Keras 3: {"args": [...], "kwargs": {...}}
      if (node.contains("args")) CollectKerasTensors(node["args"], &refs);
      if (refs.empty() && node.contains("kwargs")) CollectKerasTensors(node["kwargs"], &refs);
    } else {  // Keras 2: [[name, node, tensor, kwargs], ...]
      for (const auto& e : node) {
        if (IsListRef(e)) {
          refs.push_back({e[0].get<std::string>(), e[1].get<int>(), e[2].get<int>()});
        } else {
          CollectKerasTensors(e, &refs);
        }
      }
    }
    calls.push_back(std::move(refs));
  }
  return calls;
}

// input_layers / output_layers: [[name, node, tensor], ...] or one [name, node, tensor].
std::vector<Ref> EndpointRefs(const nlohmann::json& j) {
  std::vector<Ref> out;
  if (IsListRef(j)) return {{j[0].get<std::string>(), j[1].get<int>(), j[2].get<int>()}};
  for (const auto& e : j) out.push_back({e.at(0).get<std::string>(), e.at(1).get<int>(), e.at(2).get<int>()});
  return out;
}

bool HasComponent(const std::string& path, const std::string& component) {
  size_t start = 0;
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    if (path.compare(start, end - start, component) == 0 && end - start == component.size()) return true;
    start = end + 1;
  }
  return false;
}

Result<tflite::TensorType> InputType(const nlohmann::json& dtype) {
  std::string name = "float32";
  if (dtype.is_string()) {
    name = dtype.get<std::string>();
  } else if (dtype.is_object() && dtype.contains("config") && dtype["config"].contains("name")) {
    name = dtype["config"]["name"].get<std::string>();  // Keras 3 DTypePolicy
  }
  if (name == "float32" || name == "float16" || name == "bfloat16" || name == "mixed_float16" || name == "float64")
    return tflite::TensorType_FLOAT32;
  if (name == "int32") return tflite::TensorType_INT32;
  if (name == "int64") return tflite::TensorType_INT64;
  if (name == "uint8") return tflite::TensorType_UINT8;
  if (name == "int8") return tflite::TensorType_INT8;
  if (name == "bool") return tflite::TensorType_BOOL;
  return Unsupported("input dtype " + name);
}

}  // namespace

ModelWalker::ModelWalker(const KerasFile& file, const ImportOptions& options, ConversionReport* report, ir::Model& model)
    : file_(file), options_(options), report_(report), model_(model) {}

std::string ModelWalker::UniqueName(const std::string& wanted) {
  std::string name = wanted;
  for (int n = 1; names_.count(name) != 0; ++n) name = wanted + "_" + std::to_string(n);
  names_.insert(name);
  return name;
}

Status ModelWalker::Run() {
  const nlohmann::json& top = file_.model_config();
  const nlohmann::json& config = top.at("config");
  const nlohmann::json& layers = config.is_array() ? config : config.at("layers");
  layers_total_ = static_cast<int>(layers.size());
  model_.main().name = config.is_object() ? config.value("name", std::string("main")) : "main";
  Result<std::vector<int>> outputs = BuildModel(top, nullptr, "", nullptr, 0);
  if (!outputs.ok()) return outputs.status();
  model_.main().outputs = *outputs;
  return Status::Ok();
}

Result<std::vector<int>> ModelWalker::BuildModel(const nlohmann::json& model, const std::vector<int>* inputs,
                                                 const std::string& prefix, const std::vector<Weight>* pool, int depth) {
  if (depth > 32) return InvalidArgument("models nested more than 32 deep");
  const std::string class_name = model.at("class_name").get<std::string>();
  const nlohmann::json& config = model.at("config");
  if (class_name == "Sequential") return BuildSequential(config, inputs, prefix, pool, depth);
  if (IsModelClass(class_name) || (config.is_object() && config.contains("layers") && config.contains("output_layers")))
    return BuildFunctional(config, inputs, prefix, pool, depth);
  return Unsupported("model class " + class_name + " (only Sequential and Functional models are described by model_config)");
}

Result<int> ModelWalker::MakeInput(const nlohmann::json& c, const std::string& name) {
  const nlohmann::json* shape = nullptr;
  for (const char* key : {"batch_input_shape", "batch_shape"})
    if (c.contains(key) && c[key].is_array()) shape = &c[key];
  if (shape == nullptr) return InvalidArgument("input " + name + " has no shape in the model config");
  ir::Value v;
  Result<tflite::TensorType> type = InputType(c.value("dtype", nlohmann::json("float32")));
  if (!type.ok()) return type.status().WithContext("input " + name);
  v.type = *type;
  if (auto given = options_.input_shapes.find(name); given != options_.input_shapes.end()) {
    if (given->second.size() != shape->size())
      return InvalidArgument("input " + name + ": the given shape has rank " + std::to_string(given->second.size()) +
                             ", the model's input has rank " + std::to_string(shape->size()));
    v.shape = given->second;
  } else {
    std::string text;
    for (size_t i = 0; i < shape->size(); ++i) text += (i ? "," : "") + ((*shape)[i].is_null() ? std::string("None") : (*shape)[i].dump());
    for (size_t i = 0; i < shape->size(); ++i) {
      const nlohmann::json& d = (*shape)[i];
      if (!d.is_null()) {
        v.shape.push_back(d.get<int32_t>());
      } else if (i == 0) {
        v.shape.push_back(1);  // the batch
      } else {
        return InvalidArgument("input " + name + " has shape [" + text + "] with an unknown dimension " + std::to_string(i) +
                               "; give its shape (input_shapes[\"" + name + "\"], --input-shape " + name + "=1,...)");
      }
    }
  }
  for (int32_t d : v.shape)
    if (d <= 0) return InvalidArgument("input " + name + " has a dimension " + std::to_string(d));
  v.name = UniqueName(name);
  const int id = model_.main().AddValue(std::move(v));
  model_.main().inputs.push_back(id);
  return id;
}

Result<std::vector<int>> ModelWalker::BuildFunctional(const nlohmann::json& config, const std::vector<int>* inputs,
                                                      const std::string& prefix, const std::vector<Weight>* pool, int depth) {
  const nlohmann::json& layers = config.at("layers");
  std::map<std::string, const nlohmann::json*> by_name;
  for (const auto& layer : layers) by_name[LayerName(layer)] = &layer;
  std::map<std::pair<std::string, int>, std::vector<int>> produced;  // (layer, call) -> outputs

  const std::vector<Ref> input_refs = EndpointRefs(config.at("input_layers"));
  if (inputs != nullptr && inputs->size() != input_refs.size())
    return InvalidArgument("nested model " + config.value("name", std::string()) + " takes " + std::to_string(input_refs.size()) +
                           " inputs, it is called with " + std::to_string(inputs->size()));
  for (size_t i = 0; i < input_refs.size(); ++i) {
    const Ref& r = input_refs[i];
    if (inputs != nullptr) {
      produced[{r.layer, r.node}] = {(*inputs)[i]};
      continue;
    }
    auto it = by_name.find(r.layer);
    if (it == by_name.end()) return InvalidArgument("input layer " + r.layer + " is not among the model's layers");
    Result<int> v = MakeInput(it->second->at("config"), prefix + r.layer);
    if (!v.ok()) return v.status();
    produced[{r.layer, r.node}] = {*v};
  }

  struct Pending {
    const nlohmann::json* layer;
    int call;
    std::vector<Ref> refs;
  };
  std::vector<Pending> pending;
  for (const auto& layer : layers) {
    if (layer.at("class_name") == "InputLayer") continue;
    const std::vector<std::vector<Ref>> calls = InboundCalls(layer);
    for (size_t k = 0; k < calls.size(); ++k) pending.push_back({&layer, static_cast<int>(k), calls[k]});
  }
  auto available = [&](const Ref& r) {
    auto it = produced.find({r.layer, r.node});
    return it != produced.end() && r.tensor >= 0 && static_cast<size_t>(r.tensor) < it->second.size();
  };
  // Config order is topological for models Keras builds; the loop also copes with shared layers
  // whose later calls are listed before their inputs exist.
  while (!pending.empty()) {
    bool progress = false;
    for (auto it = pending.begin(); it != pending.end();) {
      if (!std::all_of(it->refs.begin(), it->refs.end(), available)) {
        ++it;
        continue;
      }
      std::vector<int> in;
      for (const Ref& r : it->refs) in.push_back(produced[{r.layer, r.node}][static_cast<size_t>(r.tensor)]);
      Result<std::vector<int>> out = CallLayer(*it->layer, in, prefix, pool, it->call, depth);
      if (!out.ok()) return out.status();
      produced[{LayerName(*it->layer), it->call}] = *out;
      it = pending.erase(it);
      progress = true;
    }
    if (!progress) {
      const Pending& p = pending.front();
      std::string missing;
      for (const Ref& r : p.refs)
        if (!available(r)) missing = r.Text();
      return InvalidArgument("layer " + prefix + LayerName(*p.layer) + " reads " + missing + ", which no layer of the model computes");
    }
  }
  std::vector<int> outputs;
  for (const Ref& r : EndpointRefs(config.at("output_layers"))) {
    if (!available(r)) return InvalidArgument("model output " + r.Text() + " is not computed by any layer");
    outputs.push_back(produced[{r.layer, r.node}][static_cast<size_t>(r.tensor)]);
  }
  return outputs;
}

Result<std::vector<int>> ModelWalker::BuildSequential(const nlohmann::json& config, const std::vector<int>* inputs,
                                                      const std::string& prefix, const std::vector<Weight>* pool, int depth) {
  const nlohmann::json& layers = config.is_array() ? config : config.at("layers");
  if (layers.empty()) return InvalidArgument("Sequential model without layers");
  size_t start = 0;
  int current = -1;
  const bool input_layer = layers[0].at("class_name") == "InputLayer";
  if (inputs != nullptr) {
    if (inputs->size() != 1) return InvalidArgument("a Sequential model takes one input, it is called with " + std::to_string(inputs->size()));
    current = inputs->front();
    start = input_layer ? 1 : 0;
  } else {
    const std::string name = input_layer ? LayerName(layers[0]) : LayerName(layers[0]) + "_input";
    Result<int> v = MakeInput(layers[0].at("config"), prefix + name);
    if (!v.ok()) return v.status();
    current = *v;
    start = input_layer ? 1 : 0;
  }
  for (size_t i = start; i < layers.size(); ++i) {
    Result<std::vector<int>> out = CallLayer(layers[i], {current}, prefix, pool, 0, depth);
    if (!out.ok()) return out.status();
    if (out->size() != 1) return InvalidArgument("layer " + prefix + LayerName(layers[i]) + " in a Sequential model has " +
                                                 std::to_string(out->size()) + " outputs");
    current = out->front();
  }
  return std::vector<int>{current};
}

Result<std::vector<Weight>> ModelWalker::WeightsOf(const std::string& layer, const std::vector<Weight>* pool) {
  if (pool == nullptr) return file_.LayerWeights(layer);
  std::vector<Weight> out;
  for (const Weight& w : *pool)
    if (HasComponent(w.name, layer)) out.push_back(w);
  return out;
}

Result<std::vector<int>> ModelWalker::CustomOp(const std::string& name, const std::string& class_name, const std::vector<int>& inputs,
                                               const std::string& reason) {
  report_->unsupported.push_back({name, class_name, reason});
  if (!options_.allow_custom_ops)
    return litescope::Unsupported("layer " + name + " (" + class_name + "): " + reason +
                                  "; rewrite it with built-in layers, or allow custom ops to keep it as a CUSTOM op");
  ir::Graph& g = model_.main();
  ir::Value v;
  v.name = UniqueName(name);
  v.has_rank = false;
  const int out = g.AddValue(std::move(v));
  ir::Node n;
  n.op = tflite::BuiltinOperator_CUSTOM;
  n.custom_code = class_name;
  n.inputs = inputs;
  n.outputs = {out};
  n.source = name + " (" + class_name + ")";
  g.AddNode(std::move(n));
  report_->warnings.push_back("layer " + name + " (" + class_name + ") became CUSTOM op " + class_name + ": " + reason);
  report_->ops.push_back({name, class_name, {"CUSTOM:" + class_name}});
  return std::vector<int>{out};
}

Result<std::vector<int>> ModelWalker::CallLayer(const nlohmann::json& layer, const std::vector<int>& inputs, const std::string& prefix,
                                                const std::vector<Weight>* pool, int call, int depth) {
  if (options_.cancelled()) return Cancelled("converting the Keras model was cancelled");
  const std::string class_name = layer.at("class_name").get<std::string>();
  const std::string layer_name = LayerName(layer);
  const std::string name = prefix + layer_name + (call > 0 ? ":" + std::to_string(call) : "");
  const nlohmann::json& config = layer.at("config");

  if (IsModelClass(class_name)) {
    const std::vector<Weight>* inner = pool;
    Result<std::vector<Weight>> weights = WeightsOf(layer_name, pool);
    if (!weights.ok()) return weights.status();
    if (!weights->empty()) {
      pools_.push_back(std::move(*weights));
      inner = &pools_.back();
    }
    return BuildModel(layer, &inputs, name + "/", inner, depth + 1);
  }
  if (class_name == "InputLayer") return inputs;  // an InputLayer inside a nested model
  const LayerConverter convert = FindLayerConverter(class_name);
  if (class_name == "Lambda" || class_name == "TFOpLambda" || class_name == "SlicingOpLambda")
    return CustomOp(name, class_name, inputs, "a Lambda layer holds Python code, which the .h5 file does not contain");
  if (convert == nullptr) return CustomOp(name, class_name, inputs, "unknown layer class (a custom Python layer?)");

  Result<std::vector<Weight>> weights = WeightsOf(layer_name, pool);
  if (!weights.ok()) return weights.status();
  LayerInfo info{name, class_name, &config, inputs, std::move(*weights), file_.keras_version()};
  ir::Graph& g = model_.main();
  const size_t first_node = g.nodes.size(), first_value = g.values.size();
  LayerContext ctx(model_, options_, std::move(info), [this](const std::string& n) { return UniqueName(n); });
  Status s;
  try {
    s = convert(ctx);
  } catch (const nlohmann::json::exception& e) {
    s = ctx.Error(std::string("bad config: ") + e.what());
  }
  if (s.ok() && ctx.outputs.empty()) s = ctx.Error("produced no output");
  if (!s.ok()) {
    if (s.code() == StatusCode::kUnsupported) report_->unsupported.push_back({name, class_name, s.message()});
    return s;
  }
  // The layer's outputs carry its name (the first; later ones ":1", ":2").
  for (size_t i = 0; i < ctx.outputs.size(); ++i) {
    const int v = ctx.outputs[i];
    if (v < 0 || static_cast<size_t>(v) < first_value) continue;  // an input passed through
    ir::Value& value = g.values[static_cast<size_t>(v)];
    names_.erase(value.name);
    value.name = UniqueName(i == 0 ? name : name + ":" + std::to_string(i));
  }
  ConversionReport::Op op{name, class_name, {}};
  for (size_t n = first_node; n < g.nodes.size(); ++n) op.tflite_ops.push_back(ir::NodeOpName(g.nodes[n]));
  report_->ops.push_back(std::move(op));
  ++layers_done_;
  if (options_.progress && layers_total_ > 0) options_.progress(std::min(1.0, static_cast<double>(layers_done_) / layers_total_));
  return ctx.outputs;
}

}  // namespace litescope::keras
