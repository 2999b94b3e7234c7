#include "converter/passes/fold_batch_norm.h"

#include <cstring>
#include <optional>

#include "converter/passes/pass_util.h"

namespace litescope {
namespace {

// Output channels of a folding candidate and the weight dimension they lie along.
std::optional<std::pair<int32_t, int>> Channels(const ir::Graph& g, const ir::Node& n) {
  if (n.inputs.size() < 2 || n.inputs[1] < 0 || n.outputs.size() != 1) return std::nullopt;
  const ir::Value& w = g.values[static_cast<size_t>(n.inputs[1])];
  if (!w.is_constant() || w.type != tflite::TensorType_FLOAT32 || !w.static_shape()) return std::nullopt;
  if (g.values[static_cast<size_t>(n.outputs[0])].type != tflite::TensorType_FLOAT32) return std::nullopt;
  if (n.inputs.size() > 2 && n.inputs[2] >= 0 && !g.values[static_cast<size_t>(n.inputs[2])].is_constant()) return std::nullopt;
  switch (n.op) {
    case tflite::BuiltinOperator_CONV_2D:
      return w.shape.size() == 4 ? std::optional(std::pair{w.shape[0], 0}) : std::nullopt;
    case tflite::BuiltinOperator_DEPTHWISE_CONV_2D:
      return w.shape.size() == 4 ? std::optional(std::pair{w.shape[3], 3}) : std::nullopt;
    case tflite::BuiltinOperator_FULLY_CONNECTED:
      return w.shape.size() == 2 ? std::optional(std::pair{w.shape[0], 0}) : std::nullopt;
    default:
      return std::nullopt;
  }
}

// The constant operand of a MUL/ADD/SUB as one float per channel (a single value broadcast), or
// nullopt when it is not a per-channel constant along the last dimension.
std::optional<std::vector<float>> PerChannel(const ir::Graph& g, const ir::Node& n, int x, int32_t channels) {
  if (n.inputs.size() != 2 || n.outputs.size() != 1) return std::nullopt;
  const int c = n.inputs[0] == x ? n.inputs[1] : n.inputs[1] == x ? n.inputs[0] : -1;
  if (c < 0 || (n.op == tflite::BuiltinOperator_SUB && n.inputs[0] != x)) return std::nullopt;
  const ir::Value& v = g.values[static_cast<size_t>(c)];
  if (!v.is_constant() || v.type != tflite::TensorType_FLOAT32 || !v.static_shape()) return std::nullopt;
  const int64_t count = v.elements();
  for (size_t d = 0; d + 1 < v.shape.size(); ++d)
    if (v.shape[d] != 1) return std::nullopt;
  if (count != 1 && (count != channels || v.shape.empty())) return std::nullopt;
  std::vector<float> out(static_cast<size_t>(channels));
  for (int32_t k = 0; k < channels; ++k) out[static_cast<size_t>(k)] = v.as<float>()[count == 1 ? 0 : k];
  return out;
}

bool NoActivation(ir::Node& n) {
  tflite::ActivationFunctionType* f = passes::FusedActivation(n);
  return f != nullptr && *f == tflite::ActivationFunctionType_NONE;
}

}  // namespace

int FoldBatchNorm(ir::Graph& g) {
  int folded = 0;
  bool changed = true;
  while (changed) {
    changed = false;
    const std::vector<std::vector<int>> consumers = g.Consumers();
    for (size_t i = 0; i < g.nodes.size() && !changed; ++i) {
      ir::Node& n = g.nodes[i];
      const std::optional<std::pair<int32_t, int>> ch = Channels(g, n);
      if (!ch || !NoActivation(n)) continue;
      const int y = n.outputs[0];
      if (!passes::OnlyFeeds(g, consumers, y)) continue;
      const size_t next = static_cast<size_t>(consumers[static_cast<size_t>(y)][0]);
      ir::Node& m = g.nodes[next];
      const bool scale = m.op == tflite::BuiltinOperator_MUL;
      const bool shift = m.op == tflite::BuiltinOperator_ADD || m.op == tflite::BuiltinOperator_SUB;
      if ((!scale && !shift) || !NoActivation(m)) continue;
      std::optional<std::vector<float>> k = PerChannel(g, m, y, ch->first);
      if (!k) continue;
      const int32_t channels = ch->first;
      // The bias, made if the op had none.
      std::vector<float> bias(static_cast<size_t>(channels), 0.0f);
      if (n.inputs.size() > 2 && n.inputs[2] >= 0)
        std::memcpy(bias.data(), g.values[static_cast<size_t>(n.inputs[2])].data->data(), bias.size() * 4);
      const std::string base = g.values[static_cast<size_t>(y)].name;
      if (scale) {
        const ir::Value& w = g.values[static_cast<size_t>(n.inputs[1])];
        std::vector<float> weights(static_cast<size_t>(w.elements()));
        std::memcpy(weights.data(), w.data->data(), weights.size() * 4);
        // Weights are [channels, rest] (dim 0) or [rest, channels] (dim 3 of depthwise).
        for (size_t e = 0; e < weights.size(); ++e)
          weights[e] *= (*k)[ch->second == 0 ? e / (weights.size() / static_cast<size_t>(channels)) : e % static_cast<size_t>(channels)];
        for (int32_t c = 0; c < channels; ++c) bias[static_cast<size_t>(c)] *= (*k)[static_cast<size_t>(c)];
        n.inputs[1] = g.AddConstant(base + "/folded_weights", tflite::TensorType_FLOAT32, w.shape, weights);
      } else {
        const float sign = m.op == tflite::BuiltinOperator_SUB ? -1.0f : 1.0f;
        for (int32_t c = 0; c < channels; ++c) bias[static_cast<size_t>(c)] += sign * (*k)[static_cast<size_t>(c)];
      }
      if (n.inputs.size() < 3) n.inputs.resize(3, -1);
      n.inputs[2] = g.AddConstant(base + "/folded_bias", tflite::TensorType_FLOAT32, {channels}, bias);
      n.outputs[0] = m.outputs[0];
      if (!m.source.empty()) n.source += " + " + m.source;
      g.nodes.erase(g.nodes.begin() + static_cast<std::ptrdiff_t>(next));
      ++folded;
      changed = true;
    }
  }
  return folded;
}

}  // namespace litescope
