#include "converter/passes/fuse_activations.h"

#include <optional>

#include "converter/passes/pass_util.h"

namespace litescope {
namespace {

std::optional<tflite::ActivationFunctionType> ActivationOf(tflite::BuiltinOperator op) {
  switch (op) {
    case tflite::BuiltinOperator_RELU: return tflite::ActivationFunctionType_RELU;
    case tflite::BuiltinOperator_RELU6: return tflite::ActivationFunctionType_RELU6;
    case tflite::BuiltinOperator_RELU_N1_TO_1: return tflite::ActivationFunctionType_RELU_N1_TO_1;
    default: return std::nullopt;
  }
}

bool SameQuantization(const ir::Value& a, const ir::Value& b) {
  return a.type == b.type && a.quant.scale == b.quant.scale && a.quant.zero_point == b.quant.zero_point;
}

}  // namespace

int FuseActivations(ir::Graph& g) {
  const std::vector<int> producers = g.Producers();
  const std::vector<std::vector<int>> consumers = g.Consumers();
  std::vector<char> dead(g.nodes.size(), 0);
  int fused = 0;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    ir::Node& act = g.nodes[i];
    const std::optional<tflite::ActivationFunctionType> f = ActivationOf(act.op);
    if (!f || act.inputs.size() != 1 || act.inputs[0] < 0) continue;
    const int x = act.inputs[0];
    const int p = producers[static_cast<size_t>(x)];
    if (p < 0 || dead[static_cast<size_t>(p)] || !passes::OnlyFeeds(g, consumers, x)) continue;
    ir::Node& op = g.nodes[static_cast<size_t>(p)];
    tflite::ActivationFunctionType* field = passes::FusedActivation(op);
    if (field == nullptr || *field != tflite::ActivationFunctionType_NONE || op.outputs.size() != 1) continue;
    if (!SameQuantization(g.values[static_cast<size_t>(x)], g.values[static_cast<size_t>(act.outputs[0])])) continue;
    *field = *f;
    op.outputs[0] = act.outputs[0];
    if (!op.source.empty() && !act.source.empty()) op.source += " + " + act.source;
    dead[i] = 1;
    ++fused;
  }
  passes::EraseNodes(g, dead);
  return fused;
}

}  // namespace litescope
