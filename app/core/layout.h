// A layered (Sugiyama-style) drawing of a directed graph: ranks by longest path, long edges split
// into chains of dummy nodes, crossings reduced by barycentre sweeps (the order with the fewest
// crossings wins), and x positions that keep edges straight (a least-squares placement under
// minimum gaps, solved exactly by pool-adjacent-violators). Plain C++: the desktop view, the
// SVG/PNG export and the benchmark share it.
//
//   std::vector<LayoutNode> nodes = {{120, 40}, {120, 40}};
//   std::optional<GraphLayout> l = LayoutGraph(nodes, {{0, 1}}, {});
//   l->nodes[1].y > l->nodes[0].y   // top to bottom
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace litescope {

struct LayoutNode {
  double width = 0;
  double height = 0;
};

struct LayoutEdge {
  int from = 0;
  int to = 0;
};

struct Point {
  double x = 0;
  double y = 0;
};

enum class LayoutDirection { kTopToBottom, kLeftToRight };

struct LayoutOptions {
  LayoutDirection direction = LayoutDirection::kTopToBottom;
  double node_gap = 28;   // between neighbours in a rank
  double rank_gap = 44;   // between ranks (room for edge labels)
  double margin = 24;
  int sweeps = 6;         // crossing-reduction passes (each one down and one up)
  const std::atomic<bool>* cancel = nullptr;        // checked between phases
  std::function<void(double)> progress;             // 0..1
};

struct GraphLayout {
  std::vector<Point> nodes;               // centres
  std::vector<std::vector<Point>> edges;  // polyline from the source's border to the target's
  double width = 0;
  double height = 0;
  int ranks = 0;
  int dummies = 0;       // bend points added for edges that span several ranks
  long crossings = 0;    // edge crossings between neighbouring ranks in the final order
};

// Edges must index `nodes`; cycles are allowed (a back edge is laid out reversed). Returns nullopt
// when cancelled.
std::optional<GraphLayout> LayoutGraph(const std::vector<LayoutNode>& nodes, const std::vector<LayoutEdge>& edges,
                                       const LayoutOptions& options);

}  // namespace litescope
