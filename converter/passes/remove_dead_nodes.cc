#include "converter/passes/remove_dead_nodes.h"

#include "converter/passes/pass_util.h"

namespace litescope {
namespace {

bool HasEffects(const ir::Node& n) {
  switch (n.op) {
    case tflite::BuiltinOperator_ASSIGN_VARIABLE:
    case tflite::BuiltinOperator_CALL_ONCE:
    case tflite::BuiltinOperator_WHILE:
    case tflite::BuiltinOperator_IF:
    case tflite::BuiltinOperator_CUSTOM:
      return true;
    default:
      return false;
  }
}

}  // namespace

int RemoveDeadNodes(ir::Graph& g) {
  std::vector<char> live_value(g.values.size(), 0);
  for (int v : g.outputs) live_value[static_cast<size_t>(v)] = 1;
  std::vector<char> dead(g.nodes.size(), 0);
  int removed = 0;
  for (size_t i = g.nodes.size(); i-- > 0;) {
    const ir::Node& n = g.nodes[i];
    bool live = HasEffects(n);
    for (int v : n.outputs) live = live || live_value[static_cast<size_t>(v)];
    if (!live) {
      dead[i] = 1;
      ++removed;
      continue;
    }
    for (int v : n.inputs)
      if (v >= 0) live_value[static_cast<size_t>(v)] = 1;
  }
  if (removed) passes::EraseNodes(g, dead);
  return removed;
}

}  // namespace litescope
