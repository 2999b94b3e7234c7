#include "converter/frontends/onnx/onnx_importer.h"

#include <algorithm>

#include "converter/frontends/onnx/onnx_reader.h"
#include "converter/passes/infer_shapes.h"

namespace litescope {
namespace {

bool IsUnaryShapePreserving(tflite::BuiltinOperator op) {
  switch (op) {
    case tflite::BuiltinOperator_ABS: case tflite::BuiltinOperator_CEIL: case tflite::BuiltinOperator_COS:
    case tflite::BuiltinOperator_ELU: case tflite::BuiltinOperator_EXP: case tflite::BuiltinOperator_FLOOR:
    case tflite::BuiltinOperator_GELU: case tflite::BuiltinOperator_HARD_SWISH: case tflite::BuiltinOperator_LEAKY_RELU:
    case tflite::BuiltinOperator_LOG: case tflite::BuiltinOperator_LOGISTIC: case tflite::BuiltinOperator_LOG_SOFTMAX:
    case tflite::BuiltinOperator_NEG: case tflite::BuiltinOperator_RELU: case tflite::BuiltinOperator_RELU6:
    case tflite::BuiltinOperator_RELU_0_TO_1: case tflite::BuiltinOperator_RELU_N1_TO_1: case tflite::BuiltinOperator_ROUND:
    case tflite::BuiltinOperator_RSQRT: case tflite::BuiltinOperator_SIGN: case tflite::BuiltinOperator_SIN:
    case tflite::BuiltinOperator_SOFTMAX: case tflite::BuiltinOperator_SQRT: case tflite::BuiltinOperator_SQUARE:
    case tflite::BuiltinOperator_TANH: case tflite::BuiltinOperator_LOGICAL_NOT: case tflite::BuiltinOperator_CAST:
    case tflite::BuiltinOperator_PRELU: case tflite::BuiltinOperator_CUMSUM:
      return true;
    default:
      return false;
  }
}

bool IsBroadcastBinary(tflite::BuiltinOperator op, bool* boolean) {
  *boolean = false;
  switch (op) {
    case tflite::BuiltinOperator_EQUAL: case tflite::BuiltinOperator_NOT_EQUAL: case tflite::BuiltinOperator_LESS:
    case tflite::BuiltinOperator_LESS_EQUAL: case tflite::BuiltinOperator_GREATER: case tflite::BuiltinOperator_GREATER_EQUAL:
    case tflite::BuiltinOperator_LOGICAL_AND: case tflite::BuiltinOperator_LOGICAL_OR:
      *boolean = true;
      return true;
    case tflite::BuiltinOperator_ADD: case tflite::BuiltinOperator_SUB: case tflite::BuiltinOperator_MUL:
    case tflite::BuiltinOperator_DIV: case tflite::BuiltinOperator_POW: case tflite::BuiltinOperator_MAXIMUM:
    case tflite::BuiltinOperator_MINIMUM: case tflite::BuiltinOperator_FLOOR_DIV: case tflite::BuiltinOperator_FLOOR_MOD:
    case tflite::BuiltinOperator_SQUARED_DIFFERENCE:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool BroadcastShapes(const ir::Dims& a, const ir::Dims& b, ir::Dims* out) {
  const size_t rank = std::max(a.size(), b.size());
  out->assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    const int32_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    const int32_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1) return false;
    (*out)[i] = da == 1 ? db : da;
  }
  return true;
}

tflite::TensorType TypeOrFloat(int onnx_type) {
  tflite::TensorType t = tflite::TensorType_FLOAT32;
  OnnxTypeToTflite(onnx_type, &t);
  return t;
}

void Importer::Begin(const onnx::NodeProto& node, int opset) {
  node_ = &node;
  opset_ = opset;
  first_value_ = static_cast<int>(graph().values.size());
  first_node_ = graph().nodes.size();
}

int Importer::In(int i) const {
  if (!Has(i)) return -1;
  auto it = names_.find(node_->input(i));
  return it == names_.end() ? -1 : it->second;
}

void Importer::SetOutput(int i, int value) {
  if (!HasOutput(i)) return;
  ir::Value& v = graph().values[static_cast<size_t>(value)];
  bool bound_elsewhere = false;
  for (const auto& [name, id] : names_)
    if (id == value) bound_elsewhere = true;
  if (value >= first_value_ && !bound_elsewhere) v.name = node_->output(i);
  names_[node_->output(i)] = value;
}

std::string Importer::Where() const {
  if (node_ == nullptr) return "graph outputs";
  return "node " + (node_->name().empty() ? (node_->output_size() > 0 ? node_->output(0) : std::string("?")) : node_->name()) +
         " (" + node_->op_type() + ")";
}

Status Importer::Fail(const std::string& why) const { return Unsupported(Where() + ": " + why); }

const onnx::AttributeProto* Importer::Attr(const std::string& name) const {
  for (const auto& a : node_->attribute())
    if (a.name() == name) return &a;
  return nullptr;
}

int64_t Importer::Int(const std::string& name, int64_t def) const {
  const onnx::AttributeProto* a = Attr(name);
  return a != nullptr ? a->i() : def;
}

float Importer::Float(const std::string& name, float def) const {
  const onnx::AttributeProto* a = Attr(name);
  return a != nullptr ? a->f() : def;
}

std::string Importer::Str(const std::string& name, const std::string& def) const {
  const onnx::AttributeProto* a = Attr(name);
  return a != nullptr ? a->s() : def;
}

std::vector<int64_t> Importer::Ints(const std::string& name) const {
  const onnx::AttributeProto* a = Attr(name);
  if (a == nullptr) return {};
  return {a->ints().begin(), a->ints().end()};
}

std::vector<float> Importer::Floats(const std::string& name) const {
  const onnx::AttributeProto* a = Attr(name);
  if (a == nullptr) return {};
  return {a->floats().begin(), a->floats().end()};
}

Result<ir::Dims> Importer::Shape(int id) {
  if (id < 0) return Internal(Where() + ": asked for the shape of a missing input");
  if (dynamic_.count(id)) return Fail("the shape of " + Val(id).name + " depends on values known only at run time");
  if (Val(id).static_shape()) return Val(id).shape;
  if (shapes_dirty_) {
    if (Status s = InferShapesOf(model_, id); !s.ok()) return s.WithContext(Where() + ": inferring the shapes of the graph so far");
    shapes_dirty_ = false;
  }
  if (!Val(id).static_shape()) return Fail("the shape of " + Val(id).name + " is not known at conversion time");
  return Val(id).shape;
}

Result<int> Importer::Rank(int id) {
  auto dyn = dynamic_.find(id);
  if (dyn != dynamic_.end() && dyn->second >= 0) return dyn->second;
  if (dyn == dynamic_.end() && id >= 0 && Val(id).has_rank) return static_cast<int>(Val(id).shape.size());
  Result<ir::Dims> s = Shape(id);
  if (!s.ok()) return s.status();
  return static_cast<int>(s->size());
}

Result<std::vector<int64_t>> Importer::ConstInts(int id) {
  if (id < 0 || !IsConst(id)) return Fail("input " + (id < 0 ? std::string("(missing)") : Val(id).name) + " must be a constant");
  std::optional<std::vector<int64_t>> out = Val(id).IntegerElements();
  if (!out) return Fail("constant " + Val(id).name + " has a type that cannot be read as integers");
  return *out;
}

Result<std::vector<float>> Importer::ConstFloats(int id) {
  if (id < 0 || !IsConst(id)) return Fail("input " + (id < 0 ? std::string("(missing)") : Val(id).name) + " must be a constant");
  const ir::Value& v = Val(id);
  if (v.type == tflite::TensorType_FLOAT32) return std::vector<float>(v.as<float>(), v.as<float>() + v.data->size() / 4);
  if (v.type == tflite::TensorType_FLOAT64) {
    std::vector<float> out;
    for (size_t i = 0; i < v.data->size() / 8; ++i) out.push_back(static_cast<float>(v.as<double>()[i]));
    return out;
  }
  Result<std::vector<int64_t>> ints = ConstInts(id);
  if (!ints.ok()) return ints.status();
  return std::vector<float>(ints->begin(), ints->end());
}

Result<int> Importer::Axis(int64_t axis, int rank) const {
  if (axis < -rank || axis >= rank)
    return Fail("axis " + std::to_string(axis) + " is outside [" + std::to_string(-rank) + ", " + std::to_string(rank - 1) + "]");
  return static_cast<int>(axis < 0 ? axis + rank : axis);
}

std::string Importer::NewName(const std::string& hint) {
  const std::string base = node_ != nullptr ? (node_->name().empty() ? (node_->output_size() ? node_->output(0) : "node") : node_->name()) : "graph";
  return base + "/" + hint + "_" + std::to_string(counter_++);
}

void Importer::FillShape(ir::Node& n, const OutSpec& spec, ir::Value* out) {
  const int in0 = n.inputs.empty() ? -1 : n.inputs[0];
  out->type = spec.type.value_or(in0 >= 0 ? Val(in0).type : tflite::TensorType_FLOAT32);
  if ((n.op == tflite::BuiltinOperator_SELECT_V2 || n.op == tflite::BuiltinOperator_SELECT) && !spec.type) out->type = Val(n.inputs[1]).type;
  out->has_rank = false;
  if (spec.shape) {
    out->shape = *spec.shape;
    out->has_rank = true;
    return;
  }
  bool boolean = false;
  if (in0 >= 0 && IsUnaryShapePreserving(n.op) && Val(in0).has_rank) {
    out->shape = Val(in0).shape;
    out->has_rank = true;
  } else if (n.inputs.size() >= 2 && IsBroadcastBinary(n.op, &boolean)) {
    if (boolean && !spec.type) out->type = tflite::TensorType_BOOL;
    const ir::Value& a = Val(n.inputs[0]);
    const ir::Value& b = Val(n.inputs[1]);
    if (a.static_shape() && b.static_shape() && BroadcastShapes(a.shape, b.shape, &out->shape)) out->has_rank = true;
  } else if (n.op == tflite::BuiltinOperator_TRANSPOSE && Val(in0).static_shape() && IsConst(n.inputs[1])) {
    const ir::Value& p = Val(n.inputs[1]);
    const ir::Dims& s = Val(in0).shape;
    out->shape.clear();
    for (size_t i = 0; i < p.data->size() / 4; ++i) out->shape.push_back(s[static_cast<size_t>(p.as<int32_t>()[i])]);
    out->has_rank = true;
  }
  if (!out->has_rank) out->shape.clear();
}

int Importer::Emit(tflite::BuiltinOperator op, std::vector<int> inputs, tflite::BuiltinOptionsUnion options, OutSpec spec) {
  ir::Node n;
  n.op = op;
  n.inputs = std::move(inputs);
  n.options = std::move(options);
  n.source = node_ != nullptr ? (node_->name().empty() ? node_->output(0) : node_->name()) + " (" + node_->op_type() + ")" : "graph i/o";
  ir::Value out;
  out.name = NewName(tflite::EnumNameBuiltinOperator(op));
  FillShape(n, spec, &out);
  if (!out.static_shape()) shapes_dirty_ = true;
  std::optional<int> dynamic_rank = spec.dynamic_rank;
  for (size_t i = 0; i < n.inputs.size() && !dynamic_rank; ++i) {
    auto dyn = dynamic_.find(n.inputs[i]);
    if (dyn == dynamic_.end()) continue;
    const bool same_shape = i == 0 && (IsUnaryShapePreserving(op) || op == tflite::BuiltinOperator_TRANSPOSE);
    dynamic_rank = same_shape ? dyn->second : -1;
  }
  bool boolean = false;
  if (dynamic_rank && *dynamic_rank < 0 && (IsBroadcastBinary(op, &boolean) || op == tflite::BuiltinOperator_SELECT_V2)) {
    // Broadcasting: the largest rank of the operands.
    int rank = 0;
    for (int in : n.inputs) {
      auto dyn = dynamic_.find(in);
      const int r = dyn != dynamic_.end() ? dyn->second : Val(in).has_rank ? static_cast<int>(Val(in).shape.size()) : -1;
      rank = r < 0 || rank < 0 ? -1 : std::max(rank, r);
    }
    dynamic_rank = rank;
  }
  const int id = graph().AddValue(std::move(out));
  if (dynamic_rank) dynamic_[id] = *dynamic_rank;
  n.outputs = {id};
  graph().AddNode(std::move(n));
  return id;
}

std::vector<int> Importer::EmitN(tflite::BuiltinOperator op, std::vector<int> inputs, int outputs, tflite::BuiltinOptionsUnion options) {
  ir::Node n;
  n.op = op;
  n.inputs = std::move(inputs);
  n.options = std::move(options);
  n.source = node_ != nullptr ? (node_->name().empty() ? node_->output(0) : node_->name()) + " (" + node_->op_type() + ")" : "graph i/o";
  const tflite::TensorType type = n.inputs.empty() || n.inputs[0] < 0 ? tflite::TensorType_FLOAT32 : Val(n.inputs[0]).type;
  bool dynamic = false;
  for (int in : n.inputs) dynamic = dynamic || dynamic_.count(in) > 0;
  std::vector<int> ids;
  for (int i = 0; i < outputs; ++i) {
    ir::Value v;
    v.name = NewName(tflite::EnumNameBuiltinOperator(op));
    v.type = type;
    v.has_rank = false;
    ids.push_back(graph().AddValue(std::move(v)));
    if (dynamic) dynamic_[ids.back()] = -1;
  }
  shapes_dirty_ = true;
  n.outputs = ids;
  graph().AddNode(std::move(n));
  return ids;
}

int Importer::Constant(tflite::TensorType type, ir::Dims shape, std::vector<uint8_t> bytes, const std::string& hint) {
  return graph().AddConstant(NewName(hint), type, std::move(shape), std::move(bytes));
}

int Importer::ConstI32(const std::vector<int32_t>& v, std::optional<ir::Dims> shape) {
  return graph().AddConstant(NewName("const"), tflite::TensorType_INT32, shape.value_or(ir::Dims{static_cast<int32_t>(v.size())}), v);
}

int Importer::ConstI64(const std::vector<int64_t>& v, std::optional<ir::Dims> shape) {
  return graph().AddConstant(NewName("const"), tflite::TensorType_INT64, shape.value_or(ir::Dims{static_cast<int32_t>(v.size())}), v);
}

int Importer::ConstF32(const std::vector<float>& v, std::optional<ir::Dims> shape) {
  return graph().AddConstant(NewName("const"), tflite::TensorType_FLOAT32, shape.value_or(ir::Dims{static_cast<int32_t>(v.size())}), v);
}

int Importer::Scalar(tflite::TensorType type, double v) {
  switch (type) {
    case tflite::TensorType_INT32: return ConstI32({static_cast<int32_t>(v)}, ir::Dims{});
    case tflite::TensorType_INT64: return ConstI64({static_cast<int64_t>(v)}, ir::Dims{});
    case tflite::TensorType_BOOL: case tflite::TensorType_UINT8: return Constant(type, {}, {static_cast<uint8_t>(v)});
    case tflite::TensorType_INT8: return Constant(type, {}, {static_cast<uint8_t>(static_cast<int8_t>(v))});
    case tflite::TensorType_FLOAT64: return graph().AddConstant(NewName("const"), type, {}, std::vector<double>{v});
    default: return ConstF32({static_cast<float>(v)}, ir::Dims{});
  }
}

int Importer::Transpose(int v, const std::vector<int>& perm) {
  tflite::TransposeOptionsT o;
  return Emit(tflite::BuiltinOperator_TRANSPOSE, {v, ConstI32(std::vector<int32_t>(perm.begin(), perm.end()))}, Options(o));
}

int Importer::Reshape(int v, const ir::Dims& shape) {
  tflite::ReshapeOptionsT o;
  o.new_shape = shape;
  ir::Dims out = shape;
  bool known = std::none_of(shape.begin(), shape.end(), [](int32_t d) { return d < 0; });
  return Emit(tflite::BuiltinOperator_RESHAPE, {v, ConstI32(shape)}, Options(o),
              known ? OutSpec{.shape = out} : OutSpec{});
}

int Importer::Cast(int v, tflite::TensorType type) {
  if (TypeOf(v) == type) return v;
  tflite::CastOptionsT o;
  o.in_data_type = TypeOf(v);
  o.out_data_type = type;
  return Emit(tflite::BuiltinOperator_CAST, {v}, Options(o), {.type = type});
}

}  // namespace litescope
