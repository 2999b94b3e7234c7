#include "converter/frontends/tensorflow/tf_source.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "converter/frontends/tensorflow/tf_flatten.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;
constexpr const char* kInitOpSignature = "__saved_model_init_op";

template <typename Message>
Status ParseFile(const std::string& path, const std::string& kind, Message* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open " + path);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return IoError("cannot read " + path);
  if (bytes.empty()) return InvalidArgument(path + " is empty");
  if (!out->ParseFromString(bytes)) return InvalidArgument(path + " does not parse as a " + kind + " (truncated, or another format)");
  return Status::Ok();
}

TfPort PortFromInfo(const std::string& key, const tfproto::TensorInfo& info) {
  TfPort p{key, CanonicalTensorName(info.name()), info.dtype(), std::nullopt};
  if (info.has_tensor_shape()) {
    Result<ir::Dims> d = DimsFromProto(info.tensor_shape());
    if (d.ok()) p.shape = *d;
  }
  return p;
}

// The Const node `ref` names inside a function body ("RestoreV2/tensor_names:output:0").
const tfproto::NodeDef* BodyNode(const std::map<std::string, const tfproto::NodeDef*>& body, const std::string& ref) {
  auto it = body.find(ref.substr(0, ref.find(':')));
  return it == body.end() ? nullptr : it->second;
}

// A TF2 SavedModel restores its variables in a function the top-level graph calls with the
// variables' handles: RestoreV2 reads checkpoint keys (a Const list of names) and
// AssignVariableOp(handle argument, Identity(RestoreV2:tensors:k)) stores them. Following that
// gives each top-level VarHandleOp its key.
void MapRestoredVariables(const tfproto::GraphDef& g, std::map<std::string, std::string>* keys) {
  std::map<std::string, const tfproto::FunctionDef*> functions;
  for (const auto& f : g.library().function()) functions[f.signature().name()] = &f;
  for (const auto& call : g.node()) {
    auto fattr = call.attr().find("f");
    if (fattr == call.attr().end()) continue;
    auto fit = functions.find(fattr->second.func().name());
    if (fit == functions.end()) continue;
    const tfproto::FunctionDef& f = *fit->second;
    std::map<std::string, const tfproto::NodeDef*> body;
    const tfproto::NodeDef* restore = nullptr;
    for (const auto& n : f.node_def()) {
      body[n.name()] = &n;
      if (n.op() == "RestoreV2") restore = &n;
    }
    if (restore == nullptr || restore->input_size() < 2) continue;
    const tfproto::NodeDef* names = BodyNode(body, restore->input(1));
    if (names == nullptr || !names->attr().count("value")) continue;
    const auto& key_list = names->attr().at("value").tensor().string_val();
    std::vector<std::string> call_inputs;
    for (const std::string& s : call.input())
      if (!s.empty() && s[0] != '^') call_inputs.push_back(s);
    for (const auto& n : f.node_def()) {
      if (n.op() != "AssignVariableOp" || n.input_size() < 2) continue;
      std::string value = n.input(1);
      for (int hops = 0; hops < 8; ++hops) {  // Identity chains between RestoreV2 and the assignment
        const tfproto::NodeDef* src = BodyNode(body, value);
        if (src == nullptr || src->op() != "Identity" || src->input_size() < 1) break;
        value = src->input(0);
      }
      const std::string prefix = restore->name() + ":tensors:";
      if (value.rfind(prefix, 0) != 0) continue;
      const int k = TensorIndex(value);
      const auto& args = f.signature().input_arg();
      for (int a = 0; a < args.size(); ++a) {
        if (args[a].name() != n.input(0) || a >= static_cast<int>(call_inputs.size()) || k < 0 || k >= key_list.size()) continue;
        (*keys)[TensorNode(CanonicalTensorName(call_inputs[static_cast<size_t>(a)]))] = key_list[k];
      }
    }
  }
}

bool IsPlaceholder(const std::string& op) { return op == "Placeholder" || op == "PlaceholderV2"; }

bool CanBeOutput(const std::string& op) {
  static const std::set<std::string> kNot = {"NoOp", "Assert", "Const", "Placeholder", "PlaceholderV2", "SaveV2", "RestoreV2",
                                             "VarHandleOp", "VariableV2", "AssignVariableOp", "Assign", "MergeV2Checkpoints"};
  return kNot.count(op) == 0;
}

// The port of a named tensor of a frozen graph, typed and shaped from its node's attributes.
TfPort PortFromNode(const tfproto::NodeDef& n, const std::string& tensor) {
  TfPort p{tensor.substr(0, tensor.size() - (TensorIndex(tensor) == 0 ? 2 : 0)), tensor, 0, std::nullopt};
  for (const char* a : {"dtype", "T"})
    if (n.attr().count(a)) p.dtype = n.attr().at(a).type();
  const int index = TensorIndex(tensor);
  if (n.attr().count("shape")) {
    Result<ir::Dims> d = DimsFromProto(n.attr().at("shape").shape());
    if (d.ok()) p.shape = *d;
  } else if (n.attr().count("_output_shapes") && index >= 0 && index < n.attr().at("_output_shapes").list().shape_size()) {
    Result<ir::Dims> d = DimsFromProto(n.attr().at("_output_shapes").list().shape(index));
    if (d.ok()) p.shape = *d;
  }
  return p;
}

}  // namespace

