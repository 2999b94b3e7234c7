#include "app/core/runtime_estimate.h"

#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"
#include "engine/runtime/profile.h"

namespace litescope {

Result<RuntimeEstimate> EstimateRuntime(const Model& model) {
  // Creating the interpreter prepares every kernel and plans the arena; nothing runs.
  Result<std::unique_ptr<Interpreter>> created = Interpreter::Create(model, BuiltinOps(), {.threads = 1});
  if (!created.ok()) return created.status();
  Interpreter& it = **created;
  RuntimeEstimate e;
  e.arena_bytes = it.arena_bytes();
  e.naive_bytes = it.naive_bytes();
  Subgraph& main = it.subgraph(0);
  for (const Node& node : main.nodes()) {
    const int64_t macs = NodeFlops(main, node) / 2;
    if (macs == 0) continue;
    e.macs_by_op[node.op.name()] += macs;
    e.macs_total += macs;
  }
  return e;
}

}  // namespace litescope
