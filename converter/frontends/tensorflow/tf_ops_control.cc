// While, StatelessWhile, If, StatelessIf: TensorFlow's functional control flow becomes TFLite's
// WHILE and IF. Each function (cond, body, then_branch, else_branch) is converted like the
// top-level graph into a subgraph of its own. A loop value that is a constant the body hands back
// unchanged (captured weights, TensorFlow 2's maximum_iterations) and a branch input that is a
// constant stay out of the op: the functions hold them as constants of their own, so passes fold
// through them and kernels see constant weights.
#include "converter/frontends/tensorflow/tf_graph_import.h"
#include "converter/frontends/tensorflow/tf_op_table.h"
#include "converter/passes/infer_shapes.h"
#include "engine/runtime/tensor.h"

namespace litescope {
namespace {

constexpr int kMaxFunctionDepth = 32;

struct FunctionArg {
  int value;      // the caller's value
  bool constant;  // held by the function as a constant of its own instead of an input
};

// TensorFlow's truth value of a condition tensor: a BOOL scalar as is, another scalar compared
// with zero; a tensor of higher rank is true when it is not empty (known from its shape).
Result<int> TruthValue(TfImporter& im, int v) {
  Result<ir::Dims> shape = im.Shape(v);
  if (!shape.ok()) return shape.status();
  ir::Graph& g = im.graph();
  if (!shape->empty()) {
    const bool non_empty = im.Val(v).elements() > 0;
    return g.AddConstant(im.NewName("truth"), tflite::TensorType_BOOL, {}, std::vector<uint8_t>{non_empty});
  }
  const tflite::TensorType type = im.Val(v).type;
  if (type == tflite::TensorType_BOOL) return v;
  if (type == tflite::TensorType_STRING) return im.Fail("a string condition is not supported");
  const int zero = g.AddConstant(im.NewName("zero"), type, {}, std::vector<uint8_t>(ElementSize(type), 0));
  return im.Emit(tflite::BuiltinOperator_NOT_EQUAL, {v, zero}, {}, tflite::TensorType_BOOL);
}

// Gives every WHILE and IF of `g` subgraph indices `base` further on.
void ShiftSubgraphIndices(ir::Graph& g, int base) {
  for (ir::Node& n : g.nodes) {
    if (auto* w = n.options.AsWhileOptions()) {
      w->cond_subgraph_index += base;
      w->body_subgraph_index += base;
    } else if (auto* i = n.options.AsIfOptions()) {
      i->then_subgraph_index += base;
      i->else_subgraph_index += base;
    }
  }
}

// The function named by the current node's attribute `attr`, flattened as a graph of its own.
struct Function {
  std::string name, context, prefix;
  std::vector<std::string> args;  // its arguments' tensors, in order
  TfFlatGraph flat;
};

Result<Function> FlattenFunction(TfImporter& im, const std::string& attr) {
  Function f;
  f.name = im.Func(attr);
  if (f.name.empty()) return InvalidArgument(im.Where() + ": the " + attr + " function is not named");
  f.context = im.Where() + ", " + attr + " function " + f.name;
  if (im.depth() >= kMaxFunctionDepth)
    return Unsupported(f.context + ": While/If functions nest deeper than " + std::to_string(kMaxFunctionDepth) + " (recursion?)");
  f.prefix = im.node().name + "/" + attr;
  Result<TfFlatGraph> flat = FlattenTfFunction(*im.source().graph, f.name, f.prefix, &f.args);
  if (!flat.ok()) return flat.status().WithContext(f.context);
  f.flat = std::move(flat).value();
  return f;
}

// Converts the function into a new subgraph of the importer's model and returns its index.
// `keep`: which of its outputs the subgraph gives (all when empty); `condition`: its single output
// is a condition, made a BOOL scalar.
Result<int> ImportFunction(TfImporter& im, const Function& f, const std::vector<FunctionArg>& args, const std::vector<bool>& keep,
                           bool condition) {
  if (f.args.size() != args.size())
    return InvalidArgument(f.context + " takes " + std::to_string(f.args.size()) + " arguments, the op passes " + std::to_string(args.size()));
  if (condition && f.flat.outputs.size() != 1)
    return InvalidArgument(f.context + " gives " + std::to_string(f.flat.outputs.size()) + " values; a condition is one");

  ir::Model sub;
  sub.main().name = f.name;
  ImportOptions options = im.options();
  options.progress = nullptr;
  TfImporter fi(sub, options, im.source(), im.report(), im.depth() + 1);
  for (size_t i = 0; i < args.size(); ++i) {
    ir::Value v = im.Val(args[i].value);  // type, shape, quantization; the data of a constant
    v.name = TensorNode(f.args[i]);
    if (!args[i].constant) {
      v.data = nullptr;
      v.is_variable = false;
    }
    const int id = sub.main().AddValue(std::move(v));
    if (!args[i].constant) sub.main().inputs.push_back(id);
    fi.tensors()[f.args[i]] = id;
  }
  bool has_custom = false;
  LITESCOPE_RETURN_IF_ERROR(ConvertTfGraph(fi, f.flat, &has_custom).WithContext(f.context));
  if (has_custom) return Unsupported(f.context + ": an unsupported op inside a While/If function cannot become a custom op");
  std::vector<std::string> names, tensors;
  for (size_t i = 0; i < f.flat.outputs.size(); ++i) {
    if (!keep.empty() && !keep[i]) continue;
    names.push_back(f.prefix + "/output_" + std::to_string(i));
    tensors.push_back(f.flat.outputs[i]);
  }
  if (condition) {
    Result<int> truth = TruthValue(fi, fi.tensors().at(tensors[0]));
    if (!truth.ok()) return truth.status().WithContext(f.context);
    tensors[0] = f.prefix + "/truth:0";
    fi.tensors()[tensors[0]] = *truth;
  }
  LITESCOPE_RETURN_IF_ERROR(SetTfGraphOutputs(fi, names, tensors).WithContext(f.context));
  LITESCOPE_RETURN_IF_ERROR(InferShapes(sub).WithContext(f.context));

  ir::Model& model = im.model();
  const int base = static_cast<int>(model.subgraphs.size());
  for (ir::Graph& g : sub.subgraphs) {
    ShiftSubgraphIndices(g, base);
    model.subgraphs.push_back(std::move(g));
  }
  return base;
}

// The op's outputs: values typed like `types`, shapes left to inference (a body or branch may
// change them).
std::vector<int> EmitCall(TfImporter& im, tflite::BuiltinOperator op, std::vector<int> inputs, const std::vector<tflite::TensorType>& types,
                          tflite::BuiltinOptionsUnion options) {
  std::vector<int> outs = im.EmitN(op, std::move(inputs), static_cast<int>(types.size()), std::move(options));
  for (size_t k = 0; k < outs.size(); ++k) im.graph().values[static_cast<size_t>(outs[k])].type = types[k];
  return outs;
}

Status While(TfImporter& im) {
  const size_t n = static_cast<size_t>(im.input_count());
  Result<Function> body = FlattenFunction(im, "body");
  if (!body.ok()) return body.status();
  if (body->args.size() != n || body->flat.outputs.size() != n)
    return InvalidArgument(im.Where() + ": the body function takes " + std::to_string(body->args.size()) + " and gives " +
                           std::to_string(body->flat.outputs.size()) + " values for " + std::to_string(n) + " loop values");
  std::vector<FunctionArg> args;
  std::vector<bool> looped;
  std::vector<int> inputs;
  std::vector<tflite::TensorType> types;
  for (size_t i = 0; i < n; ++i) {
    const int v = im.In(static_cast<int>(i));
    // A constant the body hands back unchanged stays out of the loop.
    const bool invariant = im.IsConst(v) && body->flat.outputs[i] == body->args[i];
    if (!invariant) {
      if (Result<ir::Dims> s = im.Shape(v); !s.ok()) return s.status();
      inputs.push_back(v);
      types.push_back(im.Val(v).type);
    }
    args.push_back({v, invariant});
    looped.push_back(!invariant);
  }
  if (inputs.empty()) {  // no loop value ever changes: the loop computes nothing
    for (size_t i = 0; i < n; ++i) im.SetOutput(static_cast<int>(i), args[i].value);
    return Status::Ok();
  }
  Result<Function> cond_function = FlattenFunction(im, "cond");
  if (!cond_function.ok()) return cond_function.status();
  Result<int> cond = ImportFunction(im, *cond_function, args, {}, true);
  if (!cond.ok()) return cond.status();
  Result<int> body_index = ImportFunction(im, *body, args, looped, false);
  if (!body_index.ok()) return body_index.status();
  tflite::WhileOptionsT o;
  o.cond_subgraph_index = *cond;
  o.body_subgraph_index = *body_index;
  const std::vector<int> outs = EmitCall(im, tflite::BuiltinOperator_WHILE, inputs, types, Options(o));
  for (size_t i = 0, k = 0; i < n; ++i) im.SetOutput(static_cast<int>(i), looped[i] ? outs[k++] : args[i].value);
  return Status::Ok();
}

Status If(TfImporter& im) {
  Result<int> cond = TruthValue(im, im.In(0));
  if (!cond.ok()) return cond.status();
  std::vector<FunctionArg> args;
  std::vector<int> inputs = {*cond};
  for (int i = 1; i < im.input_count(); ++i) {
    const int v = im.In(i);
    if (!im.IsConst(v)) {
      if (Result<ir::Dims> s = im.Shape(v); !s.ok()) return s.status();
      inputs.push_back(v);
    }
    args.push_back({v, im.IsConst(v)});
  }
  int branch[2];
  for (int b = 0; b < 2; ++b) {
    Result<Function> f = FlattenFunction(im, b == 0 ? "then_branch" : "else_branch");
    if (!f.ok()) return f.status();
    Result<int> index = ImportFunction(im, *f, args, {}, false);
    if (!index.ok()) return index.status();
    branch[b] = *index;
  }
  const int then_index = branch[0], else_index = branch[1];
  auto output_types = [&](int s) {
    const ir::Graph& g = im.model().subgraphs[static_cast<size_t>(s)];
    std::vector<tflite::TensorType> t;
    for (int v : g.outputs) t.push_back(g.values[static_cast<size_t>(v)].type);
    return t;
  };
  const std::vector<tflite::TensorType> types = output_types(then_index);
  if (types != output_types(else_index))
    return InvalidArgument(im.Where() + ": the then_branch and else_branch functions give different numbers or types of values");
  tflite::IfOptionsT o;
  o.then_subgraph_index = then_index;
  o.else_subgraph_index = else_index;
  const std::vector<int> outs = EmitCall(im, tflite::BuiltinOperator_IF, inputs, types, Options(o));
  for (size_t i = 0; i < outs.size(); ++i) im.SetOutput(static_cast<int>(i), outs[i]);
  return Status::Ok();
}

// On failure the subgraphs the conversion added are dropped, so that a node that becomes a CUSTOM
// op (--allow-custom-ops) leaves none behind.
Status WithoutLeftovers(TfImporter& im, Status (*convert)(TfImporter&)) {
  const size_t before = im.model().subgraphs.size();
  Status s = convert(im);
  if (!s.ok()) im.model().subgraphs.resize(before);
  return s;
}

}  // namespace

Status ConvertTfWhile(TfImporter& im) { return WithoutLeftovers(im, While); }

Status ConvertTfIf(TfImporter& im) { return WithoutLeftovers(im, If); }

}  // namespace litescope
