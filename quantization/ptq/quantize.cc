#include "quantization/ptq/quantize.h"

#include <set>
#include <sstream>

#include "quantization/ptq/modes.h"

namespace litescope {
namespace {

bool IsIntegerActivation(const ir::Value& v) {
  return !v.is_constant() && !v.quant.scale.empty() &&
         (v.type == tflite::TensorType_INT8 || v.type == tflite::TensorType_UINT8 || v.type == tflite::TensorType_INT16);
}

// Why `model` cannot be quantized again, or "".
std::string AlreadyQuantized(const ir::Model& model) {
  for (const ir::Graph& g : model.subgraphs) {
    for (const ir::Node& n : g.nodes) {
      if (n.op == tflite::BuiltinOperator_QUANTIZE || n.op == tflite::BuiltinOperator_DEQUANTIZE)
        return "it already has a " + ir::NodeOpName(n) + " op (" + g.values[static_cast<size_t>(n.outputs[0])].name + ")";
      for (int v : n.inputs) {
        if (v < 0) continue;
        const ir::Value& x = g.values[static_cast<size_t>(v)];
        if (IsIntegerActivation(x)) return "tensor " + x.name + " is already " + tflite::EnumNameTensorType(x.type) + " quantized";
        if (x.is_constant() && x.type == tflite::TensorType_INT8 && !x.quant.scale.empty())
          return "weights " + x.name + " are already int8 (a dynamic-range model)";
      }
    }
  }
  return "";
}

// Bytes of the constants the nodes of the main subgraph read (each counted once).
int64_t WeightBytes(const ir::Model& model) {
  const ir::Graph& g = model.main();
  std::set<const std::vector<uint8_t>*> seen;
  int64_t total = 0;
  for (const ir::Node& n : g.nodes)
    for (int v : n.inputs)
      if (v >= 0 && g.values[static_cast<size_t>(v)].is_constant() && seen.insert(g.values[static_cast<size_t>(v)].data.get()).second)
        total += static_cast<int64_t>(g.values[static_cast<size_t>(v)].data->size());
  return total;
}

}  // namespace

namespace quant {

std::string NodeLabel(const ir::Graph& g, const ir::Node& n) {
  const std::string name = !n.source.empty() ? n.source : !n.outputs.empty() && n.outputs[0] >= 0 ? g.values[static_cast<size_t>(n.outputs[0])].name : "?";
  return name + " (" + ir::NodeOpName(n) + ")";
}

bool KeptFloat(const ir::Graph& g, const ir::Node& n, const std::regex* keep_float) {
  if (keep_float == nullptr) return false;
  if (std::regex_search(ir::NodeOpName(n), *keep_float)) return true;
  for (int o : n.outputs)
    if (o >= 0 && std::regex_search(g.values[static_cast<size_t>(o)].name, *keep_float)) return true;
  return false;
}

}  // namespace quant

const char* QuantModeName(QuantMode mode) {
  switch (mode) {
    case QuantMode::kDynamic: return "dynamic";
    case QuantMode::kInt8: return "int8";
    case QuantMode::kFloat16: return "float16";
    case QuantMode::k16x8: return "16x8";
  }
  return "?";
}

Result<QuantMode> ParseQuantMode(const std::string& name) {
  for (QuantMode m : {QuantMode::kDynamic, QuantMode::kInt8, QuantMode::kFloat16, QuantMode::k16x8})
    if (name == QuantModeName(m)) return m;
  return InvalidArgument("unknown quantization mode '" + name + "' (dynamic, int8, float16 or 16x8)");
}

std::string QuantizeReport::Text() const {
  std::ostringstream s;
  s << "mode " << QuantModeName(mode) << ": " << quantized_ops << " ops quantized, " << float_ops.size() << " kept float";
  if (quantize_ops_added + dequantize_ops_added > 0)
    s << ", " << quantize_ops_added << " QUANTIZE and " << dequantize_ops_added << " DEQUANTIZE ops added";
  s << "\nweights: " << weight_bytes_before << " -> " << weight_bytes_after << " bytes";
  if (weight_bytes_before > 0) s << " (" << (100 * weight_bytes_after + weight_bytes_before / 2) / weight_bytes_before << " %)";
  s << "\n";
  for (const std::string& f : float_ops) s << "  float: " << f << "\n";
  for (const std::string& w : warnings) s << "warning: " << w << "\n";
  return s.str();
}

Result<ir::Model> Quantize(const ir::Model& float_model, const QuantizeOptions& options, const Calibration* calibration,
                           QuantizeReport* report) {
  const bool full_integer = options.mode == QuantMode::kInt8 || options.mode == QuantMode::k16x8;
  if (const std::string why = AlreadyQuantized(float_model); !why.empty())
    return InvalidArgument("the model is already quantized: " + why + "; quantize its float original instead");
  if (full_integer && calibration == nullptr) return InvalidArgument(std::string(QuantModeName(options.mode)) + " quantization needs calibration ranges");
  const tflite::TensorType io = options.io_type;
  const bool io_ok = io == tflite::TensorType_FLOAT32 ||
                     (options.mode == QuantMode::kInt8 && (io == tflite::TensorType_INT8 || io == tflite::TensorType_UINT8)) ||
                     (options.mode == QuantMode::k16x8 && io == tflite::TensorType_INT16);
  if (!io_ok)
    return InvalidArgument(std::string("model I/O type ") + tflite::EnumNameTensorType(io) + " does not go with mode " + QuantModeName(options.mode));
  std::optional<std::regex> keep;
  if (!options.keep_float.empty()) {
    try {
      keep.emplace(options.keep_float, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return InvalidArgument("--keep-float '" + options.keep_float + "' is not a valid regular expression: " + e.what());
    }
  }
  const std::regex* keep_float = keep ? &*keep : nullptr;
  *report = {};
  report->mode = options.mode;
  report->weight_bytes_before = WeightBytes(float_model);
  if (float_model.subgraphs.size() > 1) report->warnings.push_back("only the main subgraph is quantized; the other subgraphs stay float");
  ir::Model m = float_model;
  Status s;
  switch (options.mode) {
    case QuantMode::kDynamic: s = quant::QuantizeDynamicRange(m, options, keep_float, report); break;
    case QuantMode::kFloat16: s = quant::QuantizeFloat16(m, keep_float, report); break;
    case QuantMode::kInt8:
    case QuantMode::k16x8: s = quant::QuantizeFullInteger(m, options, *calibration, keep_float, report); break;
  }
  LITESCOPE_RETURN_IF_ERROR(s);
  if (calibration != nullptr)
    for (const std::string& t : calibration->nonfinite) report->warnings.push_back("calibration: " + t + " (ranges use the finite values)");
  LITESCOPE_RETURN_IF_ERROR(ir::Verify(m).WithContext("the quantized graph is invalid (a bug)"));
  report->weight_bytes_after = WeightBytes(m);
  return m;
}

}  // namespace litescope
