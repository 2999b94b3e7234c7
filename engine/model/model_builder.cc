#include "engine/model/model_builder.h"

#include <algorithm>

#include "engine/base/atomic_file.h"

namespace litescope {
namespace {

constexpr uint64_t kTailAlignment = 16;
constexpr int32_t kPlaceholderForGreaterOpCodes = 127;

uint64_t AlignUp(uint64_t v) { return (v + kTailAlignment - 1) / kTailAlignment * kTailAlignment; }

// A file may name a union member without storing its table; TFLite then reads default options,
// as for NONE. The object API cannot hold that (Pack would dereference the missing table), so
// such a union becomes NONE. Members newer than our schema unpack without a table too; they
// keep their type, which Pack writes alone.
template <typename Union, typename Type>
void ClearIfTableMissing(Union& u, Type max) {
  if (u.value == nullptr && u.type <= max) u.type = static_cast<Type>(0);
}

void ClearUnionsWithoutTable(tflite::SubGraphT& sg) {
  for (auto& op : sg.operators) {
    ClearIfTableMissing(op->builtin_options, tflite::BuiltinOptions_MAX);
    ClearIfTableMissing(op->builtin_options_2, tflite::BuiltinOptions2_MAX);
  }
  for (auto& tensor : sg.tensors) {
    if (tensor->quantization) ClearIfTableMissing(tensor->quantization->details, tflite::QuantizationDetails_MAX);
    if (!tensor->sparsity) continue;
    for (auto& dim : tensor->sparsity->dim_metadata) {
      ClearIfTableMissing(dim->array_segments, tflite::SparseIndexVector_MAX);
      ClearIfTableMissing(dim->array_indices, tflite::SparseIndexVector_MAX);
    }
  }
}

}  // namespace

std::vector<uint8_t> SerializedModel::Bytes() const {
  std::vector<uint8_t> out(flatbuffer);
  for (const Tail& t : tail) {
    out.resize(t.offset, 0);
    out.insert(out.end(), t.bytes.begin(), t.bytes.end());
  }
  return out;
}

ModelBuilder::ModelBuilder() : model_(std::make_unique<tflite::ModelT>()) {
  model_->version = 3;
  model_->buffers.push_back(std::make_unique<tflite::BufferT>());  // buffer 0: the empty buffer
  AddSubgraph("main");
}

ModelBuilder ModelBuilder::FromModel(const Model& model) {
  ModelBuilder b;
  b.model_.reset(model.fb().UnPack());
  // Out-of-line data comes back inline; Finish() decides again where it goes.
  for (size_t i = 0; i < b.model_->buffers.size(); ++i) {
    tflite::BufferT& buffer = *b.model_->buffers[i];
    if (buffer.offset > 1) {
      std::span<const uint8_t> bytes = model.buffer(static_cast<int>(i));
      buffer.data.assign(bytes.begin(), bytes.end());
      buffer.offset = 0;
      buffer.size = 0;
    }
  }
  for (size_t s = 0; s < b.model_->subgraphs.size(); ++s) {
    ClearUnionsWithoutTable(*b.model_->subgraphs[s]);
    SubgraphView view = model.subgraph(static_cast<int>(s));
    for (size_t o = 0; o < b.model_->subgraphs[s]->operators.size(); ++o) {
      tflite::OperatorT& op = *b.model_->subgraphs[s]->operators[o];
      if (op.large_custom_options_offset > 1) {
        std::span<const uint8_t> bytes = view.op(static_cast<int>(o)).custom_options();
        op.custom_options.assign(bytes.begin(), bytes.end());
        op.large_custom_options_offset = 0;
        op.large_custom_options_size = 0;
      }
    }
  }
  return b;
}

int ModelBuilder::AddSubgraph(const std::string& name) {
  auto sg = std::make_unique<tflite::SubGraphT>();
  sg->name = name;
  model_->subgraphs.push_back(std::move(sg));
  return static_cast<int>(model_->subgraphs.size()) - 1;
}

int ModelBuilder::AddBuffer(std::span<const uint8_t> bytes) {
  auto buffer = std::make_unique<tflite::BufferT>();
  buffer->data.assign(bytes.begin(), bytes.end());
  model_->buffers.push_back(std::move(buffer));
  return static_cast<int>(model_->buffers.size()) - 1;
}

int ModelBuilder::AddTensor(const std::string& name, tflite::TensorType type, std::vector<int32_t> shape,
                            int buffer, const QuantParams& quant, int subgraph) {
  auto t = std::make_unique<tflite::TensorT>();
  t->name = name;
  t->type = type;
  t->shape = std::move(shape);
  t->buffer = static_cast<uint32_t>(buffer);
  if (!quant.scale.empty() || !quant.zero_point.empty() || !quant.min.empty() || !quant.max.empty()) {
    t->quantization = std::make_unique<tflite::QuantizationParametersT>();
    t->quantization->scale = quant.scale;
    t->quantization->zero_point = quant.zero_point;
    t->quantization->quantized_dimension = quant.quantized_dimension;
    t->quantization->min = quant.min;
    t->quantization->max = quant.max;
  }
  auto& tensors = model_->subgraphs[static_cast<size_t>(subgraph)]->tensors;
  tensors.push_back(std::move(t));
  return static_cast<int>(tensors.size()) - 1;
}

int ModelBuilder::OpCodeIndex(tflite::BuiltinOperator op, const std::string& custom_code, int version) {
  auto& codes = model_->operator_codes;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (codes[i]->builtin_code == op && codes[i]->custom_code == custom_code && codes[i]->version == version) {
      return static_cast<int>(i);
    }
  }
  auto code = std::make_unique<tflite::OperatorCodeT>();
  code->builtin_code = op;
  code->deprecated_builtin_code =
      static_cast<int8_t>(std::min<int32_t>(static_cast<int32_t>(op), kPlaceholderForGreaterOpCodes));
  code->custom_code = custom_code;
  code->version = version;
  codes.push_back(std::move(code));
  return static_cast<int>(codes.size()) - 1;
}

