// MemoryPlanner: places tensors with known lifetimes in one arena so that tensors whose
// lifetimes do not overlap share memory (greedy by size: the largest tensor is placed first, each
// at the lowest offset free for its whole lifetime).
//
//   std::vector<Allocation> a = {{bytes, first_node, last_node}, ...};
//   ArenaPlan plan = PlanArena(a);   // plan.offsets[i], plan.arena_bytes, plan.naive_bytes
#pragma once

#include <cstddef>
#include <vector>

namespace litescope {

struct Allocation {
  size_t bytes;
  int first_use;  // node index that writes it first (-1: before the first node)
  int last_use;   // node index that reads it last
};

struct ArenaPlan {
  std::vector<size_t> offsets;
  size_t arena_bytes = 0;
  size_t naive_bytes = 0;  // the sum of all allocations (no reuse), for comparison
};

inline constexpr size_t kArenaAlignment = 64;

ArenaPlan PlanArena(const std::vector<Allocation>& allocations);

}  // namespace litescope
