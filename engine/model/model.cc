#include "engine/model/model.h"

#include <cctype>

#include "engine/model/validate.h"

namespace litescope {
namespace {

template <typename T>
std::span<const T> Span(const flatbuffers::Vector<T>* v) {
  if (v == nullptr) return {};
  return {v->data(), v->size()};
}

std::string Printable(std::span<const uint8_t> bytes) {
  std::string out;
  for (uint8_t b : bytes) {
    if (std::isprint(b)) {
      out += static_cast<char>(b);
    } else {
      static const char* kHex = "0123456789abcdef";
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}

constexpr size_t kMinFileSize = 8;  // root offset + file identifier

}  // namespace

std::string OpCodeName(const OpCode& code) {
  if (code.builtin == tflite::BuiltinOperator_CUSTOM) return "CUSTOM:" + std::string(code.custom_code);
  if (code.builtin >= tflite::BuiltinOperator_MIN && code.builtin <= tflite::BuiltinOperator_MAX) {
    const char* name = tflite::EnumNameBuiltinOperator(code.builtin);
    if (name != nullptr && *name != '\0') return name;
  }
  return "OP_" + std::to_string(static_cast<int>(code.builtin));
}

std::string_view TensorView::name() const {
  return tensor_->name() ? tensor_->name()->string_view() : std::string_view();
}
std::span<const int32_t> TensorView::shape() const { return Span(tensor_->shape()); }
std::span<const int32_t> TensorView::shape_signature() const { return Span(tensor_->shape_signature()); }

QuantizationView TensorView::quantization() const {
  QuantizationView q;
  const tflite::QuantizationParameters* p = tensor_->quantization();
  if (p == nullptr) return q;
  q.scale = Span(p->scale());
  q.zero_point = Span(p->zero_point());
  q.min = Span(p->min());
  q.max = Span(p->max());
  q.quantized_dimension = p->quantized_dimension();
  // The loader accepted an out-of-range dimension only for rank-1 per-channel tensors (see
  // CheckQuantization) and for per-tensor ones, where it means dimension 0.
  if (q.quantized_dimension < 0 || q.quantized_dimension >= static_cast<int32_t>(shape().size())) {
    q.quantized_dimension = 0;
  }
  q.has_custom_details = p->details_type() != tflite::QuantizationDetails_NONE;
  return q;
}

std::span<const int32_t> OperatorView::inputs() const { return Span(op_->inputs()); }
std::span<const int32_t> OperatorView::outputs() const { return Span(op_->outputs()); }
std::span<const int32_t> OperatorView::intermediates() const { return Span(op_->intermediates()); }

const tflite::SubGraph& SubgraphView::fb() const {
  return *model_->root_->subgraphs()->Get(static_cast<flatbuffers::uoffset_t>(index_));
}
std::string_view SubgraphView::name() const {
  return fb().name() ? fb().name()->string_view() : std::string_view();
}
int SubgraphView::tensor_count() const { return fb().tensors() ? static_cast<int>(fb().tensors()->size()) : 0; }
int SubgraphView::operator_count() const {
  return fb().operators() ? static_cast<int>(fb().operators()->size()) : 0;
}

TensorView SubgraphView::tensor(int i) const {
  const tflite::Tensor* t = fb().tensors()->Get(static_cast<flatbuffers::uoffset_t>(i));
  std::span<const uint8_t> data;
  if (t->buffer() < model_->buffers_.size()) data = model_->buffers_[t->buffer()];
  return TensorView(i, t, data);
}

OperatorView SubgraphView::op(int i) const {
  const tflite::Operator* o = fb().operators()->Get(static_cast<flatbuffers::uoffset_t>(i));
  size_t flat = model_->op_offset_[static_cast<size_t>(index_)] + static_cast<size_t>(i);
  return OperatorView(i, o, &model_->op_codes_[o->opcode_index()], model_->custom_options_[flat]);
}

std::vector<OperatorView> SubgraphView::operators() const {
  std::vector<OperatorView> ops;
  int n = operator_count();
  ops.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) ops.push_back(op(i));
  return ops;
}

std::span<const int32_t> SubgraphView::inputs() const { return Span(fb().inputs()); }
std::span<const int32_t> SubgraphView::outputs() const { return Span(fb().outputs()); }

Result<std::unique_ptr<Model>> Model::Load(const std::string& path) {
  Result<MappedFile> file = MappedFile::Open(path);
  if (!file.ok()) return file.status().WithContext("failed to load model");
  return Create(std::move(file).value(), path);
}

Result<std::unique_ptr<Model>> Model::FromBytes(std::vector<uint8_t> bytes, const std::string& label) {
  return Create(MappedFile::FromBytes(std::move(bytes)), label);
}

Result<std::unique_ptr<Model>> Model::Create(MappedFile file, const std::string& label) {
  const std::string context = "failed to load " + label;
  std::span<const uint8_t> bytes = file.bytes();
  if (bytes.empty()) return InvalidArgument(context + ": the file is empty");
  if (bytes.size() < kMinFileSize) {
    return InvalidArgument(context + ": the file has " + std::to_string(bytes.size()) +
                           " bytes, too few for a .tflite model");
  }
  if (!tflite::ModelBufferHasIdentifier(bytes.data())) {
    return InvalidArgument(context + ": wrong file identifier '" + Printable(bytes.subspan(4, 4)) +
                           "' at byte 4 (a .tflite file has 'TFL3'); is this a TensorFlow Lite model?");
  }
  // The FlatBuffer itself is under 2 GB; buffers past that are reached through offset/size and
  // checked by the semantic validation. A table takes at least 8 bytes (its vtable offset and
  // the offset to it), so more table visits than bytes / 4 mean tables are shared; the limit
  // keeps the verifier's time linear in the file size on crafted files (see WalkTables).
  size_t verify_size = std::min<size_t>(bytes.size(), FLATBUFFERS_MAX_BUFFER_SIZE - 1);
  flatbuffers::Verifier verifier(bytes.data(), verify_size, /*max_depth=*/128,
                                 /*max_tables=*/static_cast<flatbuffers::uoffset_t>(verify_size / 4));
  if (!tflite::VerifyModelBuffer(verifier)) {
    return InvalidArgument(context + ": the FlatBuffer structure is corrupt (an offset points outside the "
                           "file or a table is malformed); the file is truncated or damaged");
  }
  const tflite::Model* root = tflite::GetModel(bytes.data());
  Result<ModelIndex> index = IndexAndValidate(*root, bytes);
  if (!index.ok()) return index.status().WithContext(context);

  std::unique_ptr<Model> model(new Model());
  model->path_ = label;
  model->file_ = std::move(file);
  model->root_ = root;
  model->op_codes_ = std::move(index->op_codes);
  model->buffers_ = std::move(index->buffers);
  model->custom_options_ = std::move(index->custom_options);
  model->op_offset_ = std::move(index->op_offset);
  model->warnings_ = std::move(index->warnings);
  return model;
}

std::string_view Model::description() const {
  return root_->description() ? root_->description()->string_view() : std::string_view();
}

int Model::subgraph_count() const { return static_cast<int>(root_->subgraphs()->size()); }

std::vector<SignatureView> Model::signatures() const {
  std::vector<SignatureView> out;
  if (root_->signature_defs() == nullptr) return out;
  auto read = [](const flatbuffers::Vector<flatbuffers::Offset<tflite::TensorMap>>* maps) {
    std::vector<SignatureTensor> list;
    if (maps == nullptr) return list;
    for (const tflite::TensorMap* m : *maps) {
      list.push_back({m->name() ? m->name()->string_view() : std::string_view(),
                      static_cast<int32_t>(m->tensor_index())});
    }
    return list;
  };
  for (const tflite::SignatureDef* sig : *root_->signature_defs()) {
    out.push_back({sig->signature_key() ? sig->signature_key()->string_view() : std::string_view(),
                   static_cast<int32_t>(sig->subgraph_index()), read(sig->inputs()), read(sig->outputs())});
  }
  return out;
}

std::vector<MetadataView> Model::metadata() const {
  std::vector<MetadataView> out;
  if (root_->metadata() == nullptr) return out;
  for (const tflite::Metadata* m : *root_->metadata()) {
    out.push_back({m->name() ? m->name()->string_view() : std::string_view(),
                   static_cast<int32_t>(m->buffer()), buffers_[m->buffer()]});
  }
  return out;
}

std::string Model::min_runtime_version() const {
  for (const MetadataView& m : metadata()) {
    if (m.name != "min_runtime_version") continue;
    std::string version(m.data.begin(), m.data.end());
    return version.substr(0, version.find('\0'));  // stored NUL-padded
  }
  return "";
}

}  // namespace litescope
