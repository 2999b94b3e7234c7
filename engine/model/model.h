// Model: a loaded, validated, read-only .tflite file.
//
//   Result<std::unique_ptr<Model>> loaded = Model::Load("mobilenet.tflite");
//   if (!loaded.ok()) return loaded.status();          // names the file and the broken rule
//   const Model& model = **loaded;
//   for (const OperatorView& op : model.subgraph(0).operators())
//     std::cout << op.name() << "\n";                    // "CONV_2D", "CUSTOM:MyOp"
//
// Loading maps the file (weights are never copied), runs the FlatBuffers verifier, then checks
// the semantics every later stage relies on: indices in range, buffer sizes equal to shape x
// element size, offsets inside the file, no recursion between subgraphs. After a successful
// load every view below can be used without further checks. Common but harmless defects load
// with a warning (see warnings()).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/mapped_file.h"
#include "engine/base/status.h"
#include "engine/schema/tflite_generated.h"

namespace litescope {

// An operator code with the builtin resolved: max(deprecated_builtin_code, builtin_code).
struct OpCode {
  tflite::BuiltinOperator builtin = tflite::BuiltinOperator_ADD;
  int32_t version = 1;
  std::string_view custom_code;  // only for CUSTOM
};

// "CONV_2D", "CUSTOM:fake-op-double", or "OP_<n>" for a builtin newer than our schema.
std::string OpCodeName(const OpCode& code);

struct QuantizationView {
  std::span<const float> scale;
  std::span<const int64_t> zero_point;
  std::span<const float> min;
  std::span<const float> max;
  int32_t quantized_dimension = 0;
  bool has_custom_details = false;

  bool empty() const { return scale.empty() && zero_point.empty() && min.empty() && max.empty(); }
  bool per_channel() const { return scale.size() > 1; }
};

class TensorView {
 public:
  TensorView(int index, const tflite::Tensor* tensor, std::span<const uint8_t> data)
      : index_(index), tensor_(tensor), data_(data) {}

  int index() const { return index_; }
  std::string_view name() const;
  tflite::TensorType type() const { return tensor_->type(); }
  std::span<const int32_t> shape() const;
  // The shape with -1 for dynamic dimensions; empty when the model does not give one.
  std::span<const int32_t> shape_signature() const;
  bool has_rank() const { return tensor_->has_rank(); }
  int32_t buffer_index() const { return static_cast<int32_t>(tensor_->buffer()); }
  // The constant data (weights); empty for activations and variables without initial value.
  std::span<const uint8_t> data() const { return data_; }
  bool is_constant() const { return !data_.empty(); }
  bool is_variable() const { return tensor_->is_variable(); }
  const tflite::SparsityParameters* sparsity() const { return tensor_->sparsity(); }
  QuantizationView quantization() const;
  const tflite::Tensor& fb() const { return *tensor_; }

 private:
  int index_;
  const tflite::Tensor* tensor_;
  std::span<const uint8_t> data_;
};

class OperatorView {
 public:
  OperatorView(int index, const tflite::Operator* op, const OpCode* code,
               std::span<const uint8_t> custom_options)
      : index_(index), op_(op), code_(code), custom_options_(custom_options) {}

  int index() const { return index_; }
  const OpCode& code() const { return *code_; }
  tflite::BuiltinOperator builtin() const { return code_->builtin; }
  std::string name() const { return OpCodeName(*code_); }
  // Tensor indices; -1 marks an omitted optional input.
  std::span<const int32_t> inputs() const;
  std::span<const int32_t> outputs() const;
  std::span<const int32_t> intermediates() const;
  tflite::BuiltinOptions options_type() const { return op_->builtin_options_type(); }
  // Custom options bytes (inline or, for large ones, from the file); usually FlexBuffers.
  std::span<const uint8_t> custom_options() const { return custom_options_; }
  tflite::CustomOptionsFormat custom_options_format() const { return op_->custom_options_format(); }
  const tflite::Operator& fb() const { return *op_; }

 private:
  int index_;
  const tflite::Operator* op_;
  const OpCode* code_;
  std::span<const uint8_t> custom_options_;
};

class Model;

class SubgraphView {
 public:
  SubgraphView(const Model* model, int index) : model_(model), index_(index) {}

  int index() const { return index_; }
  std::string_view name() const;
  int tensor_count() const;
  TensorView tensor(int i) const;
  int operator_count() const;
  OperatorView op(int i) const;
  std::vector<OperatorView> operators() const;
  std::span<const int32_t> inputs() const;
  std::span<const int32_t> outputs() const;
  const tflite::SubGraph& fb() const;

 private:
  const Model* model_;
  int index_;
};

struct SignatureTensor {
  std::string_view name;
  int32_t tensor_index;
};

struct SignatureView {
  std::string_view key;
  int32_t subgraph_index;
  std::vector<SignatureTensor> inputs;
  std::vector<SignatureTensor> outputs;
};

struct MetadataView {
  std::string_view name;
  int32_t buffer_index;
  std::span<const uint8_t> data;
};

class Model {
 public:
  // Maps and validates a file. `path` is kept for messages and for "never overwrite the source".
  static Result<std::unique_ptr<Model>> Load(const std::string& path);
  // Validates bytes already in memory; `label` names them in messages.
  static Result<std::unique_ptr<Model>> FromBytes(std::vector<uint8_t> bytes,
                                                  const std::string& label = "<memory>");

  const std::string& path() const { return path_; }
  std::span<const uint8_t> file_bytes() const { return file_.bytes(); }
  const tflite::Model& fb() const { return *root_; }

  uint32_t schema_version() const { return root_->version(); }
  std::string_view description() const;
  int subgraph_count() const;
  SubgraphView subgraph(int i) const { return SubgraphView(this, i); }
  const std::vector<OpCode>& op_codes() const { return op_codes_; }
  int buffer_count() const { return static_cast<int>(buffers_.size()); }
  // A buffer's bytes, wherever they are stored (inline or at offset/size after the FlatBuffer).
  std::span<const uint8_t> buffer(int i) const { return buffers_[static_cast<size_t>(i)]; }
  std::vector<SignatureView> signatures() const;
  std::vector<MetadataView> metadata() const;
  // The "min_runtime_version" metadata string, or empty.
  std::string min_runtime_version() const;
  // Harmless defects found while loading, one sentence each.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  friend class SubgraphView;
  Model() = default;
  static Result<std::unique_ptr<Model>> Create(MappedFile file, const std::string& label);

  std::string path_;
  MappedFile file_ = MappedFile::FromBytes({});
  const tflite::Model* root_ = nullptr;
  std::vector<OpCode> op_codes_;
  std::vector<std::span<const uint8_t>> buffers_;
  // Per operator (all subgraphs, in order) its custom options bytes; indexed via op_offset_.
  std::vector<std::span<const uint8_t>> custom_options_;
  std::vector<size_t> op_offset_;  // first operator of subgraph i in custom_options_
  std::vector<std::string> warnings_;
};

}  // namespace litescope
