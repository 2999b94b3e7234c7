#include "converter/frontends/tensorflow/tf_flatten.h"

#include <algorithm>

namespace litescope {
namespace {

constexpr int kMaxCallDepth = 64;
constexpr int kMaxAliasChain = 1 << 16;

bool IsCall(const std::string& op) { return op == "StatefulPartitionedCall" || op == "PartitionedCall"; }

bool IsIdentityLike(const std::string& op) {
  return op == "Identity" || op == "IdentityN" || op == "StopGradient" || op == "ReadVariableOp" || op == "Snapshot" ||
         op == "PreventGradient" || op == "EnsureShape" || op == "PlaceholderWithDefault";
}

// Ops with more than one output argument: the names, each one tensor.
const std::vector<std::string>* MultiOutputArgs(const std::string& op) {
  static const std::map<std::string, std::vector<std::string>> kArgs = {
      {"FusedBatchNorm", {"y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2"}},
      {"FusedBatchNormV2", {"y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2"}},
      {"FusedBatchNormV3", {"y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2", "reserve_space_3"}},
      {"Unique", {"y", "idx"}},
      {"TopKV2", {"values", "indices"}},
      {"Switch", {"output_false", "output_true"}},
      {"Merge", {"output", "value_index"}},
      {"MaxPoolWithArgmax", {"output", "argmax"}},
      {"BroadcastGradientArgs", {"r0", "r1"}},
  };
  auto it = kArgs.find(op);
  return it == kArgs.end() ? nullptr : &it->second;
}

class Flattener {
 public:
  Flattener(const tfproto::GraphDef& g, const std::set<std::string>& inputs) : graph_(g), inputs_(inputs) {
    for (const auto& f : g.library().function()) functions_[f.signature().name()] = &f;
  }

  Status AddTopLevel() {
    for (const auto& n : graph_.node()) {
      std::vector<std::string> in;
      for (const std::string& s : n.input())
        if (!s.empty() && s[0] != '^') in.push_back(CanonicalTensorName(s));
      LITESCOPE_RETURN_IF_ERROR(AddNode(n, n.name(), std::move(in), 0));
    }
    return Status::Ok();
  }

  Result<TfFlatGraph> Prune(const std::vector<std::string>& outputs) const;

  // The library function `name` inlined with its nodes under `prefix`; its arguments are the
  // tensors `args`, its outputs "prefix:0", "prefix:1", ...
  Result<int> InlineFunction(const std::string& name, const std::string& prefix, const std::vector<std::string>& args) {
    auto it = functions_.find(name);
    if (it == functions_.end()) return NotFound(prefix + " calls function " + name + ", which the graph's library does not define");
    LITESCOPE_RETURN_IF_ERROR(Inline(*it->second, prefix, args, 1));
    return it->second->signature().output_arg_size();
  }

  static std::vector<std::string> ArgNames(const tfproto::GraphDef& g, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& f : g.library().function())
      if (f.signature().name() == name)
        for (const auto& a : f.signature().input_arg()) out.push_back(a.name());
    return out;
  }

 private:
  const tfproto::FunctionDef* CalledFunction(const tfproto::NodeDef& n) const {
    if (IsCall(n.op())) {
      auto f = n.attr().find("f");
      if (f == n.attr().end()) return nullptr;
      auto it = functions_.find(f->second.func().name());
      return it == functions_.end() ? nullptr : it->second;
    }
    auto it = functions_.find(n.op());
    return it == functions_.end() ? nullptr : it->second;
  }

  Status AddNode(const tfproto::NodeDef& n, const std::string& name, std::vector<std::string> inputs, int depth) {
    if (nodes_.count(name)) return InvalidArgument("two nodes are named " + name);
    if (IsCall(n.op()) || functions_.count(n.op())) {
      const tfproto::FunctionDef* f = CalledFunction(n);
      if (f == nullptr) return NotFound("node " + name + " (" + n.op() + ") calls a function the graph's library does not define");
      return Inline(*f, name, inputs, depth + 1);
    }
    if (IsIdentityLike(n.op())) {
      const size_t count = n.op() == "IdentityN" ? inputs.size() : std::min<size_t>(inputs.size(), 1);
      for (size_t i = 0; i < count; ++i) aliases_[name + ":" + std::to_string(i)] = inputs[i];
      if (count > 0) return Status::Ok();
    }
    nodes_[name] = TfNode{name, n.op(), std::move(inputs), &n};
    return Status::Ok();
  }

