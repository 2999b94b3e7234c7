// Float16 quantization: every float constant an op reads is stored as FLOAT16 and widened back by
// a DEQUANTIZE op at the start of the graph (TFLite's float16 models; GPU delegates read the
// halves directly). Halves the weights; arithmetic stays float32.
#include <map>

#include "quantization/ptq/modes.h"
#include "quantization/ptq/quant_params.h"

namespace litescope::quant {

Status QuantizeFloat16(ir::Model& model, const std::regex* keep_float, QuantizeReport* report) {
  ir::Graph& g = model.main();
  std::map<int, int> widened;  // float constant -> the DEQUANTIZE output that replaces it
  std::vector<ir::Node> prologue;
  for (ir::Node& n : g.nodes) {
    if (KeptFloat(g, n, keep_float)) {
      report->float_ops.push_back(NodeLabel(g, n) + ": matches --keep-float");
      continue;
    }
    bool changed = false;
    for (int& v : n.inputs) {
      if (v < 0 || !g.values[static_cast<size_t>(v)].is_constant() || g.values[static_cast<size_t>(v)].type != tflite::TensorType_FLOAT32) continue;
      if (auto it = widened.find(v); it != widened.end()) {
        v = it->second;
        changed = true;
        continue;
      }
      const ir::Value& w = g.values[static_cast<size_t>(v)];
      const float* d = w.as<float>();
      std::vector<uint16_t> halves(static_cast<size_t>(w.elements()));
      for (size_t i = 0; i < halves.size(); ++i) halves[i] = FloatToHalf(d[i]);
      const std::string name = w.name;
      const ir::Dims shape = w.shape;
      const int half = g.AddConstant(name + "_fp16", tflite::TensorType_FLOAT16, shape, halves);
      const int wide = g.AddValue({.name = name, .type = tflite::TensorType_FLOAT32, .shape = shape});
      prologue.push_back({.op = tflite::BuiltinOperator_DEQUANTIZE, .inputs = {half}, .outputs = {wide}, .source = "quantizer"});
      ++report->dequantize_ops_added;
      widened[v] = wide;
      v = wide;
      changed = true;
    }
    report->quantized_ops += changed;
  }
  g.nodes.insert(g.nodes.begin(), prologue.begin(), prologue.end());
  return Status::Ok();
}

}  // namespace litescope::quant
