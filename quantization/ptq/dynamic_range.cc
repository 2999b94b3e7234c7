// Dynamic-range quantization: the constant weights of ops with hybrid kernels become symmetric
// int8 (per output channel for convolutions); activations stay float and the kernels quantize
// them on the fly, asymmetrically where the op has that option (as TFLite's converter does).
#include <cstring>

#include "quantization/ptq/modes.h"
#include "quantization/ptq/op_rules.h"
#include "quantization/ptq/quant_params.h"

namespace litescope::quant {
namespace {

void AskAsymmetricInputs(ir::Node& n) {
  if (auto* o = n.options.AsFullyConnectedOptions()) o->asymmetric_quantize_inputs = true;
  if (auto* o = n.options.AsBatchMatMulOptions()) o->asymmetric_quantize_inputs = true;
  if (auto* o = n.options.AsSVDFOptions()) o->asymmetric_quantize_inputs = true;
  if (auto* o = n.options.AsUnidirectionalSequenceLSTMOptions()) o->asymmetric_quantize_inputs = true;
}

}  // namespace

Status QuantizeDynamicRange(ir::Model& model, const QuantizeOptions& options, const std::regex* keep_float,
                            QuantizeReport* report) {
  ir::Graph& g = model.main();
  for (ir::Node& n : g.nodes) {
    const HybridRule* rule = FindHybridRule(n.op);
    if (rule == nullptr) continue;
    if (KeptFloat(g, n, keep_float)) {
      report->float_ops.push_back(NodeLabel(g, n) + ": matches --keep-float");
      continue;
    }
    int changed = 0;
    for (int at : rule->weights) {
      if (at >= static_cast<int>(n.inputs.size()) || n.inputs[static_cast<size_t>(at)] < 0) continue;
      const ir::Value& w = g.values[static_cast<size_t>(n.inputs[static_cast<size_t>(at)])];
      if (!w.is_constant() || w.type != tflite::TensorType_FLOAT32) continue;
      if (w.elements() < options.min_weight_elements) {
        report->float_ops.push_back(NodeLabel(g, n) + ": weights " + w.name + " have " + std::to_string(w.elements()) +
                                    " elements, fewer than " + std::to_string(options.min_weight_elements));
        continue;
      }
      const int axis = options.per_channel && rule->channel_axis < static_cast<int>(w.shape.size()) ? rule->channel_axis : -1;
      QuantizedWeights q = QuantizeWeights(w.as<float>(), w.shape, axis);
      const int id = AddQuantizedConstantLike(g, n.inputs[static_cast<size_t>(at)], tflite::TensorType_INT8, Int8Bytes(q.values),
                                              std::move(q.params));
      n.inputs[static_cast<size_t>(at)] = id;
      ++changed;
    }
    if (changed == 0) continue;
    AskAsymmetricInputs(n);
    ++report->quantized_ops;
  }
  return Status::Ok();
}

}  // namespace litescope::quant