  // The "node:index" tensor of a function-body reference: an argument name, "node:arg:i" or "node:arg".
  Result<std::string> BodyTensor(const std::string& ref, const std::string& prefix, const std::map<std::string, std::string>& args,
                                 const std::map<std::string, const tfproto::NodeDef*>& body) const {
    const size_t c1 = ref.find(':');
    if (c1 == std::string::npos) {
      auto a = args.find(ref);
      if (a == args.end()) return InvalidArgument("function reference " + ref + " names no argument");
      return a->second;
    }
    const std::string node = ref.substr(0, c1);
    const size_t c2 = ref.find(':', c1 + 1);
    const std::string arg = ref.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1);
    int index = 0;
    if (c2 != std::string::npos) {
      const std::string digits = ref.substr(c2 + 1);
      if (digits.empty() || digits.size() > 6 || !std::all_of(digits.begin(), digits.end(), ::isdigit))
        return InvalidArgument("function reference " + ref + " has a bad output index");
      index = std::stoi(digits);
    }
    auto b = body.find(node);
    if (b == body.end()) return InvalidArgument("function reference " + ref + " names no node of the function");
    Result<int> base = OutputArgBase(*b->second, arg);
    if (!base.ok()) return base.status().WithContext("resolving " + ref);
    return prefix + "/" + node + ":" + std::to_string(*base + index);
  }

  // The flat output index where output argument `arg` of node `n` starts.
  Result<int> OutputArgBase(const tfproto::NodeDef& n, const std::string& arg) const {
    if (const tfproto::FunctionDef* f = CalledFunction(n); f != nullptr && !IsCall(n.op())) {
      const auto& outs = f->signature().output_arg();
      for (int i = 0; i < outs.size(); ++i)
        if (outs[i].name() == arg) return i;
      return InvalidArgument("function " + n.op() + " has no output " + arg);
    }
    if (const std::vector<std::string>* args = MultiOutputArgs(n.op())) {
      auto it = std::find(args->begin(), args->end(), arg);
      if (it == args->end()) return InvalidArgument(n.op() + " has no output " + arg);
      return static_cast<int>(it - args->begin());
    }
    return 0;  // one output argument (a tensor or a list)
  }

  Status Inline(const tfproto::FunctionDef& f, const std::string& prefix, const std::vector<std::string>& inputs, int depth) {
    const std::string& fname = f.signature().name();
    if (depth > kMaxCallDepth) return Unsupported("function calls nest deeper than " + std::to_string(kMaxCallDepth) + " at " + prefix + " (recursion?)");
    const auto& in_args = f.signature().input_arg();
    for (const auto& a : in_args)
      if (!a.number_attr().empty() || !a.type_list_attr().empty())
        return Unsupported("function " + fname + " (called by " + prefix + ") takes a list argument " + a.name() + ", which is not supported");
    if (in_args.size() != static_cast<int>(inputs.size()))
      return InvalidArgument("node " + prefix + " passes " + std::to_string(inputs.size()) + " inputs to function " + fname + ", which takes " +
                             std::to_string(in_args.size()));
    std::map<std::string, std::string> args;
    for (int i = 0; i < in_args.size(); ++i) args[in_args[i].name()] = inputs[static_cast<size_t>(i)];
    std::map<std::string, const tfproto::NodeDef*> body;
    for (const auto& n : f.node_def()) body[n.name()] = &n;
    for (const auto& n : f.node_def()) {
      std::vector<std::string> in;
      for (const std::string& s : n.input()) {
        if (s.empty() || s[0] == '^') continue;
        Result<std::string> t = BodyTensor(s, prefix, args, body);
        if (!t.ok()) return t.status().WithContext("function " + fname + ", node " + n.name());
        in.push_back(*t);
      }
      LITESCOPE_RETURN_IF_ERROR(AddNode(n, prefix + "/" + n.name(), std::move(in), depth));
    }
    const auto& outs = f.signature().output_arg();
    for (int i = 0; i < outs.size(); ++i) {
      auto r = f.ret().find(outs[i].name());
      if (r == f.ret().end()) return InvalidArgument("function " + fname + " returns nothing for its output " + outs[i].name());
      Result<std::string> t = BodyTensor(r->second, prefix, args, body);
      if (!t.ok()) return t.status().WithContext("function " + fname + ", output " + outs[i].name());
      aliases_[prefix + ":" + std::to_string(i)] = *t;
    }
    return Status::Ok();
  }

