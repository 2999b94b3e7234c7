#include "engine/runtime/memory_planner.h"

#include <algorithm>
#include <numeric>

namespace litescope {
namespace {

size_t Align(size_t v) { return (v + kArenaAlignment - 1) / kArenaAlignment * kArenaAlignment; }

bool LifetimesOverlap(const Allocation& a, const Allocation& b) {
  return a.first_use <= b.last_use && b.first_use <= a.last_use;
}

}  // namespace

ArenaPlan PlanArena(const std::vector<Allocation>& allocations) {
  ArenaPlan plan;
  plan.offsets.assign(allocations.size(), 0);
  std::vector<size_t> order(allocations.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return allocations[a].bytes > allocations[b].bytes; });
  std::vector<size_t> placed;  // indices already placed, kept sorted by offset
  for (size_t i : order) {
    const Allocation& a = allocations[i];
    size_t size = Align(a.bytes);
    plan.naive_bytes += size;
    size_t offset = 0;
    for (size_t p : placed) {  // first gap between live neighbours that fits
      const Allocation& other = allocations[p];
      if (!LifetimesOverlap(a, other)) continue;
      size_t other_end = plan.offsets[p] + Align(other.bytes);
      if (plan.offsets[p] >= offset + size) break;
      offset = std::max(offset, other_end);
    }
    plan.offsets[i] = offset;
    plan.arena_bytes = std::max(plan.arena_bytes, offset + size);
    placed.insert(std::upper_bound(placed.begin(), placed.end(), i,
                                   [&](size_t x, size_t y) { return plan.offsets[x] < plan.offsets[y]; }),
                  i);
  }
  return plan;
}

}  // namespace litescope
