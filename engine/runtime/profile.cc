#include "engine/runtime/profile.h"

#include <algorithm>
#include <map>

namespace litescope {

int64_t NodeFlops(Subgraph& graph, const Node& node) {
  auto shape = [&](size_t i, bool output) -> const Shape& {
    int32_t t = output ? node.outputs[i] : node.inputs[i];
    static const Shape kNone;
    return t < 0 ? kNone : graph.tensor(t).shape;
  };
  if (node.inputs.size() < 2 || node.outputs.empty()) return 0;
  const Shape& out = shape(0, true);
  const Shape& w = shape(1, false);
  const int64_t out_elements = ElementCount(out);
  switch (node.op.builtin()) {
    case tflite::BuiltinOperator_CONV_2D:  // every output: k_h * k_w * filter depth MACs
      return w.size() == 4 ? 2 * out_elements * w[1] * w[2] * w[3] : 0;
    case tflite::BuiltinOperator_DEPTHWISE_CONV_2D:
      return w.size() == 4 ? 2 * out_elements * w[1] * w[2] : 0;
    case tflite::BuiltinOperator_FULLY_CONNECTED:
      return w.size() == 2 ? 2 * out_elements * w[1] : 0;
    case tflite::BuiltinOperator_TRANSPOSE_CONV: {  // inputs: output shape, weights, input
      const Shape& weights = shape(1, false);
      const Shape& in = node.inputs.size() > 2 ? shape(2, false) : Shape{};
      return weights.size() == 4 ? 2 * ElementCount(in) * weights[0] * weights[1] * weights[2] : 0;
    }
    case tflite::BuiltinOperator_BATCH_MATMUL: {
      const Shape& a = shape(0, false);
      if (a.empty() || out.empty()) return 0;
      const auto* o = node.op.fb().builtin_options_as_BatchMatMulOptions();
      int64_t k = (o && o->adj_x() && a.size() >= 2) ? a[a.size() - 2] : a.back();
      return 2 * out_elements * k;
    }
    default:
      return 0;
  }
}

Profile BuildProfile(Interpreter& interpreter, const std::vector<std::vector<std::chrono::nanoseconds>>& runs) {
  Profile p;
  Subgraph& main = interpreter.subgraph(0);
  for (size_t pos = 0; pos < main.nodes().size(); ++pos) {
    Node& node = main.nodes()[pos];
    std::string op = node.delegate.empty() ? node.op.name() : "DELEGATE:" + node.delegate;
    NodeProfile n{node.index, op, 0, node.delegate.empty() ? NodeFlops(main, node) : 0};
    for (const auto& run : runs) n.ms += std::chrono::duration<double, std::milli>(run[pos]).count();
    if (!runs.empty()) n.ms /= static_cast<double>(runs.size());
    p.total_ms += n.ms;
    p.nodes.push_back(std::move(n));
  }
  std::map<std::string, OpTypeProfile> by_op;
  for (const NodeProfile& n : p.nodes) {
    OpTypeProfile& o = by_op[n.op];
    o.op = n.op;
    o.count++;
    o.ms += n.ms;
    o.flops += n.flops;
  }
  for (auto& [name, o] : by_op) {
    o.percent = p.total_ms > 0 ? 100 * o.ms / p.total_ms : 0;
    p.by_op.push_back(o);
  }
  std::sort(p.by_op.begin(), p.by_op.end(), [](const auto& a, const auto& b) { return a.ms > b.ms; });
  return p;
}

}  // namespace litescope
