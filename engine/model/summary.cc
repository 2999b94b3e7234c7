#include "engine/model/summary.h"

#include <cstdio>
#include <set>
#include <sstream>
#include <string_view>

#include "engine/model/tensor_type.h"

namespace litescope {
namespace {

TensorSummary DescribeTensor(const SubgraphView& sg, int index) {
  TensorSummary t;
  t.index = index;
  if (index < 0) return t;
  TensorView view = sg.tensor(index);
  t.name = std::string(view.name());
  t.shape.assign(view.shape().begin(), view.shape().end());
  t.shape_signature.assign(view.shape_signature().begin(), view.shape_signature().end());
  t.dtype = TensorTypeName(view.type());
  QuantizationView q = view.quantization();
  t.scale.assign(q.scale.begin(), q.scale.end());
  t.zero_point.assign(q.zero_point.begin(), q.zero_point.end());
  t.quantized_dimension = q.quantized_dimension;
  return t;
}

std::vector<TensorSummary> DescribeTensors(const SubgraphView& sg, std::span<const int32_t> indices) {
  std::vector<TensorSummary> out;
  for (int32_t i : indices) out.push_back(DescribeTensor(sg, i));
  return out;
}

nlohmann::json OptionJson(const OptionField& f) {
  return std::visit([](const auto& v) { return nlohmann::json(v); }, f.value);
}

nlohmann::json TensorJson(const TensorSummary& t) {
  nlohmann::json j = {{"index", t.index}};
  if (t.index < 0) return j;
  j["name"] = t.name;
  j["shape"] = t.shape;
  if (!t.shape_signature.empty()) j["shape_signature"] = t.shape_signature;
  j["dtype"] = t.dtype;
  if (!t.scale.empty()) {
    j["quantization"] = {{"scale", t.scale},
                         {"zero_point", t.zero_point},
                         {"quantized_dimension", t.quantized_dimension}};
  }
  return j;
}

nlohmann::json TensorsJson(const std::vector<TensorSummary>& list) {
  nlohmann::json j = nlohmann::json::array();
  for (const TensorSummary& t : list) j.push_back(TensorJson(t));
  return j;
}

std::string QuantText(const TensorSummary& t) {
  if (t.scale.empty()) return "";
  char buf[96];
  if (t.scale.size() == 1) {
    std::snprintf(buf, sizeof buf, " q(scale=%.6g, zero_point=%lld)", static_cast<double>(t.scale[0]),
                  static_cast<long long>(t.zero_point.empty() ? 0 : t.zero_point[0]));
  } else {
    std::snprintf(buf, sizeof buf, " q(per-channel x%zu on dim %d)", t.scale.size(), t.quantized_dimension);
  }
  return buf;
}

std::string TensorLine(const TensorSummary& t) {
  return "#" + std::to_string(t.index) + " " + t.name + "  " + t.dtype + "[" + ShapeText(t.shape, t.shape_signature) +
         "]" + QuantText(t);
}

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when the byte there does not start one.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t b = byte(i);
  if (b < 0x80) return 1;
  size_t n = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  uint8_t lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (b == 0xE0) lo = 0xA0;
  if (b == 0xED) hi = 0x9F;
  if (b == 0xF0) lo = 0x90;
  if (b == 0xF4) hi = 0x8F;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

bool IsUtf8(std::string_view s) {
  for (size_t i = 0, n = 0; i < s.size(); i += n) {
    if ((n = Utf8SequenceLength(s, i)) == 0) return false;
  }
  return true;
}

// FlatBuffers does not check that strings are UTF-8, but JSON text must be: a byte that is not
// part of a well-formed sequence is written as the four characters "\xNN".
std::string Utf8Safe(std::string_view s) {
  std::string out;
  for (size_t i = 0, n = 0; i < s.size(); i += n) {
    n = Utf8SequenceLength(s, i);
    if (n > 0) {
      out.append(s.substr(i, n));
      continue;
    }
    static const char* kHex = "0123456789abcdef";
    uint8_t b = static_cast<uint8_t>(s[i]);
    out += "\\x";
    out += kHex[b >> 4];
    out += kHex[b & 15];
    n = 1;
  }
  return out;
}

// Names, descriptions, custom codes and string options come from the file: make every string
// and key of the document UTF-8, so that dump() cannot throw.
void MakeUtf8Safe(nlohmann::json& j) {
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (!IsUtf8(s)) j = Utf8Safe(s);
  } else if (j.is_array()) {
    for (nlohmann::json& e : j) MakeUtf8Safe(e);
  } else if (j.is_object()) {
    bool keys_ok = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
      MakeUtf8Safe(it.value());
      keys_ok = keys_ok && IsUtf8(it.key());
    }
    if (keys_ok) return;
    nlohmann::json safe = nlohmann::json::object();
    for (auto it = j.begin(); it != j.end(); ++it) safe[Utf8Safe(it.key())] = std::move(it.value());
    j = std::move(safe);
  }
}

