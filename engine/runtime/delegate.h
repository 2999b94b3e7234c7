// Delegate API: how a back end (Vulkan GPU, a remote device, NNAPI) takes over parts of a
// graph. The back end says which nodes it supports; the partitioner groups supported nodes into
// partitions; each partition becomes one node whose kernel the back end provides. Back ends
// depend on this header only.
//
//   class MyGpu : public Delegate {
//     std::string name() const override { return "gpu"; }
//     bool Supports(const NodeInfo& n) const override { return n.op == tflite::BuiltinOperator_ADD; }
//     Result<std::unique_ptr<Kernel>> CreateKernel(const Partition& p) override { ... }
//   };
//   InterpreterOptions options;
//   options.delegates = {&gpu};
//   options.partitioning.min_nodes_per_partition = 2;
//   auto it = Interpreter::Create(model, BuiltinOps(), options);
//   it->node_placement();   // for every original node: "gpu" or "cpu"
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/runtime/kernel.h"

namespace litescope {

// What a delegate sees of a node when deciding whether it can run it: the op, its options and
// its tensors as prepared on the CPU (types and shapes known).
struct NodeInfo {
  int index;
  tflite::BuiltinOperator op;
  const OperatorView* view;
  std::vector<const Tensor*> inputs;   // nullptr for an omitted optional input
  std::vector<const Tensor*> outputs;
};

// A set of nodes that runs as one unit, in execution order, with the tensors it reads from
// outside (including constants) and the tensors it produces that are used outside.
struct Partition {
  std::vector<int> nodes;
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
};

struct PartitionOptions {
  int max_partitions = 0;           // keep the largest N partitions; 0: no limit
  int min_nodes_per_partition = 1;  // smaller groups stay on the CPU
};

class Delegate {
 public:
  virtual ~Delegate() = default;
  virtual std::string name() const = 0;
  virtual bool Supports(const NodeInfo& node) const = 0;
  // The kernel that runs the partition. Its OpContext inputs and outputs are the partition's,
  // in order; Prepare() sees their CPU-prepared shapes and must keep the output shapes.
  virtual Result<std::unique_ptr<Kernel>> CreateKernel(const Partition& partition, const std::vector<NodeInfo>& nodes) = 0;
};

// Groups the supported nodes (supported[i] for node i, nodes in execution order) into
// partitions of consecutive nodes, then applies the options. `node_inputs` / `node_outputs` are
// each node's tensors; `graph_outputs` are the subgraph's outputs.
std::vector<Partition> PartitionNodes(const std::vector<bool>& supported,
                                      const std::vector<std::vector<int32_t>>& node_inputs,
                                      const std::vector<std::vector<int32_t>>& node_outputs,
                                      const std::vector<int32_t>& graph_outputs, const PartitionOptions& options);

}  // namespace litescope
