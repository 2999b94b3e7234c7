// The layered layout: ranks follow the edges, nodes in a rank never overlap, edges run from the
// source's border to the target's, crossings that an order can avoid are avoided, cycles and
// cancellation are handled.
#include "app/core/layout.h"

#include <gtest/gtest.h>

#include <random>

namespace litescope {
namespace {

std::vector<LayoutNode> Boxes(int n, double width = 100, double height = 40) {
  return std::vector<LayoutNode>(static_cast<size_t>(n), LayoutNode{width, height});
}

TEST(Layout, ChainRunsStraightDown) {
  std::optional<GraphLayout> l = LayoutGraph(Boxes(4), {{0, 1}, {1, 2}, {2, 3}}, {});
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(l->ranks, 4);
  EXPECT_EQ(l->dummies, 0);
  for (int i = 1; i < 4; ++i) {
    EXPECT_GT(l->nodes[static_cast<size_t>(i)].y, l->nodes[static_cast<size_t>(i - 1)].y);
    EXPECT_DOUBLE_EQ(l->nodes[static_cast<size_t>(i)].x, l->nodes[0].x);
  }
  // The first edge leaves node 0's bottom border and enters node 1's top border.
  EXPECT_DOUBLE_EQ(l->edges[0].front().y, l->nodes[0].y + 20);
  EXPECT_DOUBLE_EQ(l->edges[0].back().y, l->nodes[1].y - 20);
}

TEST(Layout, AvoidableCrossingsAreRemoved) {
  // 0 -> 3, 1 -> 2 in the first order crosses; the sweeps swap 2 and 3.
  std::optional<GraphLayout> l = LayoutGraph(Boxes(4), {{0, 3}, {1, 2}}, {});
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(l->crossings, 0);
  EXPECT_EQ(l->nodes[0].x < l->nodes[1].x, l->nodes[3].x < l->nodes[2].x);
}

TEST(Layout, RandomDagsKeepRanksAndGaps) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 20; ++trial) {
    const int n = 20 + trial * 10;
    std::vector<LayoutEdge> edges;
    for (int v = 1; v < n; ++v) {
      const int fan_in = 1 + static_cast<int>(rng() % 3);
      for (int k = 0; k < fan_in; ++k) edges.push_back({static_cast<int>(rng() % static_cast<unsigned>(v)), v});
    }
    LayoutOptions o;
    std::optional<GraphLayout> l = LayoutGraph(Boxes(n, 80, 30), edges, o);
    ASSERT_TRUE(l.has_value());
    for (const LayoutEdge& e : edges) EXPECT_LT(l->nodes[static_cast<size_t>(e.from)].y, l->nodes[static_cast<size_t>(e.to)].y);
    for (int a = 0; a < n; ++a) {
      for (int b = a + 1; b < n; ++b) {
        if (l->nodes[static_cast<size_t>(a)].y != l->nodes[static_cast<size_t>(b)].y) continue;
        EXPECT_GE(std::abs(l->nodes[static_cast<size_t>(a)].x - l->nodes[static_cast<size_t>(b)].x), 80 + o.node_gap - 1e-6)
            << "nodes " << a << " and " << b << " overlap in trial " << trial;
      }
    }
    for (size_t i = 0; i < edges.size(); ++i) {
      const std::vector<Point>& pts = l->edges[i];
      ASSERT_GE(pts.size(), 2u);
      for (size_t k = 1; k < pts.size(); ++k) EXPECT_GE(pts[k].y, pts[k - 1].y);  // always downwards
    }
    for (const Point& p : l->nodes) {
      EXPECT_GE(p.x - 40, 0);
      EXPECT_LE(p.x + 40, l->width);
      EXPECT_LE(p.y + 15, l->height);
    }
  }
}

TEST(Layout, LongEdgesGetBendPoints) {
  // 0 -> 1 -> 2 -> 3 and 0 -> 3: the long edge passes ranks 1 and 2 through two dummies.
  std::optional<GraphLayout> l = LayoutGraph(Boxes(4), {{0, 1}, {1, 2}, {2, 3}, {0, 3}}, {});
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(l->dummies, 2);
  EXPECT_EQ(l->edges[3].size(), 2u + 2 * 2);  // two points per dummy: through the rank's band
}

TEST(Layout, CyclesAreLaidOut) {
  std::optional<GraphLayout> l = LayoutGraph(Boxes(3), {{0, 1}, {1, 2}, {2, 0}, {1, 1}}, {});
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(l->edges[2].size(), 2u + 2);          // the back edge, reversed, still ends at node 0
  EXPECT_DOUBLE_EQ(l->edges[2].back().y, l->nodes[0].y + 20);
  EXPECT_TRUE(l->edges[3].empty());               // a self loop is not drawn
}

TEST(Layout, LeftToRightSwapsAxes) {
  LayoutOptions o;
  o.direction = LayoutDirection::kLeftToRight;
  std::optional<GraphLayout> l = LayoutGraph(Boxes(2, 100, 40), {{0, 1}}, o);
  ASSERT_TRUE(l.has_value());
  EXPECT_GT(l->nodes[1].x, l->nodes[0].x);
  EXPECT_DOUBLE_EQ(l->nodes[1].y, l->nodes[0].y);
  EXPECT_DOUBLE_EQ(l->edges[0].front().x, l->nodes[0].x + 50);
}

TEST(Layout, CancelStopsIt) {
  std::atomic<bool> cancel{true};
  LayoutOptions o;
  o.cancel = &cancel;
  EXPECT_FALSE(LayoutGraph(Boxes(3), {{0, 1}, {1, 2}}, o).has_value());
}

TEST(Layout, EmptyGraph) {
  std::optional<GraphLayout> l = LayoutGraph({}, {}, {});
  ASSERT_TRUE(l.has_value());
  EXPECT_TRUE(l->nodes.empty());
  EXPECT_GT(l->width, 0);
}

}  // namespace
}  // namespace litescope