bool IsSavedModelDir(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

Result<TfSource> ReadSavedModel(const std::string& dir, const std::string& signature) {
  const fs::path root(dir);
  if (!fs::is_regular_file(root / "saved_model.pb")) {
    if (fs::is_regular_file(root / "saved_model.pbtxt"))
      return Unsupported(dir + ": text SavedModels (saved_model.pbtxt) are not supported; save it in binary form");
    return InvalidArgument(dir + " is not a SavedModel directory: it has no saved_model.pb");
  }
  auto sm = std::make_shared<tfproto::SavedModel>();
  LITESCOPE_RETURN_IF_ERROR(ParseFile((root / "saved_model.pb").string(), "SavedModel", sm.get()));
  if (sm->meta_graphs_size() == 0) return InvalidArgument(dir + ": the SavedModel holds no MetaGraph");
  const tfproto::MetaGraphDef* meta = &sm->meta_graphs(0);
  for (const auto& m : sm->meta_graphs()) {
    const auto& tags = m.meta_info_def().tags();
    if (std::find(tags.begin(), tags.end(), "serve") != tags.end()) meta = &m;
  }
  std::vector<std::string> keys;
  for (const auto& [k, v] : meta->signature_def())
    if (k != kInitOpSignature) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  std::string key = signature;
  if (key.empty()) key = keys.size() == 1 ? keys[0] : "serving_default";
  auto sig = meta->signature_def().find(key);
  if (sig == meta->signature_def().end() || key == kInitOpSignature) {
    std::string list;
    for (const std::string& k : keys) list += (list.empty() ? "" : ", ") + k;
    return NotFound(dir + ": the SavedModel has no signature '" + key + "' (it has: " + (list.empty() ? "none" : list) + ")");
  }
  TfSource src;
  src.saved_model = sm;
  src.graph = &meta->graph_def();
  for (const auto& [k, info] : sig->second.inputs()) src.inputs.push_back(PortFromInfo(k, info));
  for (const auto& [k, info] : sig->second.outputs()) src.outputs.push_back(PortFromInfo(k, info));
  auto by_name = [](const TfPort& a, const TfPort& b) { return a.name < b.name; };
  std::sort(src.inputs.begin(), src.inputs.end(), by_name);
  std::sort(src.outputs.begin(), src.outputs.end(), by_name);
  if (src.outputs.empty()) return InvalidArgument(dir + ": signature '" + key + "' has no outputs");
  MapRestoredVariables(*src.graph, &src.variable_keys);
  src.variables_prefix = (root / "variables" / "variables").string();
  if (fs::exists(src.variables_prefix + ".index")) {
    Result<TfBundle> b = TfBundle::Open(src.variables_prefix);
    if (!b.ok()) return b.status().WithContext(dir);
    src.bundle = std::move(b).value();
  }
  const std::string version = meta->meta_info_def().tensorflow_version();
  src.description = "TensorFlow " + (version.empty() ? std::string() : version + " ") + "SavedModel, signature " + key;
  return src;
}

Result<TfSource> ReadFrozenGraph(const std::string& path, const std::vector<std::string>& inputs, const std::vector<std::string>& outputs) {
  auto g = std::make_shared<tfproto::GraphDef>();
  LITESCOPE_RETURN_IF_ERROR(ParseFile(path, "GraphDef", g.get()));
  if (g->node_size() == 0) return InvalidArgument(path + ": the GraphDef has no nodes");
  TfSource src;
  src.frozen = g;
  src.graph = g.get();
  std::map<std::string, const tfproto::NodeDef*> nodes;
  std::set<std::string> read;
  for (const auto& n : g->node()) {
    nodes[n.name()] = &n;
    for (const std::string& s : n.input())
      if (!s.empty() && s[0] != '^') read.insert(TensorNode(CanonicalTensorName(s)));
  }
  auto port = [&](const std::string& name, const char* what) -> Result<TfPort> {
    const std::string t = CanonicalTensorName(name);
    auto it = nodes.find(TensorNode(t));
    if (it == nodes.end()) return NotFound(path + ": " + what + " " + name + " names no node of the graph");
    return PortFromNode(*it->second, t);
  };
  for (const std::string& name : inputs) {
    Result<TfPort> p = port(name, "input");
    if (!p.ok()) return p.status();
    src.inputs.push_back(*p);
  }
  if (inputs.empty())
    for (const auto& n : g->node())
      if (IsPlaceholder(n.op())) src.inputs.push_back(PortFromNode(n, n.name() + ":0"));
  for (const std::string& name : outputs) {
    Result<TfPort> p = port(name, "output");
    if (!p.ok()) return p.status();
    src.outputs.push_back(*p);
  }
  if (outputs.empty())
    for (const auto& n : g->node())
      if (!read.count(n.name()) && CanBeOutput(n.op())) src.outputs.push_back(PortFromNode(n, n.name() + ":0"));
  if (src.outputs.empty()) return InvalidArgument(path + ": no output found; name them (--outputs NAME,...)");
  src.description = "TensorFlow frozen GraphDef";
  return src;
}

}  // namespace litescope