int ModelBuilder::AddOperator(tflite::BuiltinOperator op, std::vector<int32_t> inputs,
                              std::vector<int32_t> outputs, tflite::BuiltinOptionsUnion options, int subgraph,
                              int version) {
  auto o = std::make_unique<tflite::OperatorT>();
  o->opcode_index = static_cast<uint32_t>(OpCodeIndex(op, "", version));
  o->inputs = std::move(inputs);
  o->outputs = std::move(outputs);
  o->builtin_options = std::move(options);
  auto& ops = model_->subgraphs[static_cast<size_t>(subgraph)]->operators;
  ops.push_back(std::move(o));
  return static_cast<int>(ops.size()) - 1;
}

int ModelBuilder::AddCustomOperator(const std::string& custom_code, std::vector<int32_t> inputs,
                                    std::vector<int32_t> outputs, std::vector<uint8_t> custom_options,
                                    int subgraph) {
  auto o = std::make_unique<tflite::OperatorT>();
  o->opcode_index = static_cast<uint32_t>(OpCodeIndex(tflite::BuiltinOperator_CUSTOM, custom_code, 1));
  o->inputs = std::move(inputs);
  o->outputs = std::move(outputs);
  o->custom_options = std::move(custom_options);
  auto& ops = model_->subgraphs[static_cast<size_t>(subgraph)]->operators;
  ops.push_back(std::move(o));
  return static_cast<int>(ops.size()) - 1;
}

void ModelBuilder::SetInputs(std::vector<int32_t> tensors, int subgraph) {
  model_->subgraphs[static_cast<size_t>(subgraph)]->inputs = std::move(tensors);
}

void ModelBuilder::SetOutputs(std::vector<int32_t> tensors, int subgraph) {
  model_->subgraphs[static_cast<size_t>(subgraph)]->outputs = std::move(tensors);
}

