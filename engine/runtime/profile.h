// Per-node and per-op-type profiles of the main subgraph, from Interpreter::node_times() over
// several invokes, with the floating point work of the ops whose cost is known.
//
//   Profile p = BuildProfile(interpreter, per_run_node_times);
//   for (const OpTypeProfile& op : p.by_op) printf("%s %.2f ms %.1f%%\n", ...);
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "engine/runtime/interpreter.h"

namespace litescope {

struct NodeProfile {
  int node = 0;
  std::string op;
  double ms = 0;        // mean over the runs
  int64_t flops = 0;    // multiply and add counted separately; 0 when unknown
};

struct OpTypeProfile {
  std::string op;
  int count = 0;
  double ms = 0;
  double percent = 0;
  int64_t flops = 0;
  double gflops_per_s() const { return ms > 0 ? static_cast<double>(flops) / (ms * 1e6) : 0; }
};

struct Profile {
  std::vector<NodeProfile> nodes;
  std::vector<OpTypeProfile> by_op;  // most time first
  double total_ms = 0;
};

// `runs` holds node_times() of each measured invoke.
Profile BuildProfile(Interpreter& interpreter, const std::vector<std::vector<std::chrono::nanoseconds>>& runs);

// Floating point operations of a node of the main subgraph at its current shapes (convolutions,
// fully connected, batch matmul); 0 for other ops.
int64_t NodeFlops(Subgraph& graph, const Node& node);

}  // namespace litescope
