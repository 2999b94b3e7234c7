#include "converter/frontends/tflite/tflite_frontend.h"

#include "engine/model/model_builder.h"

namespace litescope {
namespace {

ir::Value ValueOf(const tflite::TensorT& t, const tflite::ModelT& m) {
  ir::Value v;
  v.name = t.name;
  v.type = t.type;
  v.shape = t.shape;
  v.has_rank = t.has_rank || !t.shape.empty();
  // The signature's -1s are the dimensions the IR calls unknown.
  if (t.shape_signature.size() == t.shape.size())
    for (size_t d = 0; d < t.shape.size(); ++d)
      if (t.shape_signature[d] < 0) v.shape[d] = -1;
  if (t.quantization) {
    v.quant.scale = t.quantization->scale;
    v.quant.zero_point = t.quantization->zero_point;
    v.quant.quantized_dimension = t.quantization->quantized_dimension;
    v.quant.min = t.quantization->min;
    v.quant.max = t.quantization->max;
  }
  v.is_variable = t.is_variable;
  if (t.buffer > 0 && t.buffer < m.buffers.size() && !m.buffers[t.buffer]->data.empty())
    v.data = std::make_shared<const std::vector<uint8_t>>(m.buffers[t.buffer]->data);
  return v;
}

}  // namespace

Result<ir::Model> ImportTflite(const Model& model) {
  ModelBuilder unpacked = ModelBuilder::FromModel(model);
  tflite::ModelT& m = unpacked.model();
  ir::Model out;
  out.subgraphs.clear();
  out.description = m.description;
  for (const auto& sg : m.subgraphs) {
    ir::Graph g;
    g.name = sg->name;
    for (const auto& t : sg->tensors) g.AddValue(ValueOf(*t, m));
    for (auto& op : sg->operators) {
      ir::Node n;
      const tflite::OperatorCodeT& code = *m.operator_codes[op->opcode_index];
      n.op = std::max(static_cast<tflite::BuiltinOperator>(code.deprecated_builtin_code), code.builtin_code);
      n.version = code.version;
      n.custom_code = code.custom_code;
      n.options = std::move(op->builtin_options);
      n.options_2 = std::move(op->builtin_options_2);
      n.inputs = op->inputs;
      n.outputs = op->outputs;
      n.intermediates = op->intermediates;
      n.custom_options = op->custom_options;
      g.AddNode(std::move(n));
    }
    g.inputs = sg->inputs;
    g.outputs = sg->outputs;
    out.subgraphs.push_back(std::move(g));
  }
  for (const auto& sig : m.signature_defs) {
    ir::Signature s;
    s.key = sig->signature_key;
    s.subgraph = static_cast<int>(sig->subgraph_index);
    for (const auto& t : sig->inputs) s.inputs.emplace_back(t->name, static_cast<int>(t->tensor_index));
    for (const auto& t : sig->outputs) s.outputs.emplace_back(t->name, static_cast<int>(t->tensor_index));
    out.signatures.push_back(std::move(s));
  }
  for (const MetadataView& md : model.metadata()) out.metadata.emplace_back(std::string(md.name), std::vector<uint8_t>(md.data.begin(), md.data.end()));
  LITESCOPE_RETURN_IF_ERROR(ir::Verify(out).WithContext("reading " + model.path()));
  return out;
}

}  // namespace litescope
