#include "engine/runtime/memory_planner.h"

#include <gtest/gtest.h>

namespace litescope {
namespace {

bool Overlap(size_t a_off, size_t a_size, size_t b_off, size_t b_size) {
  return a_off < b_off + b_size && b_off < a_off + a_size;
}

TEST(MemoryPlanner, ChainReusesMemory) {
  // a -> b -> c -> d: each tensor lives from its producer to its consumer.
  std::vector<Allocation> a = {{1000, -1, 0}, {1000, 0, 1}, {1000, 1, 2}, {1000, 2, 3}};
  ArenaPlan plan = PlanArena(a);
  EXPECT_EQ(plan.naive_bytes, 4 * 1024u);
  EXPECT_EQ(plan.arena_bytes, 2 * 1024u);  // two live at a time
}

TEST(MemoryPlanner, LiveTensorsNeverShareBytes) {
  std::vector<Allocation> a;
  uint32_t state = 7;
  for (int i = 0; i < 200; ++i) {
    state = state * 1103515245u + 12345u;
    int first = static_cast<int>(state % 50) - 1;
    int last = first + static_cast<int>((state >> 8) % 10);
    a.push_back({static_cast<size_t>((state >> 16) % 5000 + 1), first, last});
  }
  ArenaPlan plan = PlanArena(a);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(plan.offsets[i] % kArenaAlignment, 0u);
    EXPECT_LE(plan.offsets[i] + a[i].bytes, plan.arena_bytes);
    for (size_t j = i + 1; j < a.size(); ++j) {
      bool live_together = a[i].first_use <= a[j].last_use && a[j].first_use <= a[i].last_use;
      if (live_together) {
        EXPECT_FALSE(Overlap(plan.offsets[i], a[i].bytes, plan.offsets[j], a[j].bytes)) << i << " and " << j;
      }
    }
  }
  EXPECT_LT(plan.arena_bytes, plan.naive_bytes);
}

TEST(MemoryPlanner, Empty) {
  ArenaPlan plan = PlanArena({});
  EXPECT_EQ(plan.arena_bytes, 0u);
}

}  // namespace
}  // namespace litescope
