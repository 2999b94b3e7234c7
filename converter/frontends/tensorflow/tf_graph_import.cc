#include "converter/frontends/tensorflow/tf_graph_import.h"

#include <algorithm>
#include <set>

#include "converter/frontends/tensorflow/tf_op_table.h"

namespace litescope {
namespace {

bool IsTf1ControlFlow(const std::string& op) {
  return op == "Switch" || op == "Merge" || op == "Enter" || op == "Exit" || op == "NextIteration" || op == "LoopCond" || op == "RefSwitch" ||
         op == "RefMerge" || op == "RefEnter" || op == "RefExit" || op == "RefNextIteration";
}

bool IsVariable(const std::string& op) { return op == "VarHandleOp" || op == "VariableV2" || op == "Variable"; }

Status AddVariable(TfImporter& im, const TfNode& n) {
  const TfSource& src = im.source();
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

Status ConvertNode(TfImporter& im, const TfNode& n) {
  if (n.op == "Const") {
    auto it = n.def->attr().find("value");
    if (it == n.def->attr().end()) return InvalidArgument(im.Where() + ": a Const without a value");
    Result<TfTensor> t = TensorFromProto(it->second.tensor());
    if (!t.ok()) return t.status().WithContext(im.Where());
    im.tensors()[n.name + ":0"] = im.graph().AddConstant(n.name, t->type, t->shape, std::move(t->bytes));
    return Status::Ok();
  }
  if (IsVariable(n.op)) return AddVariable(im, n);
  if (n.op == "Placeholder" || n.op == "PlaceholderV2")
    return InvalidArgument(im.Where() + ": the outputs depend on a placeholder that is not an input (name it in --inputs)");
  if (IsTf1ControlFlow(n.op))
    return Unsupported(im.Where() + ": TensorFlow 1 control flow (Switch, Merge, Enter, Exit, NextIteration) is not supported; export the "
                       "model with control flow v2 (TensorFlow 2, or tf.compat.v1.enable_control_flow_v2()), whose While/If are converted");
  const TfConverter convert = FindTfConverter(n.op);
  if (convert == nullptr) return Unsupported(im.Where() + ": the op " + n.op + " is not supported");
  return convert(im);
}

}  // namespace

Status ConvertTfGraph(TfImporter& im, const TfFlatGraph& flat, bool* has_custom) {
  ConversionReport* report = im.report();
  std::map<std::string, int> output_counts;  // outputs each node must have: its highest index read, plus one
  auto need = [&](const std::string& t) {
    int& c = output_counts[TensorNode(t)];
    c = std::max(c, TensorIndex(t) + 1);
  };
  for (const TfNode& n : flat.nodes)
    for (const std::string& t : n.inputs) need(t);
  for (const std::string& t : flat.outputs) need(t);
  const ImportOptions& o = im.options();
  for (size_t k = 0; k < flat.nodes.size(); ++k) {
    if (o.cancelled()) return Cancelled("converting: cancelled");
    if (o.progress) o.progress(0.05 + 0.9 * static_cast<double>(k) / static_cast<double>(flat.nodes.size()));
    const TfNode& n = flat.nodes[k];
    im.Begin(n);
    for (int i = 0; i < im.input_count(); ++i)
      if (im.In(i) < 0) return InvalidArgument(im.Where() + ": input " + n.inputs[static_cast<size_t>(i)] + " was never produced");
    Status s = ConvertNode(im, n);
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
      for (size_t i = im.first_new_node(); i < im.graph().nodes.size(); ++i) op.tflite_ops.push_back(ir::NodeOpName(im.graph().nodes[i]));
      report->ops.push_back(std::move(op));
    }
  }
  return Status::Ok();
}

Status SetTfGraphOutputs(TfImporter& im, const std::vector<std::string>& names, const std::vector<std::string>& tensors) {
  ir::Graph& g = im.graph();
  std::set<int> seen;
  for (size_t i = 0; i < names.size(); ++i) {
    auto it = im.tensors().find(tensors[i]);
    if (it == im.tensors().end()) return InvalidArgument("output " + names[i] + " (" + tensors[i] + ") is never produced");
    int v = it->second;
    if (!g.WrittenByNode(v) || seen.count(v)) {  // A graph output must be written by a node of its own: copy it.
      Result<ir::Dims> shape = im.Shape(v);
      if (!shape.ok()) return shape.status();
      v = im.Reshape(v, *shape);
    }
    g.values[static_cast<size_t>(v)].name = names[i];
    seen.insert(v);
    g.outputs.push_back(v);
  }
  return Status::Ok();
}


}  // namespace litescope
