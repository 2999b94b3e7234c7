#include "engine/model/validate.h"

#include <cmath>

#include <flatbuffers/minireflect.h>

#include "engine/model/op_arity.h"
#include "engine/model/tensor_type.h"

namespace litescope {
namespace {

std::string Str(int64_t v) { return std::to_string(v); }

template <typename T>
std::span<const T> Span(const flatbuffers::Vector<T>* v) {
  if (v == nullptr) return {};
  return {v->data(), v->size()};
}

std::string TensorLabel(const tflite::SubGraph& sg, int sg_index, int t) {
  std::string label = "tensor " + Str(t);
  if (sg_index != 0) label = "subgraph " + Str(sg_index) + " " + label;
  const tflite::Tensor* tensor = sg.tensors()->Get(static_cast<flatbuffers::uoffset_t>(t));
  if (tensor->name() != nullptr && tensor->name()->size() > 0) {
    label += " (" + tensor->name()->str() + ")";
  }
  return label;
}

// A byte range [offset, offset + size) stored after the FlatBuffer must lie inside the file.
Status CheckFileRange(uint64_t offset, uint64_t size, size_t file_size, const std::string& what) {
  if (offset > file_size || size > file_size - offset) {
    return InvalidArgument(what + " points to bytes " + Str(static_cast<int64_t>(offset)) + ".." +
                           Str(static_cast<int64_t>(offset + size)) + " but the file has only " +
                           Str(static_cast<int64_t>(file_size)) + " bytes (truncated file?)");
  }
  return Status::Ok();
}

// What WalkTables has seen so far.
struct TableWalk {
  const uint8_t* file;
  uint64_t file_size;
  uint64_t tree_bytes = 0;  // what the tables and vectors reached take if none is shared

