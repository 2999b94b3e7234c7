#include "converter/passes/pass_util.h"

#include <cstring>

namespace litescope::passes {

std::optional<std::vector<int32_t>> ConstInts(const ir::Graph& g, int value) {
  if (value < 0) return std::nullopt;
  const ir::Value& v = g.values[static_cast<size_t>(value)];
  if (!v.is_constant()) return std::nullopt;
  std::vector<int32_t> out;
  if (v.type == tflite::TensorType_INT32) {
    out.resize(v.data->size() / 4);
    std::memcpy(out.data(), v.data->data(), out.size() * 4);
  } else if (v.type == tflite::TensorType_INT64) {
    for (size_t i = 0; i < v.data->size() / 8; ++i) {
      int64_t x;
      std::memcpy(&x, v.data->data() + i * 8, 8);
      out.push_back(static_cast<int32_t>(x));
    }
  } else {
    return std::nullopt;
  }
  return out;
}

bool OnlyFeeds(const ir::Graph& g, const std::vector<std::vector<int>>& consumers, int value) {
  if (consumers[static_cast<size_t>(value)].size() != 1) return false;
  for (int o : g.outputs)
    if (o == value) return false;
  return true;
}

tflite::ActivationFunctionType* FusedActivation(ir::Node& n) {
  tflite::BuiltinOptionsUnion& o = n.options;
  if (auto* p = o.AsConv2DOptions()) return &p->fused_activation_function;
  if (auto* p = o.AsDepthwiseConv2DOptions()) return &p->fused_activation_function;
  if (auto* p = o.AsFullyConnectedOptions()) return &p->fused_activation_function;
  if (auto* p = o.AsTransposeConvOptions()) return &p->fused_activation_function;
  if (auto* p = o.AsAddOptions()) return &p->fused_activation_function;
  if (auto* p = o.AsSubOptions()) return &p->fused_activation_function;
  if (auto* p = o.AsMulOptions()) return &p->fused_activation_function;
  if (auto* p = o.AsDivOptions()) return &p->fused_activation_function;
  if (auto* p = o.AsPool2DOptions()) return &p->fused_activation_function;
  if (auto* p = o.AsConcatenationOptions()) return &p->fused_activation_function;
  return nullptr;
}

void EraseNodes(ir::Graph& g, const std::vector<char>& dead) {
  std::vector<ir::Node> kept;
  kept.reserve(g.nodes.size());
  for (size_t i = 0; i < g.nodes.size(); ++i)
    if (!dead[i]) kept.push_back(std::move(g.nodes[i]));
  g.nodes = std::move(kept);
}

int PermConstant(ir::Graph& g, const std::vector<int32_t>& perm, const std::string& name) {
  return g.AddConstant(name, tflite::TensorType_INT32, {static_cast<int32_t>(perm.size())}, perm);
}

}  // namespace litescope::passes
