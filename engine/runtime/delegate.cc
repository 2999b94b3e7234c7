#include "engine/runtime/delegate.h"

#include <algorithm>
#include <set>

namespace litescope {

std::vector<Partition> PartitionNodes(const std::vector<bool>& supported,
                                      const std::vector<std::vector<int32_t>>& node_inputs,
                                      const std::vector<std::vector<int32_t>>& node_outputs,
                                      const std::vector<int32_t>& graph_outputs, const PartitionOptions& options) {
  // Runs of consecutive supported nodes: replacing a run of a topologically ordered node list
  // by one node keeps the order valid, so no partition can create a cycle.
  std::vector<Partition> partitions;
  for (size_t i = 0; i < supported.size(); ++i) {
    if (!supported[i]) continue;
    if (partitions.empty() || partitions.back().nodes.back() != static_cast<int>(i) - 1) partitions.emplace_back();
    partitions.back().nodes.push_back(static_cast<int>(i));
  }
  std::erase_if(partitions, [&](const Partition& p) {
    return static_cast<int>(p.nodes.size()) < std::max(1, options.min_nodes_per_partition);
  });
  if (options.max_partitions > 0 && static_cast<int>(partitions.size()) > options.max_partitions) {
    std::stable_sort(partitions.begin(), partitions.end(),
                     [](const Partition& a, const Partition& b) { return a.nodes.size() > b.nodes.size(); });
    partitions.resize(static_cast<size_t>(options.max_partitions));
    std::sort(partitions.begin(), partitions.end(),
              [](const Partition& a, const Partition& b) { return a.nodes.front() < b.nodes.front(); });
  }
  const std::set<int32_t> graph_out(graph_outputs.begin(), graph_outputs.end());
  for (Partition& p : partitions) {
    std::set<int32_t> produced;
    for (int n : p.nodes) {
      for (int32_t t : node_inputs[static_cast<size_t>(n)]) {
        bool seen = std::find(p.inputs.begin(), p.inputs.end(), t) != p.inputs.end();
        if (t >= 0 && !produced.count(t) && !seen) p.inputs.push_back(t);
      }
      for (int32_t t : node_outputs[static_cast<size_t>(n)]) produced.insert(t);
    }
    // Outputs: produced here and read after the partition or by the caller.
    std::set<int32_t> used_outside(graph_out);
    for (size_t n = 0; n < node_inputs.size(); ++n) {
      if (std::find(p.nodes.begin(), p.nodes.end(), static_cast<int>(n)) != p.nodes.end()) continue;
      used_outside.insert(node_inputs[n].begin(), node_inputs[n].end());
    }
    for (int n : p.nodes) {
      for (int32_t t : node_outputs[static_cast<size_t>(n)]) {
        if (used_outside.count(t)) p.outputs.push_back(t);
      }
    }
  }
  return partitions;
}

}  // namespace litescope
