#include "converter/frontends/tensorflow/tf_frontend.h"

#include <algorithm>
#include <set>

#include "converter/frontends/tensorflow/tf_op_table.h"
#include "converter/frontends/tensorflow/tf_source.h"
#include "converter/passes/infer_shapes.h"

namespace litescope {
namespace {

bool IsVariable(const std::string& op) { return op == "VarHandleOp" || op == "VariableV2" || op == "Variable"; }

void Warn(ConversionReport* report, const std::string& w) {
  if (report != nullptr) report->warnings.push_back(w);
}

Status AddInput(TfImporter& im, const TfPort& port, ConversionReport* report) {
  ir::Value v;
  v.name = port.name;
  Result<tflite::TensorType> type = TfTypeToTflite(port.dtype == 0 ? tfproto::DT_FLOAT : port.dtype);
  if (!type.ok()) return type.status().WithContext("input " + port.name);
  v.type = *type;
  const auto& given = im.options().input_shapes;
  auto it = given.find(port.name);
  if (it == given.end()) it = given.find(port.tensor);
  if (it != given.end()) {
    v.shape = it->second;
  } else if (!port.shape) {
    return InvalidArgument("input " + port.name + " has no shape in the model; give it (--input-shape " + port.name + "=...)");
  } else {
    v.shape = *port.shape;
    for (size_t d = 0; d < v.shape.size(); ++d) {
      if (v.shape[d] >= 0) continue;
      if (d != 0)
        return InvalidArgument("input " + port.name + ": dimension " + std::to_string(d) + " is unknown; give the input's shape (--input-shape " +
                               port.name + "=...)");
      v.shape[d] = 1;
      Warn(report, "input " + port.name + ": unknown batch dimension set to 1");
    }
  }
  for (int32_t d : v.shape)
    if (d < 0) return InvalidArgument("input " + port.name + ": the given shape has a negative dimension");
  const int id = im.graph().AddValue(std::move(v));
  im.graph().inputs.push_back(id);
  im.tensors()[port.tensor] = id;
  return Status::Ok();
}

Status AddVariable(TfImporter& im, const TfSource& src, const TfNode& n) {
  std::vector<std::string> keys;
  if (auto it = src.variable_keys.find(n.name); it != src.variable_keys.end()) keys.push_back(it->second);
  if (im.HasAttr("shared_name") && !im.Str("shared_name", "").empty()) keys.push_back(im.Str("shared_name", ""));
  keys.push_back(n.name);
  if (!src.bundle)
    return NotFound(im.Where() + ": the graph reads a variable but there is no checkpoint (" + src.variables_prefix + ".index is missing)");
  for (const std::string& key : keys) {
    if (!src.bundle->Has(key)) continue;
    Result<TfTensor> t = src.bundle->Read(key);
    if (!t.ok()) return t.status().WithContext(im.Where());
    im.tensors()[n.name + ":0"] = im.graph().AddConstant(n.name, t->type, t->shape, std::move(t->bytes));
    return Status::Ok();
  }
  return NotFound(im.Where() + ": the checkpoint has no value for this variable (looked for " + keys.front() + ")");
}

Status AddCustom(TfImporter& im, int outputs) {
  ir::Graph& g = im.graph();
  g.nodes.resize(im.first_new_node());
  ir::Node n;
  n.op = tflite::BuiltinOperator_CUSTOM;
  n.custom_code = im.type();
  n.source = im.node().name + " (" + im.type() + ")";
  for (int i = 0; i < im.input_count(); ++i) n.inputs.push_back(im.In(i));
  for (int i = 0; i < outputs; ++i) {
    ir::Value v;
    v.name = im.node().name + (i == 0 ? "" : ":" + std::to_string(i));
    v.has_rank = false;
    n.outputs.push_back(g.AddValue(std::move(v)));
    im.tensors()[im.node().name + ":" + std::to_string(i)] = n.outputs.back();
  }
  g.AddNode(std::move(n));
  return Status::Ok();
}

Status ConvertNode(TfImporter& im, const TfSource& src, const TfNode& n) {
  if (n.op == "Const") {
    auto it = n.def->attr().find("value");
    if (it == n.def->attr().end()) return InvalidArgument(im.Where() + ": a Const without a value");
    Result<TfTensor> t = TensorFromProto(it->second.tensor());
    if (!t.ok()) return t.status().WithContext(im.Where());
    im.tensors()[n.name + ":0"] = im.graph().AddConstant(n.name, t->type, t->shape, std::move(t->bytes));
    return Status::Ok();
  }
  if (IsVariable(n.op)) return AddVariable(im, src, n);
  if (n.op == "Placeholder" || n.op == "PlaceholderV2")
    return InvalidArgument(im.Where() + ": the outputs depend on a placeholder that is not an input (name it in --inputs)");
  if (n.op == "While" || n.op == "StatelessWhile" || n.op == "If" || n.op == "StatelessIf")
    return Unsupported(im.Where() + ": functional control flow (While/If) is not supported");
  const TfConverter convert = FindTfConverter(n.op);
  if (convert == nullptr) return Unsupported(im.Where() + ": the op " + n.op + " is not supported");
  return convert(im);
}

Status ConvertNodes(TfImporter& im, const TfSource& src, const TfFlatGraph& flat, ConversionReport* report, bool* has_custom) {
  std::map<std::string, int> output_counts;  // outputs each node must have: its highest index read, plus one
  auto need = [&](const std::string& t) {
    int& c = output_counts[TensorNode(t)];
    c = std::max(c, TensorIndex(t) + 1);
  };
  for (const TfNode& n : flat.nodes)
    for (const std::string& t : n.inputs) need(t);
  for (const std::string& t : flat.outputs) need(t);
  const ImportOptions& o = im.options();
  ir::Graph& g = im.graph();
  for (size_t k = 0; k < flat.nodes.size(); ++k) {
    if (o.cancelled()) return Cancelled("converting: cancelled");
    if (o.progress) o.progress(0.05 + 0.9 * static_cast<double>(k) / static_cast<double>(flat.nodes.size()));
    const TfNode& n = flat.nodes[k];
    im.Begin(n);
    for (int i = 0; i < im.input_count(); ++i)
      if (im.In(i) < 0) return InvalidArgument(im.Where() + ": input " + n.inputs[static_cast<size_t>(i)] + " was never produced");
    Status s = ConvertNode(im, src, n);
    for (int i = 0; s.ok() && i < output_counts[n.name]; ++i)
      if (!im.tensors().count(n.name + ":" + std::to_string(i)))
        s = Unsupported(im.Where() + ": output " + std::to_string(i) + " is read but was not produced");
    if (!s.ok()) {
      if (s.code() != StatusCode::kUnsupported || !o.allow_custom_ops) return s;
      if (report != nullptr) report->unsupported.push_back({n.name, n.op, s.message()});
      LITESCOPE_RETURN_IF_ERROR(AddCustom(im, std::max(1, output_counts[n.name])));
      *has_custom = true;
    }
    if (report != nullptr && n.op != "Const" && !IsVariable(n.op)) {
      ConversionReport::Op op{n.name, n.op, {}};
      for (size_t i = im.first_new_node(); i < g.nodes.size(); ++i) op.tflite_ops.push_back(ir::NodeOpName(g.nodes[i]));
      report->ops.push_back(std::move(op));
    }
  }
  return Status::Ok();
}

Status AddOutputs(TfImporter& im, const TfSource& src, const TfFlatGraph& flat) {
  ir::Graph& g = im.graph();
  std::set<int> seen;
  for (size_t i = 0; i < src.outputs.size(); ++i) {
    auto it = im.tensors().find(flat.outputs[i]);
    if (it == im.tensors().end()) return InvalidArgument("output " + src.outputs[i].name + " (" + flat.outputs[i] + ") is never produced");
    int v = it->second;
    const bool is_input = std::find(g.inputs.begin(), g.inputs.end(), v) != g.inputs.end();
    if (is_input || g.values[static_cast<size_t>(v)].is_constant() || seen.count(v)) {
      // A graph output must be written by a node of its own: copy it.
      Result<ir::Dims> shape = im.Shape(v);
      if (!shape.ok()) return shape.status();
      v = im.Reshape(v, *shape);
    }
    g.values[static_cast<size_t>(v)].name = src.outputs[i].name;
    seen.insert(v);
    g.outputs.push_back(v);
  }
  return Status::Ok();
}

}  // namespace

Result<ir::Model> ImportTensorFlow(const std::string& path, const ImportOptions& options, ConversionReport* report) {
  const bool saved_model = IsSavedModelDir(path);
  Result<TfSource> src = saved_model ? ReadSavedModel(path, options.signature) : ReadFrozenGraph(path, options.inputs, options.outputs);
  if (!src.ok()) return src.status();
  const std::string context = "converting " + path;
  if (report != nullptr) {
    report->source = path;
    report->format = saved_model ? "tensorflow_saved_model" : "tensorflow_graphdef";
  }
  if (options.progress) options.progress(0.02);
  std::set<std::string> inputs;
  std::vector<std::string> outputs;
  for (const TfPort& p : src->inputs) inputs.insert(p.tensor);
  for (const TfPort& p : src->outputs) outputs.push_back(p.tensor);
  Result<TfFlatGraph> flat = FlattenTfGraph(*src->graph, inputs, outputs);
  if (!flat.ok()) return flat.status().WithContext(context);
  ir::Model model;
  model.main().name = "main";
  model.description = "converted from " + src->description;
  TfImporter im(model, options);
  for (const TfPort& p : src->inputs) LITESCOPE_RETURN_IF_ERROR(AddInput(im, p, report).WithContext(context));
  bool has_custom = false;
  LITESCOPE_RETURN_IF_ERROR(ConvertNodes(im, *src, *flat, report, &has_custom).WithContext(context));
  LITESCOPE_RETURN_IF_ERROR(AddOutputs(im, *src, *flat).WithContext(context));
  if (!has_custom) LITESCOPE_RETURN_IF_ERROR(InferShapes(model).WithContext(context + ": checking the converted graph"));
  LITESCOPE_RETURN_IF_ERROR(ir::Verify(model).WithContext(context));
  if (options.progress) options.progress(1.0);
  return model;
}

}  // namespace litescope