  Status Add(uint64_t bytes) {
    tree_bytes += bytes;
    if (tree_bytes <= file_size) return Status::Ok();
    return InvalidArgument("the model's tables and vectors take more than the file's " + Str(file_size) +
                           " bytes, so some are used in several places, which no .tflite writer does "
                           "(the file is crafted or damaged)");
  }
};

// Bytes one element of a vector of `kind` takes (tables, unions and strings: their offset).
uint64_t ElementBytes(flatbuffers::ElementaryType kind) {
  switch (kind) {
    case flatbuffers::ET_SHORT:
    case flatbuffers::ET_USHORT: return 2;
    case flatbuffers::ET_LONG:
    case flatbuffers::ET_ULONG:
    case flatbuffers::ET_DOUBLE: return 8;
    case flatbuffers::ET_INT:
    case flatbuffers::ET_UINT:
    case flatbuffers::ET_FLOAT:
    case flatbuffers::ET_STRING:
    case flatbuffers::ET_SEQUENCE: return 4;
    default: return 1;
  }
}

// Walks every table reachable from `table` through the schema's type tables and checks two
// things the FlatBuffers verifier does not:
//  - A vector of 8-byte values (zero points, many StableHLO options) starts 8-byte aligned. The
//    verifier checks only the 4-byte length in front of it, and reading a misaligned one is
//    undefined behaviour. Offsets are from the start of the file, which is mapped or allocated
//    at least 8-byte aligned.
//  - The tree is no larger than the file. A FlatBuffer may point to one table or vector from
//    many places; no .tflite writer does, but it lets a 56 KB file describe 49 million tensor
//    references (`inspect` took 47 s and 10 GB). Counting 4 bytes per table (its vtable offset)
//    and the length plus the elements per vector, a file whose tables and vectors are distinct
//    never exceeds its own size. (Strings are not counted: writers may share them.)
// It follows only fields the verifier has checked (the schema deprecates no table or vector
// field, only a string, which is not followed).
Status WalkTables(const uint8_t* table, const flatbuffers::TypeTable* type, TableWalk& walk) {
  namespace fb = flatbuffers;
  LITESCOPE_RETURN_IF_ERROR(walk.Add(4));
  const auto* t = reinterpret_cast<const fb::Table*>(table);
  auto slot = [](size_t field) { return fb::FieldIndexToOffset(static_cast<fb::voffset_t>(field)); };
  for (size_t i = 0; i < type->num_elems; ++i) {
    const fb::TypeCode code = type->type_codes[i];
    const uint8_t* field = t->GetAddressOf(slot(i));
    auto kind = static_cast<fb::ElementaryType>(code.base_type);
    if (field == nullptr || (kind != fb::ET_SEQUENCE && !code.is_repeating)) continue;
    const uint8_t* target = field + fb::ReadScalar<fb::uoffset_t>(field);
    if (code.is_repeating) {
      const auto* vector = reinterpret_cast<const fb::Vector<uint8_t>*>(target);
      LITESCOPE_RETURN_IF_ERROR(walk.Add(4 + uint64_t{vector->size()} * ElementBytes(kind)));
      uint64_t data = static_cast<uint64_t>(vector->Data() - walk.file);
      if (ElementBytes(kind) == 8 && data % 8 != 0) {
        return InvalidArgument(std::string("the ") + type->names[i] + " vector at byte " + Str(data) +
                               " is not 8-byte aligned (8-byte values must be); the file is damaged");
      }
    }
    if (kind != fb::ET_SEQUENCE || code.sequence_ref < 0) continue;
    const fb::TypeTable* ref = type->type_refs[code.sequence_ref]();
    if (ref->st == fb::ST_UNION && !code.is_repeating && i > 0) {
      // The union's type is the field before its value; unknown members were not verified.
      int64_t m = fb::LookupEnum(t->GetField<uint8_t>(slot(i - 1), 0), ref->values, ref->num_elems);
      if (m <= 0 || m >= static_cast<int64_t>(ref->num_elems)) continue;
      const fb::TypeCode member = ref->type_codes[m];
      if (member.base_type != fb::ET_SEQUENCE || member.sequence_ref < 0) continue;
      LITESCOPE_RETURN_IF_ERROR(WalkTables(target, ref->type_refs[member.sequence_ref](), walk));
    } else if (ref->st == fb::ST_TABLE && !code.is_repeating) {
      LITESCOPE_RETURN_IF_ERROR(WalkTables(target, ref, walk));
    } else if (ref->st == fb::ST_TABLE) {
      for (const fb::Table* element : *reinterpret_cast<const fb::Vector<fb::Offset<fb::Table>>*>(target)) {
        LITESCOPE_RETURN_IF_ERROR(WalkTables(reinterpret_cast<const uint8_t*>(element), ref, walk));
      }
    }
  }
  return Status::Ok();
}

Status IndexOpCodes(const tflite::Model& root, ModelIndex& index) {
  auto* codes = root.operator_codes();
  if (codes == nullptr) return Status::Ok();
  for (flatbuffers::uoffset_t i = 0; i < codes->size(); ++i) {
    const tflite::OperatorCode* code = codes->Get(i);
    OpCode resolved;
    // Files from before builtin_code existed only set the deprecated 8-bit field; newer files
    // set deprecated_builtin_code to 127 (PLACEHOLDER_FOR_GREATER_OP_CODES) for ops >= 127.
    int32_t deprecated = code->deprecated_builtin_code();
    int32_t builtin = static_cast<int32_t>(code->builtin_code());
    resolved.builtin = static_cast<tflite::BuiltinOperator>(std::max(deprecated, builtin));
    resolved.version = code->version();
    if (resolved.version < 1) {
      index.warnings.push_back("operator code " + Str(i) + " has version " + Str(resolved.version) +
                               "; treating it as version 1");
      resolved.version = 1;
    }
    if (code->custom_code() != nullptr) resolved.custom_code = code->custom_code()->string_view();
    if (resolved.builtin == tflite::BuiltinOperator_CUSTOM && resolved.custom_code.empty()) {
      return InvalidArgument("operator code " + Str(i) + " is CUSTOM but has no custom_code");
    }
    if (resolved.builtin < tflite::BuiltinOperator_MIN || resolved.builtin > tflite::BuiltinOperator_MAX) {
      index.warnings.push_back("operator code " + Str(i) + " is builtin " + Str(resolved.builtin) +
                               ", newer than this version of Litescope knows");
    }
    index.op_codes.push_back(resolved);
  }
  return Status::Ok();
}

Status IndexBuffers(const tflite::Model& root, std::span<const uint8_t> file, ModelIndex& index) {
  auto* buffers = root.buffers();
  if (buffers == nullptr) return Status::Ok();
  for (flatbuffers::uoffset_t i = 0; i < buffers->size(); ++i) {
    const tflite::Buffer* buffer = buffers->Get(i);
    std::span<const uint8_t> bytes = Span(buffer->data());
    // offset/size place the data after the FlatBuffer (models over 2 GB); offset 0 and 1 mean
    // "not used" in the published format.
    if (buffer->offset() > 1) {
      if (!bytes.empty()) {
        return InvalidArgument("buffer " + Str(i) + " has both inline data and an offset");
      }
      LITESCOPE_RETURN_IF_ERROR(
          CheckFileRange(buffer->offset(), buffer->size(), file.size(), "buffer " + Str(i)));
      bytes = file.subspan(buffer->offset(), buffer->size());
    }
    index.buffers.push_back(bytes);
  }
  if (!index.buffers.empty() && !index.buffers[0].empty()) {
    index.warnings.push_back("buffer 0 holds data; by convention it is the empty buffer");
  }
  return Status::Ok();
}

Status CheckQuantization(const tflite::Tensor& tensor, const std::string& label,
                         std::vector<std::string>& warnings) {
  const tflite::QuantizationParameters* q = tensor.quantization();
  if (q == nullptr) return Status::Ok();
  size_t scales = q->scale() ? q->scale()->size() : 0;
  size_t zero_points = q->zero_point() ? q->zero_point()->size() : 0;
  if (scales == 0) return Status::Ok();  // not quantized (min/max only)
  // Like TFLite: scales without a zero point each are an error, not "not quantized".
  if (scales != zero_points) {
    return InvalidArgument(label + " has " + Str(static_cast<int64_t>(scales)) + " scales but " +
                           Str(static_cast<int64_t>(zero_points)) + " zero points (must be equal)");
  }
  std::span<const int32_t> shape = Span(tensor.shape());
  int32_t dim = q->quantized_dimension();
  if (scales == 1) {
    if (dim != 0 && (dim < 0 || dim >= static_cast<int32_t>(shape.size()))) {
      warnings.push_back(label + " has quantized_dimension " + Str(dim) + " out of range for rank " +
                         Str(static_cast<int64_t>(shape.size())) + "; ignored (per-tensor quantization)");
    }
    return Status::Ok();
  }
  if (dim < 0 || dim >= static_cast<int32_t>(shape.size())) {
    if (shape.size() == 1 && static_cast<size_t>(shape[0]) == scales) {
      warnings.push_back(label + " has quantized_dimension " + Str(dim) +
                         " but rank 1; using dimension 0 (TFLite Micro does the same, TFLite refuses)");
      return Status::Ok();
    }
    return InvalidArgument(label + " has quantized_dimension " + Str(dim) + " but rank " +
                           Str(static_cast<int64_t>(shape.size())));
  }
  if (static_cast<size_t>(shape[static_cast<size_t>(dim)]) != scales) {
    return InvalidArgument(label + " has " + Str(static_cast<int64_t>(scales)) +
                           " per-channel scales but dimension " + Str(dim) + " has size " +
                           Str(shape[static_cast<size_t>(dim)]));
  }
  return Status::Ok();
}

Status CheckTensor(const tflite::SubGraph& sg, int sg_index, int t, const ModelIndex& index,
                   std::vector<std::string>& warnings) {
  const tflite::Tensor& tensor = *sg.tensors()->Get(static_cast<flatbuffers::uoffset_t>(t));
  std::string label = TensorLabel(sg, sg_index, t);
  std::span<const int32_t> shape = Span(tensor.shape());
  std::span<const int32_t> signature = Span(tensor.shape_signature());
  // Every view of an operator repeats its tensors' shapes: without a bound, one tensor of rank
  // 8000 used 8000 times made `inspect --json` of a 64 KB file take 10 s and 2.8 GB.
  if (std::max(shape.size(), signature.size()) > kMaxRank) {
    return InvalidArgument(label + " has rank " + Str(static_cast<int64_t>(std::max(shape.size(), signature.size()))) +
                           ", more than the limit of " + Str(static_cast<int64_t>(kMaxRank)));
  }
  Result<uint64_t> elements = CheckedElementCount(shape);
  if (!elements.ok()) return InvalidArgument(label + ": " + elements.status().message());
  std::optional<uint64_t> bytes = PackedByteSize(tensor.type(), *elements);
  if (bytes && *bytes > kMaxTensorBytes) {
    return InvalidArgument(label + " needs " + Str(static_cast<int64_t>(*bytes)) +
                           " bytes, more than the limit of 2^36");
  }
  if (!signature.empty()) {
    if (signature.size() != shape.size()) {
      warnings.push_back(label + " has a shape_signature of rank " + Str(static_cast<int64_t>(signature.size())) +
                         " but a shape of rank " + Str(static_cast<int64_t>(shape.size())));
    }
    for (int32_t d : signature) {
      if (d < -1) return InvalidArgument(label + " has shape_signature dimension " + Str(d) + " (must be >= -1)");
    }
  }
  if (tensor.type() < tflite::TensorType_MIN || tensor.type() > tflite::TensorType_MAX) {
    return InvalidArgument(label + " has unknown type " + Str(tensor.type()));
  }
  LITESCOPE_RETURN_IF_ERROR(CheckQuantization(tensor, label, warnings));
  uint32_t buffer = tensor.buffer();
  if (buffer >= index.buffers.size()) {
    if (buffer == 0) return Status::Ok();  // a model without buffers: nothing is constant
    return InvalidArgument(label + " refers to buffer " + Str(buffer) + " but the model has " +
                           Str(static_cast<int64_t>(index.buffers.size())) + " buffers");
  }
  size_t held = index.buffers[buffer].size();
  if (held == 0 || tensor.sparsity() != nullptr || !bytes) return Status::Ok();
  // 4-bit tensors may be stored packed (two per byte) or one value per byte.
  bool int4_unpacked = tensor.type() == tflite::TensorType_INT4 && held == *elements;
  if (held != *bytes && !int4_unpacked) {
    return InvalidArgument(label + " needs " + Str(static_cast<int64_t>(*bytes)) + " bytes, buffer " +
                           Str(buffer) + " holds " + Str(static_cast<int64_t>(held)));
  }
  return Status::Ok();
}

Status CheckIndexList(std::span<const int32_t> list, int tensors, bool allow_omitted,
                      const std::string& what) {
  for (size_t i = 0; i < list.size(); ++i) {
    int32_t t = list[i];
    if ((t == -1 && allow_omitted)) continue;
    if (t < 0 || t >= tensors) {
      return InvalidArgument(what + " " + Str(static_cast<int64_t>(i)) + " is tensor " + Str(t) +
                             " but the subgraph has " + Str(tensors) + " tensors");
    }
  }
  return Status::Ok();
}

Status CheckOperator(const tflite::Model& root, const tflite::SubGraph& sg, int sg_index, int o,
                     std::span<const uint8_t> file, ModelIndex& index) {
  const tflite::Operator& op = *sg.operators()->Get(static_cast<flatbuffers::uoffset_t>(o));
  std::string label = "operator " + Str(o);
  if (sg_index != 0) label = "subgraph " + Str(sg_index) + " " + label;
  uint32_t code = op.opcode_index();
  if (code >= index.op_codes.size()) {
    return InvalidArgument(label + " uses operator code " + Str(code) + " but the model has " +
                           Str(static_cast<int64_t>(index.op_codes.size())));
  }
  const OpCode& opcode = index.op_codes[code];
  label += " (" + OpCodeName(opcode) + ")";
  int tensors = sg.tensors() ? static_cast<int>(sg.tensors()->size()) : 0;
  std::span<const int32_t> inputs = Span(op.inputs());
  std::span<const int32_t> outputs = Span(op.outputs());
  LITESCOPE_RETURN_IF_ERROR(CheckIndexList(inputs, tensors, true, label + " input"));
  LITESCOPE_RETURN_IF_ERROR(CheckIndexList(outputs, tensors, false, label + " output"));
  LITESCOPE_RETURN_IF_ERROR(CheckIndexList(Span(op.intermediates()), tensors, false, label + " intermediate"));
  if (std::optional<Arity> arity = ExpectedArity(opcode.builtin)) {
    int n_in = static_cast<int>(inputs.size());
    int n_out = static_cast<int>(outputs.size());
    if (n_in < arity->min_inputs || n_in > arity->max_inputs) {
      return InvalidArgument(label + " has " + Str(n_in) + " inputs; " + OpCodeName(opcode) +
                             " takes " + Str(arity->min_inputs) +
                             (arity->max_inputs != arity->min_inputs ? " to " + Str(arity->max_inputs) : ""));
    }
    if (n_out < arity->min_outputs || n_out > arity->max_outputs) {
      return InvalidArgument(label + " has " + Str(n_out) + " outputs; " + OpCodeName(opcode) +
                             " gives " + Str(arity->min_outputs) +
                             (arity->max_outputs != arity->min_outputs ? " to " + Str(arity->max_outputs) : ""));
    }
  }
  std::span<const uint8_t> custom = Span(op.custom_options());
  if (op.large_custom_options_offset() > 1) {
    LITESCOPE_RETURN_IF_ERROR(CheckFileRange(op.large_custom_options_offset(), op.large_custom_options_size(),
                                             file.size(), label + " custom options"));
    custom = file.subspan(op.large_custom_options_offset(), op.large_custom_options_size());
  }
  index.custom_options.push_back(custom);
  int subgraphs = static_cast<int>(root.subgraphs()->size());
  for (int32_t called : CalledSubgraphs(op, opcode.builtin)) {
    if (called < 0 || called >= subgraphs) {
      return InvalidArgument(label + " calls subgraph " + Str(called) + " but the model has " +
                             Str(subgraphs) + " subgraphs");
    }
  }
  return Status::Ok();
}

// Subgraph calls must form a DAG: a cycle would make WHILE/IF/CALL_ONCE recurse forever.
Status CheckNoRecursion(const tflite::Model& root, const ModelIndex& index) {
  size_t n = root.subgraphs()->size();
  std::vector<std::vector<int32_t>> calls(n);
  for (size_t s = 0; s < n; ++s) {
    const tflite::SubGraph* sg = root.subgraphs()->Get(static_cast<flatbuffers::uoffset_t>(s));
    if (sg->operators() == nullptr) continue;
    for (const tflite::Operator* op : *sg->operators()) {
      for (int32_t c : CalledSubgraphs(*op, index.op_codes[op->opcode_index()].builtin)) calls[s].push_back(c);
    }
  }
  // Iterative depth-first search (a crafted file may chain thousands of subgraphs).
  enum Mark : uint8_t { kNew, kOnPath, kDone };
  std::vector<Mark> mark(n, kNew);
  struct Frame {
    int32_t subgraph;
    size_t next_call;
  };
  for (size_t start = 0; start < n; ++start) {
    if (mark[start] != kNew) continue;
    std::vector<Frame> path = {{static_cast<int32_t>(start), 0}};
    mark[start] = kOnPath;
    while (!path.empty()) {
      Frame& top = path.back();
      const std::vector<int32_t>& out = calls[static_cast<size_t>(top.subgraph)];
      if (top.next_call == out.size()) {
        mark[static_cast<size_t>(top.subgraph)] = kDone;
        path.pop_back();
        continue;
      }
      int32_t c = out[top.next_call++];
      if (mark[static_cast<size_t>(c)] == kOnPath) {
        std::string cycle;
        bool in_cycle = false;
        for (const Frame& f : path) {
          in_cycle = in_cycle || f.subgraph == c;
          if (in_cycle) cycle += Str(f.subgraph) + " -> ";
        }
        return InvalidArgument("subgraph calls loop: " + cycle + Str(c) +
                               " (WHILE/IF/CALL_ONCE may not call a subgraph that is running)");
      }
      if (mark[static_cast<size_t>(c)] == kNew) {
        mark[static_cast<size_t>(c)] = kOnPath;
        path.push_back({c, 0});
      }
    }
  }
  return Status::Ok();
}

Status CheckSignatures(const tflite::Model& root) {
  if (root.signature_defs() == nullptr) return Status::Ok();
  int subgraphs = static_cast<int>(root.subgraphs()->size());
  for (flatbuffers::uoffset_t i = 0; i < root.signature_defs()->size(); ++i) {
    const tflite::SignatureDef* sig = root.signature_defs()->Get(i);
    std::string label = "signature " + Str(i);
    if (sig->signature_key() != nullptr) label += " (" + sig->signature_key()->str() + ")";
    int32_t s = static_cast<int32_t>(sig->subgraph_index());
    if (s < 0 || s >= subgraphs) {
      return InvalidArgument(label + " refers to subgraph " + Str(s) + " but the model has " + Str(subgraphs));
    }
    const tflite::SubGraph* sg = root.subgraphs()->Get(static_cast<flatbuffers::uoffset_t>(s));
    int tensors = sg->tensors() ? static_cast<int>(sg->tensors()->size()) : 0;
    for (auto* maps : {sig->inputs(), sig->outputs()}) {
      if (maps == nullptr) continue;
      for (const tflite::TensorMap* m : *maps) {
        if (m->tensor_index() >= static_cast<uint32_t>(tensors)) {
          return InvalidArgument(label + " names tensor " + Str(m->tensor_index()) + " but subgraph " +
                                 Str(s) + " has " + Str(tensors) + " tensors");
        }
      }
    }
  }
  return Status::Ok();
}

Status CheckMetadata(const tflite::Model& root, const ModelIndex& index) {
  if (root.metadata() == nullptr) return Status::Ok();
  for (flatbuffers::uoffset_t i = 0; i < root.metadata()->size(); ++i) {
    uint32_t b = root.metadata()->Get(i)->buffer();
    if (b >= index.buffers.size()) {
      return InvalidArgument("metadata " + Str(i) + " refers to buffer " + Str(b) + " but the model has " +
                             Str(static_cast<int64_t>(index.buffers.size())) + " buffers");
    }
  }
  return Status::Ok();
}

}  // namespace

std::vector<int32_t> CalledSubgraphs(const tflite::Operator& op, tflite::BuiltinOperator builtin) {
  switch (builtin) {
    case tflite::BuiltinOperator_WHILE:
      if (auto* o = op.builtin_options_as_WhileOptions()) {
        return {o->cond_subgraph_index(), o->body_subgraph_index()};
      }
      return {0, 0};  // absent options mean index 0 for both
    case tflite::BuiltinOperator_IF:
      if (auto* o = op.builtin_options_as_IfOptions()) {
        return {o->then_subgraph_index(), o->else_subgraph_index()};
      }
      return {0, 0};
    case tflite::BuiltinOperator_CALL_ONCE:
      if (auto* o = op.builtin_options_as_CallOnceOptions()) return {o->init_subgraph_index()};
      return {0};
    case tflite::BuiltinOperator_STABLEHLO_WHILE:
      if (auto* o = op.builtin_options_2_as_StablehloWhileOptions()) {
        return {o->cond_subgraph_index(), o->body_subgraph_index()};
      }
      return {0, 0};
    case tflite::BuiltinOperator_STABLEHLO_REDUCE:
      if (auto* o = op.builtin_options_2_as_StablehloReduceOptions()) return {o->body_subgraph_index()};
      return {0};
    case tflite::BuiltinOperator_STABLEHLO_REDUCE_WINDOW:
      if (auto* o = op.builtin_options_2_as_StablehloReduceWindowOptions()) return {o->body_subgraph_index()};
      return {0};
    case tflite::BuiltinOperator_STABLEHLO_SORT:
      if (auto* o = op.builtin_options_2_as_StablehloSortOptions()) return {o->comparator_subgraph_index()};
      return {0};
    case tflite::BuiltinOperator_STABLEHLO_SCATTER:
      if (auto* o = op.builtin_options_2_as_StablehloScatterOptions()) {
        return {o->update_computation_subgraph_index()};
      }
      return {0};
    case tflite::BuiltinOperator_STABLEHLO_COMPOSITE:
      if (auto* o = op.builtin_options_2_as_StableHLOCompositeOptions()) return {o->decomposition_subgraph_index()};
      return {0};
    case tflite::BuiltinOperator_STABLEHLO_CASE:
      if (auto* o = op.builtin_options_2_as_StablehloCaseOptions(); o && o->branch_subgraph_indices()) {
        return {o->branch_subgraph_indices()->begin(), o->branch_subgraph_indices()->end()};
      }
      return {};
    default:
      return {};
  }
}

Result<ModelIndex> IndexAndValidate(const tflite::Model& root, std::span<const uint8_t> file) {
  ModelIndex index;
  if (root.version() != 3) {
    if (root.version() > 3) {
      return Unsupported("schema version " + Str(root.version()) + " is newer than 3, the version we read");
    }
    index.warnings.push_back("schema version " + Str(root.version()) + " is older than 3");
  }
  if (root.subgraphs() == nullptr || root.subgraphs()->size() == 0) {
    return InvalidArgument("the model has no subgraphs");
  }
  TableWalk walk{file.data(), file.size()};
  LITESCOPE_RETURN_IF_ERROR(WalkTables(reinterpret_cast<const uint8_t*>(&root), tflite::ModelTypeTable(), walk));
  LITESCOPE_RETURN_IF_ERROR(IndexOpCodes(root, index));
  LITESCOPE_RETURN_IF_ERROR(IndexBuffers(root, file, index));
  for (flatbuffers::uoffset_t s = 0; s < root.subgraphs()->size(); ++s) {
    const tflite::SubGraph& sg = *root.subgraphs()->Get(s);
    int sg_index = static_cast<int>(s);
    int tensors = sg.tensors() ? static_cast<int>(sg.tensors()->size()) : 0;
    for (int t = 0; t < tensors; ++t) {
      LITESCOPE_RETURN_IF_ERROR(CheckTensor(sg, sg_index, t, index, index.warnings));
    }
    std::string where = sg_index == 0 ? "" : "subgraph " + Str(sg_index) + " ";
    LITESCOPE_RETURN_IF_ERROR(CheckIndexList(Span(sg.inputs()), tensors, false, where + "input"));
    LITESCOPE_RETURN_IF_ERROR(CheckIndexList(Span(sg.outputs()), tensors, false, where + "output"));
    index.op_offset.push_back(index.custom_options.size());
    int ops = sg.operators() ? static_cast<int>(sg.operators()->size()) : 0;
    for (int o = 0; o < ops; ++o) {
      LITESCOPE_RETURN_IF_ERROR(CheckOperator(root, sg, sg_index, o, file, index));
    }
  }
  LITESCOPE_RETURN_IF_ERROR(CheckNoRecursion(root, index));
  LITESCOPE_RETURN_IF_ERROR(CheckSignatures(root));
  LITESCOPE_RETURN_IF_ERROR(CheckMetadata(root, index));
  return index;
}

}  // namespace litescope