std::string HumanBytes(uint64_t bytes) {
  char buf[32];
  if (bytes >= (1u << 20)) {
    std::snprintf(buf, sizeof buf, "%.2f MiB", static_cast<double>(bytes) / (1 << 20));
  } else if (bytes >= 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  }
  return buf;
}

}  // namespace

std::string ShapeText(const std::vector<int32_t>& shape, const std::vector<int32_t>& signature) {
  if (shape.empty()) return "scalar";
  std::string out;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) out += "x";
    bool dynamic = signature.size() == shape.size() && signature[i] == -1;
    out += dynamic ? "?" : std::to_string(shape[i]);
  }
  return out;
}

ModelSummary Summarize(const Model& model) {
  ModelSummary s;
  s.file = model.path();
  s.file_bytes = model.file_bytes().size();
  s.schema_version = model.schema_version();
  s.description = std::string(model.description());
  s.min_runtime_version = model.min_runtime_version();
  s.warnings = model.warnings();

  std::set<int> metadata_buffers;
  for (const MetadataView& m : model.metadata()) {
    s.metadata.push_back({std::string(m.name), m.buffer_index, m.data.size()});
    metadata_buffers.insert(m.buffer_index);
  }
  std::set<std::string> dtypes;
  std::set<int> counted_buffers;  // tensors may share a buffer: count its weights once
  for (int g = 0; g < model.subgraph_count(); ++g) {
    SubgraphView sg = model.subgraph(g);
    s.subgraphs.push_back({g, std::string(sg.name()), sg.tensor_count(), sg.operator_count(),
                           DescribeTensors(sg, sg.inputs()), DescribeTensors(sg, sg.outputs())});
    s.tensor_count += sg.tensor_count();
    s.operator_count += sg.operator_count();
    for (int t = 0; t < sg.tensor_count(); ++t) {
      TensorView tensor = sg.tensor(t);
      dtypes.insert(TensorTypeName(tensor.type()));
      if (!tensor.is_constant() || metadata_buffers.count(tensor.buffer_index()) ||
          !counted_buffers.insert(tensor.buffer_index()).second) {
        continue;
      }
      uint64_t elements = 1;
      for (int32_t d : tensor.shape()) elements *= static_cast<uint64_t>(d);
      ParameterCount& p = s.parameters[TensorTypeName(tensor.type())];
      p.count += elements;
      p.bytes += tensor.data().size();
      s.parameters_total.count += elements;
      s.parameters_total.bytes += tensor.data().size();
    }
    for (const OperatorView& op : sg.operators()) {
      s.op_histogram[op.name()]++;
      s.operators.push_back({g, op.index(), op.name(), op.code().version, DescribeTensors(sg, op.inputs()),
                             DescribeTensors(sg, op.outputs()), DecodeOptions(op)});
    }
  }
  s.dtypes.assign(dtypes.begin(), dtypes.end());
  for (const SignatureView& sig : model.signatures()) {
    ModelSummary::Signature out{std::string(sig.key), sig.subgraph_index, {}, {}};
    for (const SignatureTensor& t : sig.inputs) out.inputs.emplace_back(std::string(t.name), t.tensor_index);
    for (const SignatureTensor& t : sig.outputs) out.outputs.emplace_back(std::string(t.name), t.tensor_index);
    s.signatures.push_back(std::move(out));
  }
  return s;
}