 public:
  Result<std::string> Resolve(std::string t) const {
    for (int step = 0; step < kMaxAliasChain; ++step) {
      if (inputs_.count(t)) return t;
      auto it = aliases_.find(t);
      if (it == aliases_.end()) return t;
      t = it->second;
    }
    return InvalidArgument("tensor " + t + " is defined through a cycle of Identity ops");
  }

  const std::map<std::string, TfNode>& nodes() const { return nodes_; }

 private:
  const tfproto::GraphDef& graph_;
  const std::set<std::string>& inputs_;
  std::map<std::string, const tfproto::FunctionDef*> functions_;
  std::map<std::string, TfNode> nodes_;
  std::map<std::string, std::string> aliases_;
};

Result<TfFlatGraph> Flattener::Prune(const std::vector<std::string>& outputs) const {
  TfFlatGraph flat;
  std::map<std::string, int> state;  // 1: on the stack, 2: done
  std::map<std::string, TfNode> resolved;
  for (const std::string& out : outputs) {
    Result<std::string> r = Resolve(CanonicalTensorName(out));
    if (!r.ok()) return r.status();
    flat.outputs.push_back(*r);
    // Iterative depth-first search: untrusted graphs may be deep.
    std::vector<std::pair<std::string, size_t>> stack;
    auto push = [&](const std::string& tensor) -> Status {
      if (inputs_.count(tensor)) return Status::Ok();
      const std::string node = TensorNode(tensor);
      auto it = nodes_.find(node);
      if (it == nodes_.end()) return NotFound("tensor " + tensor + " is produced by no node of the graph");
      const int s = state[node];
      if (s == 1) return InvalidArgument("the graph has a cycle through node " + node + " (" + it->second.op + ") outside functional control flow");
      if (s == 0) {
        state[node] = 1;
        stack.emplace_back(node, 0);
      }
      return Status::Ok();
    };
    LITESCOPE_RETURN_IF_ERROR(push(*r));
    while (!stack.empty()) {
      const std::string node = stack.back().first;
      const TfNode& n = nodes_.at(node);
      if (stack.back().second < n.inputs.size()) {
        Result<std::string> in = Resolve(n.inputs[stack.back().second++]);
        if (!in.ok()) return in.status();
        LITESCOPE_RETURN_IF_ERROR(push(*in).WithContext("input of node " + node));
        continue;
      }
      TfNode done = n;
      for (std::string& in : done.inputs) in = *Resolve(in);
      state[node] = 2;
      flat.nodes.push_back(std::move(done));
      stack.pop_back();
    }
  }
  return flat;
}

}  // namespace

Result<TfFlatGraph> FlattenTfFunction(const tfproto::GraphDef& graph, const std::string& function, const std::string& prefix,
                                      std::vector<std::string>* args) {
  args->clear();
  for (const std::string& a : Flattener::ArgNames(graph, function)) args->push_back(prefix + "/" + a + ":0");
  const std::set<std::string> inputs(args->begin(), args->end());
  Flattener f(graph, inputs);
  Result<int> outputs = f.InlineFunction(function, prefix, *args);
  if (!outputs.ok()) return outputs.status();
  std::vector<std::string> names;
  for (int i = 0; i < *outputs; ++i) names.push_back(prefix + ":" + std::to_string(i));
  return f.Prune(names);
}

std::string CanonicalTensorName(const std::string& name) {
  const size_t c = name.rfind(':');
  if (c != std::string::npos && c + 1 < name.size() && std::all_of(name.begin() + static_cast<std::ptrdiff_t>(c + 1), name.end(), ::isdigit))
    return name;
  return name + ":0";
}

std::string TensorNode(const std::string& tensor) { return tensor.substr(0, tensor.rfind(':')); }

int TensorIndex(const std::string& tensor) {
  const size_t c = tensor.rfind(':');
  const std::string digits = c == std::string::npos ? "0" : tensor.substr(c + 1);
  if (digits.empty() || digits.size() > 6 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return -1;
  return std::stoi(digits);
}

Result<TfFlatGraph> FlattenTfGraph(const tfproto::GraphDef& graph, const std::set<std::string>& inputs, const std::vector<std::string>& outputs) {
  Flattener f(graph, inputs);
  LITESCOPE_RETURN_IF_ERROR(f.AddTopLevel());
  return f.Prune(outputs);
}

}  // namespace litescope
