#include "converter/frontends/tensorflow/tf_importer.h"

#include "converter/passes/fold_constants.h"
#include "converter/passes/infer_shapes.h"

namespace litescope {

void TfImporter::Begin(const TfNode& node) {
  node_ = &node;
  first_node_ = graph().nodes.size();
}

int TfImporter::In(int i) const {
  if (i < 0 || i >= input_count()) return -1;
  auto it = tensors_.find(node_->inputs[static_cast<size_t>(i)]);
  return it == tensors_.end() ? -1 : it->second;
}

void TfImporter::SetOutput(int i, int value) {
  const std::string tensor = node_->name + ":" + std::to_string(i);
  ir::Value& v = graph().values[static_cast<size_t>(value)];
  // Values this node created take the TensorFlow tensor's name; others (an input passed through)
  // keep theirs.
  if (!v.is_constant() && v.name.rfind(node_->name + "/", 0) == 0) v.name = i == 0 ? node_->name : tensor;
  tensors_[tensor] = value;
}

std::string TfImporter::Where() const { return node_ == nullptr ? "graph outputs" : "node " + node_->name + " (" + node_->op + ")"; }

Status TfImporter::Fail(const std::string& why) const { return Unsupported(Where() + ": " + why); }

bool TfImporter::HasAttr(const std::string& name) const { return node_->def->attr().count(name) != 0; }

int64_t TfImporter::Int(const std::string& name, int64_t def) const {
  auto it = node_->def->attr().find(name);
  return it == node_->def->attr().end() ? def : it->second.i();
}

float TfImporter::Float(const std::string& name, float def) const {
  auto it = node_->def->attr().find(name);
  return it == node_->def->attr().end() ? def : it->second.f();
}

bool TfImporter::Bool(const std::string& name, bool def) const {
  auto it = node_->def->attr().find(name);
  return it == node_->def->attr().end() ? def : it->second.b();
}

std::string TfImporter::Str(const std::string& name, const std::string& def) const {
  auto it = node_->def->attr().find(name);
  return it == node_->def->attr().end() ? def : it->second.s();
}

std::vector<int64_t> TfImporter::Ints(const std::string& name) const {
  auto it = node_->def->attr().find(name);
  if (it == node_->def->attr().end()) return {};
  return {it->second.list().i().begin(), it->second.list().i().end()};
}

int TfImporter::DType(const std::string& name) const {
  auto it = node_->def->attr().find(name);
  return it == node_->def->attr().end() ? 0 : it->second.type();
}

std::string TfImporter::Func(const std::string& name) const {
  auto it = node_->def->attr().find(name);
  return it == node_->def->attr().end() ? "" : it->second.func().name();
}

Result<ir::Dims> TfImporter::Shape(int id) {
  if (id < 0) return Internal(Where() + ": asked for the shape of a missing input");
  if (!Val(id).static_shape() && !shapes_known_) {
    if (Status s = InferShapesOf(model_, id); !s.ok()) return s.WithContext(Where() + ": inferring the shapes of the graph so far");
    shapes_known_ = true;
  }
  if (!Val(id).static_shape()) return Fail("the shape of " + Val(id).name + " is not known at conversion time");
  return Val(id).shape;
}

Result<int> TfImporter::Rank(int id) {
  if (id >= 0 && Val(id).has_rank) return static_cast<int>(Val(id).shape.size());
  Result<ir::Dims> s = Shape(id);
  if (!s.ok()) return s.status();
  return static_cast<int>(s->size());
}

Result<std::vector<int64_t>> TfImporter::ConstInts(int id) {
  if (id >= 0 && !IsConst(id) && !folded_) {
    Result<int> folded = FoldConstants(graph());
    if (!folded.ok()) return folded.status().WithContext(Where());
    folded_ = true;
  }
  if (!IsConst(id)) return Fail("input " + (id < 0 ? std::string("(missing)") : Val(id).name) + " must be a constant");
  std::optional<std::vector<int64_t>> out = Val(id).IntegerElements();
  if (!out) return Fail("constant " + Val(id).name + " cannot be read as integers");
  return *out;
}

Result<std::vector<float>> TfImporter::ConstFloats(int id) {
  if (IsConst(id) && Val(id).type == tflite::TensorType_FLOAT32) {
    const ir::Value& v = Val(id);
    return std::vector<float>(v.as<float>(), v.as<float>() + v.data->size() / 4);
  }
  Result<std::vector<int64_t>> ints = ConstInts(id);
  if (!ints.ok()) return ints.status();
  if (Val(id).type == tflite::TensorType_FLOAT32) return ConstFloats(id);  // folded just now
  return std::vector<float>(ints->begin(), ints->end());
}

Result<int> TfImporter::Axis(int64_t axis, int rank) const {
  if (axis < -rank || axis >= rank)
    return Fail("axis " + std::to_string(axis) + " is outside [" + std::to_string(-rank) + ", " + std::to_string(rank - 1) + "]");
  return static_cast<int>(axis < 0 ? axis + rank : axis);
}

std::string TfImporter::NewName(const std::string& hint) {
  return (node_ != nullptr ? node_->name : std::string("graph")) + "/" + hint + "_" + std::to_string(counter_++);
}

int TfImporter::Emit(tflite::BuiltinOperator op, std::vector<int> inputs, tflite::BuiltinOptionsUnion options,
                     std::optional<tflite::TensorType> type) {
  return EmitN(op, std::move(inputs), 1, std::move(options), type)[0];
}

std::vector<int> TfImporter::EmitN(tflite::BuiltinOperator op, std::vector<int> inputs, int outputs, tflite::BuiltinOptionsUnion options,
                                   std::optional<tflite::TensorType> type) {
  ir::Node n;
  n.op = op;
  n.inputs = std::move(inputs);
  n.options = std::move(options);
  n.source = node_ != nullptr ? node_->name + " (" + node_->op + ")" : "graph i/o";
  const bool select = op == tflite::BuiltinOperator_SELECT || op == tflite::BuiltinOperator_SELECT_V2;
  const int like = n.inputs.size() > (select ? 1u : 0u) ? n.inputs[select ? 1 : 0] : -1;
  for (int i = 0; i < outputs; ++i) {
    ir::Value v;
    v.name = NewName(tflite::EnumNameBuiltinOperator(op));
    v.type = type.value_or(like >= 0 ? Val(like).type : tflite::TensorType_FLOAT32);
    v.has_rank = false;
    n.outputs.push_back(graph().AddValue(std::move(v)));
  }
  shapes_known_ = false;
  folded_ = false;
  std::vector<int> ids = n.outputs;
  graph().AddNode(std::move(n));
  return ids;
}

int TfImporter::ConstI32(const std::vector<int32_t>& v, std::optional<ir::Dims> shape) {
  return graph().AddConstant(NewName("const"), tflite::TensorType_INT32, shape.value_or(ir::Dims{static_cast<int32_t>(v.size())}), v);
}

int TfImporter::ConstF32(const std::vector<float>& v, std::optional<ir::Dims> shape) {
  return graph().AddConstant(NewName("const"), tflite::TensorType_FLOAT32, shape.value_or(ir::Dims{static_cast<int32_t>(v.size())}), v);
}

int TfImporter::Transpose(int v, const std::vector<int32_t>& perm) {
  tflite::TransposeOptionsT o;
  return Emit(tflite::BuiltinOperator_TRANSPOSE, {v, ConstI32(perm)}, Options(o));
}

int TfImporter::Reshape(int v, const ir::Dims& shape) {
  tflite::ReshapeOptionsT o;
  o.new_shape = shape;
  return Emit(tflite::BuiltinOperator_RESHAPE, {v, ConstI32(shape)}, Options(o));
}

int TfImporter::Cast(int v, tflite::TensorType type) {
  if (Val(v).type == type) return v;
  tflite::CastOptionsT o;
  o.in_data_type = Val(v).type;
  o.out_data_type = type;
  return Emit(tflite::BuiltinOperator_CAST, {v}, Options(o), type);
}

}  // namespace litescope