nlohmann::json SummaryJson(const ModelSummary& s) {
  nlohmann::json j;
  j["format"] = "litescope.inspect";
  j["format_version"] = 1;
  j["file"] = s.file;
  j["file_bytes"] = s.file_bytes;
  j["schema_version"] = s.schema_version;
  j["description"] = s.description;
  j["min_runtime_version"] = s.min_runtime_version;
  j["subgraph_count"] = s.subgraphs.size();
  j["tensor_count"] = s.tensor_count;
  j["operator_count"] = s.operator_count;
  j["op_histogram"] = s.op_histogram;
  j["dtypes"] = s.dtypes;
  nlohmann::json by_dtype = nlohmann::json::object();
  for (const auto& [dtype, p] : s.parameters) by_dtype[dtype] = {{"count", p.count}, {"bytes", p.bytes}};
  j["parameters"] = {{"count", s.parameters_total.count}, {"bytes", s.parameters_total.bytes}, {"by_dtype", by_dtype}};
  j["inputs"] = TensorsJson(s.subgraphs[0].inputs);
  j["outputs"] = TensorsJson(s.subgraphs[0].outputs);
  nlohmann::json subgraphs = nlohmann::json::array();
  for (const SubgraphSummary& g : s.subgraphs) {
    subgraphs.push_back({{"index", g.index},
                         {"name", g.name},
                         {"tensor_count", g.tensors},
                         {"operator_count", g.operators},
                         {"inputs", TensorsJson(g.inputs)},
                         {"outputs", TensorsJson(g.outputs)}});
  }
  j["subgraphs"] = subgraphs;
  nlohmann::json signatures = nlohmann::json::array();
  for (const ModelSummary::Signature& sig : s.signatures) {
    nlohmann::json in = nlohmann::json::array(), out = nlohmann::json::array();
    for (const auto& [name, t] : sig.inputs) in.push_back({{"name", name}, {"tensor", t}});
    for (const auto& [name, t] : sig.outputs) out.push_back({{"name", name}, {"tensor", t}});
    signatures.push_back({{"key", sig.key}, {"subgraph", sig.subgraph}, {"inputs", in}, {"outputs", out}});
  }
  j["signatures"] = signatures;
  nlohmann::json metadata = nlohmann::json::array();
  for (const auto& m : s.metadata) metadata.push_back({{"name", m.name}, {"buffer", m.buffer}, {"bytes", m.bytes}});
  j["metadata"] = metadata;
  j["warnings"] = s.warnings;
  nlohmann::json ops = nlohmann::json::array();
  for (const OperatorSummary& op : s.operators) {
    nlohmann::json options = nlohmann::json::object();
    for (const OptionField& f : op.options) options[f.name] = OptionJson(f);
    ops.push_back({{"subgraph", op.subgraph},
                   {"index", op.index},
                   {"op", op.op},
                   {"version", op.version},
                   {"inputs", TensorsJson(op.inputs)},
                   {"outputs", TensorsJson(op.outputs)},
                   {"options", options}});
  }
  j["operators"] = ops;
  MakeUtf8Safe(j);
  return j;
}

std::string SummaryText(const ModelSummary& s) {
  std::ostringstream o;
  o << s.file << "  (" << HumanBytes(s.file_bytes) << ", schema version " << s.schema_version << ")\n";
  if (!s.description.empty()) o << "description: " << s.description << "\n";
  if (!s.min_runtime_version.empty()) o << "min runtime version: " << s.min_runtime_version << "\n";
  o << "subgraphs: " << s.subgraphs.size() << ", tensors: " << s.tensor_count << ", operators: " << s.operator_count
    << "\n";
  o << "parameters: " << s.parameters_total.count << " (" << HumanBytes(s.parameters_total.bytes) << ")";
  for (const auto& [dtype, p] : s.parameters) o << "  " << dtype << ": " << p.count << " (" << HumanBytes(p.bytes) << ")";
  o << "\n\nops:\n";
  for (const auto& [op, n] : s.op_histogram) o << "  " << op << "  " << n << "\n";
  for (const SubgraphSummary& g : s.subgraphs) {
    o << "\nsubgraph " << g.index << (g.name.empty() ? "" : " (" + g.name + ")") << ": " << g.operators
      << " operators, " << g.tensors << " tensors\n";
    for (const TensorSummary& t : g.inputs) o << "  input  " << TensorLine(t) << "\n";
    for (const TensorSummary& t : g.outputs) o << "  output " << TensorLine(t) << "\n";
  }
  if (!s.signatures.empty()) {
    o << "\nsignatures:\n";
    for (const auto& sig : s.signatures) {
      o << "  " << sig.key << " (subgraph " << sig.subgraph << "):";
      for (const auto& [name, t] : sig.inputs) o << " in " << name << "=#" << t;
      for (const auto& [name, t] : sig.outputs) o << " out " << name << "=#" << t;
      o << "\n";
    }
  }
  if (!s.metadata.empty()) {
    o << "\nmetadata:\n";
    for (const auto& m : s.metadata) o << "  " << m.name << " (buffer " << m.buffer << ", " << HumanBytes(m.bytes) << ")\n";
  }
  for (const std::string& w : s.warnings) o << "warning: " << w << "\n";
  o << "\n";
  int current = -1;
  for (const OperatorSummary& op : s.operators) {
    if (op.subgraph != current) {
      current = op.subgraph;
      o << "subgraph " << current << " operators:\n";
    }
    o << "  " << op.index << "  " << op.op << (op.version > 1 ? " v" + std::to_string(op.version) : "") << "  ";
    for (size_t i = 0; i < op.inputs.size(); ++i) {
      const TensorSummary& t = op.inputs[i];
      o << (i ? ", " : "") << (t.index < 0 ? "-" : "#" + std::to_string(t.index) + ":" + ShapeText(t.shape));
    }
    o << " -> ";
    for (size_t i = 0; i < op.outputs.size(); ++i) {
      const TensorSummary& t = op.outputs[i];
      o << (i ? ", " : "") << "#" << t.index << ":" << ShapeText(t.shape, t.shape_signature);
    }
    o << "\n";
  }
  return o.str();
}

}  // namespace litescope
