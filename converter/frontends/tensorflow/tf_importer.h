// The state of one TensorFlow import, and what every op converter uses: the current node's inputs
// and attributes, the IR values' shapes (inferred on demand by the engine), constant inputs as
// numbers (folding constant subgraphs on demand), and Emit() to append TFLite ops. TensorFlow is
// NHWC like TFLite, so values keep their layout.
//
//   Status ConvertRelu(TfImporter& im) {
//     im.SetOutput(0, im.Emit(tflite::BuiltinOperator_RELU, {im.In(0)}));
//     return Status::Ok();
//   }
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "converter/frontends/import_options.h"
#include "converter/frontends/tensorflow/tf_flatten.h"
#include "converter/frontends/tensorflow/tf_source.h"
#include "converter/ir/graph.h"

namespace litescope {

class TfImporter {
 public:
  // `model.main()` is the graph being built (a function's own model for a While/If function).
  // `depth`: how many While/If functions enclose this graph.
  TfImporter(ir::Model& model, const ImportOptions& options, const TfSource& source, ConversionReport* report, int depth = 0)
      : model_(model), options_(options), source_(source), report_(report), depth_(depth) {}

  ir::Model& model() { return model_; }
  ir::Graph& graph() { return model_.main(); }
  const ImportOptions& options() const { return options_; }
  const TfSource& source() const { return source_; }
  ConversionReport* report() const { return report_; }  // may be null
  int depth() const { return depth_; }
  // "node:index" tensors -> IR value ids.
  std::map<std::string, int>& tensors() { return tensors_; }

  // --- the current node ---
  void Begin(const TfNode& node);
  const TfNode& node() const { return *node_; }
  const std::string& type() const { return node_->op; }
  int input_count() const { return static_cast<int>(node_->inputs.size()); }
  int In(int i) const;  // -1 when absent
  void SetOutput(int i, int value);
  // "node conv/Conv2D (Conv2D): " + why, as an Unsupported status.
  Status Fail(const std::string& why) const;
  std::string Where() const;
  size_t first_new_node() const { return first_node_; }

  // --- attributes (absent: the default) ---
  bool HasAttr(const std::string& name) const;
  int64_t Int(const std::string& name, int64_t def) const;
  float Float(const std::string& name, float def) const;
  bool Bool(const std::string& name, bool def) const;
  std::string Str(const std::string& name, const std::string& def) const;
  std::vector<int64_t> Ints(const std::string& name) const;
  int DType(const std::string& name) const;  // tfproto::DataType, 0 when absent
  std::string Func(const std::string& name) const;  // a function attribute's name, "" when absent

  // --- values ---
  const ir::Value& Val(int id) { return graph().values[static_cast<size_t>(id)]; }
  bool IsConst(int id) { return id >= 0 && Val(id).is_constant(); }
  Result<ir::Dims> Shape(int id);
  Result<int> Rank(int id);
  // A constant input's elements; folds the constant subgraph feeding it when needed.
  Result<std::vector<int64_t>> ConstInts(int id);
  Result<std::vector<float>> ConstFloats(int id);
  Result<int> Axis(int64_t axis, int rank) const;

  // --- building ---
  int Emit(tflite::BuiltinOperator op, std::vector<int> inputs, tflite::BuiltinOptionsUnion options = {},
           std::optional<tflite::TensorType> type = std::nullopt);
  std::vector<int> EmitN(tflite::BuiltinOperator op, std::vector<int> inputs, int outputs, tflite::BuiltinOptionsUnion options = {},
                         std::optional<tflite::TensorType> type = std::nullopt);
  int ConstI32(const std::vector<int32_t>& v, std::optional<ir::Dims> shape = std::nullopt);
  int ConstF32(const std::vector<float>& v, std::optional<ir::Dims> shape = std::nullopt);
  int Transpose(int v, const std::vector<int32_t>& perm);
  int Reshape(int v, const ir::Dims& shape);
  int Cast(int v, tflite::TensorType type);
  std::string NewName(const std::string& hint);

 private:
  ir::Model& model_;
  const ImportOptions& options_;
  const TfSource& source_;
  ConversionReport* report_;
  int depth_;
  std::map<std::string, int> tensors_;
  const TfNode* node_ = nullptr;
  size_t first_node_ = 0;
  int counter_ = 0;
  bool shapes_known_ = false;
  bool folded_ = false;
};

}  // namespace litescope