void ModelBuilder::AddSignature(const std::string& key, int subgraph,
                                const std::vector<std::pair<std::string, int32_t>>& inputs,
                                const std::vector<std::pair<std::string, int32_t>>& outputs) {
  auto sig = std::make_unique<tflite::SignatureDefT>();
  sig->signature_key = key;
  sig->subgraph_index = static_cast<uint32_t>(subgraph);
  auto maps = [](const std::vector<std::pair<std::string, int32_t>>& list) {
    std::vector<std::unique_ptr<tflite::TensorMapT>> out;
    for (const auto& [name, tensor] : list) {
      auto m = std::make_unique<tflite::TensorMapT>();
      m->name = name;
      m->tensor_index = static_cast<uint32_t>(tensor);
      out.push_back(std::move(m));
    }
    return out;
  };
  sig->inputs = maps(inputs);
  sig->outputs = maps(outputs);
  model_->signature_defs.push_back(std::move(sig));
}

void ModelBuilder::AddMetadata(const std::string& name, std::span<const uint8_t> bytes) {
  auto m = std::make_unique<tflite::MetadataT>();
  m->name = name;
  m->buffer = static_cast<uint32_t>(AddBuffer(bytes));
  model_->metadata.push_back(std::move(m));
}

void ModelBuilder::SetDescription(const std::string& description) { model_->description = description; }

Result<SerializedModel> ModelBuilder::Finish(const WriteOptions& options) {
  uint64_t total = 0;
  for (const auto& b : model_->buffers) total += b->data.size();
  bool external = total > options.inline_limit;

  // Out-of-line buffers: pack with a placeholder offset (1, so the field is stored), then patch
  // the real offsets in place once the FlatBuffer's size is known.
  std::vector<std::pair<size_t, std::vector<uint8_t>>> moved;
  if (external) {
    for (size_t i = 0; i < model_->buffers.size(); ++i) {
      tflite::BufferT& b = *model_->buffers[i];
      if (b.data.empty()) continue;
      b.offset = 1;
      b.size = b.data.size();
      moved.emplace_back(i, std::move(b.data));
      b.data.clear();
    }
  }
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflite::Model::Pack(fbb, model_.get()), tflite::ModelIdentifier());
  if (fbb.GetSize() >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    return InvalidArgument("the model's tables take more than 2 GB even without the weights");
  }
  SerializedModel out;
  out.flatbuffer.assign(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
  uint64_t offset = AlignUp(out.flatbuffer.size());
  auto* buffers = tflite::GetMutableModel(out.flatbuffer.data())->mutable_buffers();
  for (auto& [i, bytes] : moved) {
    tflite::BufferT& b = *model_->buffers[i];
    buffers->GetMutableObject(static_cast<flatbuffers::uoffset_t>(i))->mutate_offset(offset);
    b.offset = 0;
    b.size = 0;
    uint64_t size = bytes.size();
    b.data = bytes;  // the builder keeps its content
    out.tail.push_back({offset, std::move(bytes)});
    offset = AlignUp(offset + size);
  }
  return out;
}

Status ModelBuilder::WriteFile(const std::string& path, const std::vector<std::string>& sources,
                               const WriteOptions& options) {
  Result<SerializedModel> serialized = Finish(options);
  if (!serialized.ok()) return serialized.status().WithContext("failed to write " + path);
  std::vector<std::span<const uint8_t>> pieces;
  std::vector<uint8_t> padding(kTailAlignment, 0);
  uint64_t written = serialized->flatbuffer.size();
  pieces.push_back(serialized->flatbuffer);
  for (const SerializedModel::Tail& t : serialized->tail) {
    pieces.push_back(std::span<const uint8_t>(padding).first(t.offset - written));
    pieces.push_back(t.bytes);
    written = t.offset + t.bytes.size();
  }
  return WriteFileAtomically(path, pieces, sources);
}

}  // namespace litescope
