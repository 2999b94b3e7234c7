#include "quantization/compare/debugger.h"

#include <algorithm>
#include <map>

#include "quantization/dataset/real_values.h"

namespace litescope {
namespace {

bool IsQuantizeOp(tflite::BuiltinOperator op) {
  return op == tflite::BuiltinOperator_QUANTIZE || op == tflite::BuiltinOperator_DEQUANTIZE;
}

Shape ShapeOf(const TensorView& t) { return Shape(t.shape().begin(), t.shape().end()); }

bool Comparable(tflite::TensorType t) {
  return t == tflite::TensorType_FLOAT32 || t == tflite::TensorType_INT8 || t == tflite::TensorType_UINT8 ||
         t == tflite::TensorType_INT16;
}

}  // namespace

std::vector<OperatorView> ComputeOps(const Model& model) {
  std::vector<OperatorView> ops;
  for (const OperatorView& op : model.subgraph(0).operators()) {
    if (!IsQuantizeOp(op.builtin())) ops.push_back(op);
  }
  return ops;
}

LayerDebugger LayerDebugger::Match(const Model& float_model, const Model& quant_model) {
  LayerDebugger d;
  const SubgraphView fg = float_model.subgraph(0), qg = quant_model.subgraph(0);
  const std::vector<OperatorView> fops = ComputeOps(float_model), qops = ComputeOps(quant_model);
  std::map<std::string, int, std::less<>> float_by_name;  // float activations (operator outputs)
  for (const OperatorView& op : fg.operators()) {
    for (int32_t t : op.outputs()) {
      if (t >= 0) float_by_name.emplace(std::string(fg.tensor(t).name()), t);
    }
  }
  for (size_t k = 0; k < qops.size(); ++k) {
    const OperatorView& op = qops[k];
    const auto outputs = op.outputs();
    for (size_t j = 0; j < outputs.size(); ++j) {
      if (outputs[j] < 0) continue;
      const TensorView qt = qg.tensor(outputs[j]);
      const std::string label = std::string(qt.name()) + " (" + op.name() + " #" + std::to_string(op.index()) + ")";
      if (qt.is_constant() || !Comparable(qt.type())) continue;
      Pair p;
      p.layer.name = std::string(qt.name());
      p.layer.op = op.name();
      p.layer.op_index = op.index();
      p.layer.shape = ShapeOf(qt);
      p.layer.elements = ElementCount(p.layer.shape);
      const QuantizationView q = qt.quantization();
      if (qt.type() != tflite::TensorType_FLOAT32 && q.scale.size() == 1) p.layer.scale = q.scale[0];
      p.quant_tensor = outputs[j];
      auto named = float_by_name.find(p.layer.name);
      if (named != float_by_name.end() && ShapeOf(fg.tensor(named->second)) == p.layer.shape) {
        p.float_tensor = named->second;
        p.layer.matched_by = "name";
      } else if (k < fops.size() && fops[k].builtin() == op.builtin() && j < fops[k].outputs().size() &&
                 fops[k].outputs()[j] >= 0 && ShapeOf(fg.tensor(fops[k].outputs()[j])) == p.layer.shape) {
        p.float_tensor = fops[k].outputs()[j];
        p.layer.matched_by = "position";
      } else {
        d.unmatched_.push_back(label + ": no float tensor of that name, and float operator " + std::to_string(k) +
                               (k < fops.size() ? " is " + fops[k].name() + " with other outputs" : " does not exist"));
        continue;
      }
      p.layer.float_name = std::string(fg.tensor(p.float_tensor).name());
      d.pairs_.push_back(std::move(p));
    }
  }
  return d;
}

void LayerDebugger::Add(const Interpreter& float_it, const Interpreter& quant_it) {
  for (Pair& p : pairs_) {
    std::optional<std::vector<float>> f = RealValues(*float_it.tensor(p.float_tensor));
    std::optional<std::vector<float>> q = RealValues(*quant_it.tensor(p.quant_tensor));
    if (!f || !q || f->size() != q->size()) continue;  // not kept (a delegate ran it) or resized
    p.acc.Add(*f, *q);
  }
}

std::vector<LayerComparison> LayerDebugger::Layers() const {
  std::vector<LayerComparison> layers;
  for (const Pair& p : pairs_) {
    LayerComparison l = p.layer;
    l.error = p.acc.Metrics();
    if (l.scale > 0) l.rmse_over_scale = l.error.rmse / l.scale;
    l.flagged = l.rmse_over_scale > kFlagRmseOverScale;
    layers.push_back(std::move(l));
  }
  std::stable_sort(layers.begin(), layers.end(), [](const LayerComparison& a, const LayerComparison& b) {
    if ((a.scale > 0) != (b.scale > 0)) return a.scale > 0;
    return a.scale > 0 ? a.rmse_over_scale > b.rmse_over_scale : a.error.rmse > b.error.rmse;
  });
  return layers;
}

}  // namespace litescope
