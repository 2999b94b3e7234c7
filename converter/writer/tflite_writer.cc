#include "converter/writer/tflite_writer.h"

#include <map>

namespace litescope {
namespace {

struct Written {
  std::vector<int> tensor_of;  // value id -> tensor index, -1 when unused
};

Written WriteGraph(const ir::Graph& g, int subgraph, ModelBuilder& b, std::map<const void*, int>& buffers,
                   const std::vector<int>& extra_used) {
  Written w;
  std::vector<char> used(g.values.size(), 0);
  auto use = [&](int v) {
    if (v >= 0) used[static_cast<size_t>(v)] = 1;
  };
  for (int v : g.inputs) use(v);
  for (int v : g.outputs) use(v);
  for (int v : extra_used) use(v);
  for (const ir::Node& n : g.nodes) {
    for (int v : n.inputs) use(v);
    for (int v : n.outputs) use(v);
    for (int v : n.intermediates) use(v);
  }
  w.tensor_of.assign(g.values.size(), -1);
  for (size_t i = 0; i < g.values.size(); ++i) {
    if (!used[i]) continue;
    const ir::Value& v = g.values[i];
    int buffer = 0;
    if (v.data) {
      auto [it, fresh] = buffers.try_emplace(v.data.get(), 0);
      if (fresh) it->second = b.AddBuffer(*v.data);
      buffer = it->second;
    }
    ir::Dims shape = v.shape;
    for (int32_t& d : shape) d = d < 0 ? 1 : d;
    const int t = b.AddTensor(v.name, v.type, shape, buffer, v.quant, subgraph);
    tflite::TensorT& tensor = *b.model().subgraphs[static_cast<size_t>(subgraph)]->tensors[static_cast<size_t>(t)];
    if (!v.static_shape() && v.has_rank) tensor.shape_signature = v.shape;
    tensor.has_rank = v.has_rank;
    tensor.is_variable = v.is_variable;
    w.tensor_of[i] = t;
  }
  auto map = [&](const std::vector<int>& ids) {
    std::vector<int32_t> out;
    out.reserve(ids.size());
    for (int v : ids) out.push_back(v < 0 ? -1 : w.tensor_of[static_cast<size_t>(v)]);
    return out;
  };
  for (const ir::Node& n : g.nodes) {
    int index;
    if (n.op == tflite::BuiltinOperator_CUSTOM) {
      index = b.AddCustomOperator(n.custom_code, map(n.inputs), map(n.outputs), n.custom_options, subgraph);
    } else {
      index = b.AddOperator(n.op, map(n.inputs), map(n.outputs), n.options, subgraph, n.version);
    }
    tflite::OperatorT& op = *b.model().subgraphs[static_cast<size_t>(subgraph)]->operators[static_cast<size_t>(index)];
    op.builtin_options_2 = n.options_2;
    op.intermediates = map(n.intermediates);
  }
  b.SetInputs(map(g.inputs), subgraph);
  b.SetOutputs(map(g.outputs), subgraph);
  return w;
}

}  // namespace

Result<ModelBuilder> BuildTflite(const ir::Model& model, std::vector<std::vector<int>>* tensor_of) {
  LITESCOPE_RETURN_IF_ERROR(ir::Verify(model).WithContext("writing .tflite"));
  ModelBuilder b;
  b.SetDescription(model.description.empty() ? "Converted by Litescope" : model.description);
  std::map<const void*, int> buffers;
  std::vector<Written> written;
  for (size_t s = 0; s < model.subgraphs.size(); ++s) {
    const int index = s == 0 ? 0 : b.AddSubgraph(model.subgraphs[s].name);
    if (s == 0) b.model().subgraphs[0]->name = model.subgraphs[0].name;
    std::vector<int> signature_values;
    for (const ir::Signature& sig : model.signatures) {
      if (sig.subgraph != static_cast<int>(s)) continue;
      for (const auto& [name, v] : sig.inputs) signature_values.push_back(v);
      for (const auto& [name, v] : sig.outputs) signature_values.push_back(v);
    }
    written.push_back(WriteGraph(model.subgraphs[s], index, b, buffers, signature_values));
  }
  auto tensors = [&](int subgraph, const std::vector<std::pair<std::string, int>>& named) {
    std::vector<std::pair<std::string, int32_t>> out;
    for (const auto& [name, v] : named) out.emplace_back(name, written[static_cast<size_t>(subgraph)].tensor_of[static_cast<size_t>(v)]);
    return out;
  };
  if (model.signatures.empty()) {
    const ir::Graph& g = model.main();
    std::vector<std::pair<std::string, int>> in, out;
    for (int v : g.inputs) in.emplace_back(g.values[static_cast<size_t>(v)].name, v);
    for (int v : g.outputs) out.emplace_back(g.values[static_cast<size_t>(v)].name, v);
    b.AddSignature("serving_default", 0, tensors(0, in), tensors(0, out));
  }
  for (const ir::Signature& sig : model.signatures)
    b.AddSignature(sig.key, sig.subgraph, tensors(sig.subgraph, sig.inputs), tensors(sig.subgraph, sig.outputs));
  for (const auto& [name, bytes] : model.metadata) b.AddMetadata(name, bytes);
  if (tensor_of != nullptr) {
    tensor_of->clear();
    for (const Written& w : written) tensor_of->push_back(w.tensor_of);
  }
  return b;
}

Result<SerializedModel> SerializeTflite(const ir::Model& model, std::vector<std::vector<int>>* tensor_of) {
  Result<ModelBuilder> b = BuildTflite(model, tensor_of);
  if (!b.ok()) return b.status();
  return b->Finish();
}

Status WriteTflite(const ir::Model& model, const std::string& path, const std::vector<std::string>& sources) {
  Result<ModelBuilder> b = BuildTflite(model);
  if (!b.ok()) return b.status();
  return b->WriteFile(path, sources);
}

}  // namespace litescope
