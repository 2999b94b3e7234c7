// The state of one ONNX import, and what every op converter uses: the current node's inputs,
// attributes and opset; the IR values' shapes (inferred on demand by the engine); constant
// tensors as numbers; and Emit() to append TFLite ops.
//
//   Status ConvertRelu(Importer& im) {
//     im.SetOutput(0, im.Emit(tflite::BuiltinOperator_RELU, {im.In(0)}));
//     return Status::Ok();
//   }
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>  // onnx-ml.pb.h (ONNX_ML), with the ONNX_API it needs

#include "converter/frontends/import_options.h"
#include "converter/ir/graph.h"

namespace litescope {

// What Emit() may be told about an output; anything unset is inferred (lazily, when asked).
struct OutSpec {
  std::optional<tflite::TensorType> type;
  std::optional<ir::Dims> shape;
  // The shape follows from input VALUES known only at run time; the rank, when known.
  std::optional<int> dynamic_rank;
};

class Importer {
 public:
  Importer(ir::Model& model, const ImportOptions& options, ConversionReport* report, std::string dir)
      : model_(model), options_(options), report_(report), dir_(std::move(dir)) {}

  ir::Graph& graph() { return model_.main(); }
  const ImportOptions& options() const { return options_; }
  const std::string& dir() const { return dir_; }
  void Warn(const std::string& w) {
    if (report_ != nullptr) report_->warnings.push_back(w);
  }

  // ONNX value names -> IR value ids.
  std::map<std::string, int>& names() { return names_; }

  // --- the current node ---
  void Begin(const onnx::NodeProto& node, int opset);
  void End() { node_ = nullptr; }
  const onnx::NodeProto& node() const { return *node_; }
  int opset() const { return opset_; }
  const std::string& type() const { return node_->op_type(); }
  int input_count() const { return node_->input_size(); }
  int output_count() const { return node_->output_size(); }
  bool Has(int i) const { return i < node_->input_size() && !node_->input(i).empty(); }
  bool HasOutput(int i) const { return i < node_->output_size() && !node_->output(i).empty(); }
  int In(int i) const;  // -1 when absent
  // Binds ONNX output i to `value` (renamed after the ONNX value when this node created it).
  void SetOutput(int i, int value);
  // "node conv_12 (Conv): " + why, as an Unsupported status.
  Status Fail(const std::string& why) const;
  std::string Where() const;

  // --- attributes ---
  const onnx::AttributeProto* Attr(const std::string& name) const;
  int64_t Int(const std::string& name, int64_t def) const;
  float Float(const std::string& name, float def) const;
  std::string Str(const std::string& name, const std::string& def) const;
  std::vector<int64_t> Ints(const std::string& name) const;
  std::vector<float> Floats(const std::string& name) const;

  // --- values ---
  const ir::Value& Val(int id) { return graph().values[static_cast<size_t>(id)]; }
  tflite::TensorType TypeOf(int id) { return Val(id).type; }
  bool IsConst(int id) { return id >= 0 && Val(id).is_constant(); }
  // The static shape of a value; runs shape inference over the graph built so far when needed.
  // Fails for a value whose shape is known only at run time (see OutSpec::dynamic_rank).
  Result<ir::Dims> Shape(int id);
  Result<int> Rank(int id);
  // Marks a value whose shape depends on runtime values (rank -1: unknown). Emit() marks the
  // outputs of ops that read such a value.
  void MarkDynamic(int id, int rank) { dynamic_[id] = rank; }
  // A constant integer (INT32/INT64/INT8/UINT8/BOOL) or float tensor's elements.
  Result<std::vector<int64_t>> ConstInts(int id);
  Result<std::vector<float>> ConstFloats(int id);
  // Normalizes a possibly negative axis against `rank`.
  Result<int> Axis(int64_t axis, int rank) const;

  // --- building ---
  int Emit(tflite::BuiltinOperator op, std::vector<int> inputs, tflite::BuiltinOptionsUnion options = {}, OutSpec spec = {});
  std::vector<int> EmitN(tflite::BuiltinOperator op, std::vector<int> inputs, int outputs,
                         tflite::BuiltinOptionsUnion options = {});
  int ConstI32(const std::vector<int32_t>& v, std::optional<ir::Dims> shape = std::nullopt);
  int ConstI64(const std::vector<int64_t>& v, std::optional<ir::Dims> shape = std::nullopt);
  int ConstF32(const std::vector<float>& v, std::optional<ir::Dims> shape = std::nullopt);
  // A scalar of `type` (FLOAT32, INT32, INT64, BOOL...) holding `v`.
  int Scalar(tflite::TensorType type, double v);
  int Constant(tflite::TensorType type, ir::Dims shape, std::vector<uint8_t> bytes, const std::string& hint = "const");
  int Transpose(int v, const std::vector<int>& perm);
  int ToNhwc(int v) { return Transpose(v, {0, 2, 3, 1}); }
  int ToNchw(int v) { return Transpose(v, {0, 3, 1, 2}); }
  int Reshape(int v, const ir::Dims& shape);
  int Cast(int v, tflite::TensorType type);
  std::string NewName(const std::string& hint);

  // --- bookkeeping for the driver ---
  int first_new_value() const { return first_value_; }
  size_t first_new_node() const { return first_node_; }
  void MarkShapesDirty() { shapes_dirty_ = true; }

 private:
  void FillShape(ir::Node& n, const OutSpec& spec, ir::Value* out);

  ir::Model& model_;
  const ImportOptions& options_;
  ConversionReport* report_;
  std::string dir_;
  std::map<std::string, int> names_;
  const onnx::NodeProto* node_ = nullptr;
  int opset_ = 0;
  int first_value_ = 0;
  size_t first_node_ = 0;
  int counter_ = 0;
  bool shapes_dirty_ = true;
  std::map<int, int> dynamic_;  // value -> rank (-1: unknown)
};

// Elementwise arithmetic on two values (NumPy broadcasting), for the op converters.
inline int Add(Importer& im, int a, int b) { return im.Emit(tflite::BuiltinOperator_ADD, {a, b}, Options(tflite::AddOptionsT{})); }
inline int Sub(Importer& im, int a, int b) { return im.Emit(tflite::BuiltinOperator_SUB, {a, b}, Options(tflite::SubOptionsT{})); }
inline int Mul(Importer& im, int a, int b) { return im.Emit(tflite::BuiltinOperator_MUL, {a, b}, Options(tflite::MulOptionsT{})); }
inline int Div(Importer& im, int a, int b) { return im.Emit(tflite::BuiltinOperator_DIV, {a, b}, Options(tflite::DivOptionsT{})); }

// Broadcasts two shapes NumPy-style; false when they do not broadcast.
bool BroadcastShapes(const ir::Dims& a, const ir::Dims& b, ir::Dims* out);
tflite::TensorType TypeOrFloat(int onnx_type);

}  // namespace litescope
