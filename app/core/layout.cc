#include "app/core/layout.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <utility>

namespace litescope {
namespace {

constexpr double kDummyWidth = 8;
constexpr double kDummyWeight = 4;  // long edges pull harder, so they stay straight

// The graph with long edges split: virtual nodes are the real nodes first, then the dummies.
struct Layered {
  std::vector<int> rank;
  std::vector<double> width;
  std::vector<std::vector<int>> up;    // neighbours one rank above
  std::vector<std::vector<int>> down;  // neighbours one rank below
  std::vector<std::vector<int>> layers;
  std::vector<int> pos;                // index in its layer
  std::vector<double> x;
  std::vector<std::vector<int>> chains;  // per edge: source .. dummies .. target, in rank order
  std::vector<bool> reversed;            // per edge: laid out target -> source (a back edge)
  int real = 0;

  bool dummy(int v) const { return v >= real; }
};

// Kahn's order; a cycle is broken at its lowest-index node.
std::vector<int> TopologicalIndex(int n, const std::vector<LayoutEdge>& edges) {
  std::vector<int> indegree(static_cast<size_t>(n), 0);
  std::vector<std::vector<int>> out(static_cast<size_t>(n));
  for (const LayoutEdge& e : edges) {
    if (e.from == e.to) continue;
    out[static_cast<size_t>(e.from)].push_back(e.to);
    ++indegree[static_cast<size_t>(e.to)];
  }
  std::vector<int> index(static_cast<size_t>(n), -1);
  std::vector<int> queue;
  queue.reserve(static_cast<size_t>(n));
  for (int v = 0; v < n; ++v)
    if (indegree[static_cast<size_t>(v)] == 0) queue.push_back(v);
  size_t head = 0;
  int next = 0;
  int lowest_unplaced = 0;
  while (next < n) {
    if (head == queue.size()) {  // only cycles are left
      while (index[static_cast<size_t>(lowest_unplaced)] >= 0 ||
             indegree[static_cast<size_t>(lowest_unplaced)] < 0)
        ++lowest_unplaced;
      queue.push_back(lowest_unplaced);
      indegree[static_cast<size_t>(lowest_unplaced)] = 0;
    }
    const int v = queue[head++];
    if (index[static_cast<size_t>(v)] >= 0) continue;
    index[static_cast<size_t>(v)] = next++;
    indegree[static_cast<size_t>(v)] = -1;
    for (int w : out[static_cast<size_t>(v)])
      if (indegree[static_cast<size_t>(w)] > 0 && --indegree[static_cast<size_t>(w)] == 0) queue.push_back(w);
  }
  return index;
}

// Longest path from the sources; then every source moves down next to its first consumer, so an
// input or a constant used deep in the graph does not drag a long edge from the top.
std::vector<int> Ranks(int n, const std::vector<LayoutEdge>& edges, const std::vector<int>& topo,
                       std::vector<bool>& reversed) {
  std::vector<int> order(static_cast<size_t>(n));
  for (int v = 0; v < n; ++v) order[static_cast<size_t>(topo[static_cast<size_t>(v)])] = v;
  std::vector<std::vector<int>> in(static_cast<size_t>(n)), out(static_cast<size_t>(n));
  reversed.assign(edges.size(), false);
  for (size_t i = 0; i < edges.size(); ++i) {
    int a = edges[i].from, b = edges[i].to;
    if (a == b) continue;
    if (topo[static_cast<size_t>(a)] > topo[static_cast<size_t>(b)]) {
      std::swap(a, b);
      reversed[i] = true;
    }
    in[static_cast<size_t>(b)].push_back(a);
    out[static_cast<size_t>(a)].push_back(b);
  }
  std::vector<int> rank(static_cast<size_t>(n), 0);
  for (int v : order)
    for (int u : in[static_cast<size_t>(v)])
      rank[static_cast<size_t>(v)] = std::max(rank[static_cast<size_t>(v)], rank[static_cast<size_t>(u)] + 1);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const int v = *it;
    if (!in[static_cast<size_t>(v)].empty() || out[static_cast<size_t>(v)].empty()) continue;
    int lowest = std::numeric_limits<int>::max();
    for (int w : out[static_cast<size_t>(v)]) lowest = std::min(lowest, rank[static_cast<size_t>(w)]);
    rank[static_cast<size_t>(v)] = lowest - 1;
  }
  return rank;
}

Layered Build(const std::vector<LayoutNode>& nodes, const std::vector<LayoutEdge>& edges) {
  Layered l;
  const int n = static_cast<int>(nodes.size());
  l.real = n;
  const std::vector<int> topo = TopologicalIndex(n, edges);
  l.rank = Ranks(n, edges, topo, l.reversed);
  for (const LayoutNode& node : nodes) l.width.push_back(node.width);
  l.up.resize(static_cast<size_t>(n));
  l.down.resize(static_cast<size_t>(n));
  l.chains.resize(edges.size());
  auto add = [&](int rank) {
    l.rank.push_back(rank);
    l.width.push_back(kDummyWidth);
    l.up.emplace_back();
    l.down.emplace_back();
    return static_cast<int>(l.rank.size()) - 1;
  };
  for (size_t i = 0; i < edges.size(); ++i) {
    int a = edges[i].from, b = edges[i].to;
    if (a == b) continue;
    if (l.reversed[i]) std::swap(a, b);
    std::vector<int>& chain = l.chains[i];
    chain.push_back(a);
    for (int r = l.rank[static_cast<size_t>(a)] + 1; r < l.rank[static_cast<size_t>(b)]; ++r) chain.push_back(add(r));
    chain.push_back(b);
    for (size_t k = 0; k + 1 < chain.size(); ++k) {
      l.down[static_cast<size_t>(chain[k])].push_back(chain[k + 1]);
      l.up[static_cast<size_t>(chain[k + 1])].push_back(chain[k]);
    }
  }
  // First order: real nodes in topological order, each edge's dummies right after its source.
  int ranks = 0;
  for (int r : l.rank) ranks = std::max(ranks, r + 1);
  l.layers.resize(static_cast<size_t>(ranks));
  std::vector<int> order(static_cast<size_t>(n));
  for (int v = 0; v < n; ++v) order[static_cast<size_t>(topo[static_cast<size_t>(v)])] = v;
  std::vector<std::vector<int>> chains_from(static_cast<size_t>(n));
  for (size_t i = 0; i < edges.size(); ++i)
    if (l.chains[i].size() > 2) chains_from[static_cast<size_t>(l.chains[i].front())].push_back(static_cast<int>(i));
  l.pos.assign(l.rank.size(), 0);
  auto place = [&](int v) {
    std::vector<int>& layer = l.layers[static_cast<size_t>(l.rank[static_cast<size_t>(v)])];
    l.pos[static_cast<size_t>(v)] = static_cast<int>(layer.size());
    layer.push_back(v);
  };
  for (int v : order) {
    place(v);
    for (int e : chains_from[static_cast<size_t>(v)]) {
      const std::vector<int>& chain = l.chains[static_cast<size_t>(e)];
      for (size_t k = 1; k + 1 < chain.size(); ++k) place(chain[k]);
    }
  }
  return l;
}

// Sorts a layer by the mean position of each node's neighbours in the adjacent layer; a node
// without neighbours keeps its place.
void Reorder(Layered& l, std::vector<int>& layer, const std::vector<std::vector<int>>& neighbours) {
  std::vector<std::pair<double, int>> keyed;
  keyed.reserve(layer.size());
  for (int v : layer) {
    const std::vector<int>& nb = neighbours[static_cast<size_t>(v)];
    double key = l.pos[static_cast<size_t>(v)];
    if (!nb.empty()) {
      double sum = 0;
      for (int u : nb) sum += l.pos[static_cast<size_t>(u)];
      key = sum / static_cast<double>(nb.size());
    }
    keyed.emplace_back(key, v);
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < keyed.size(); ++i) {
    layer[i] = keyed[i].second;
    l.pos[static_cast<size_t>(layer[i])] = static_cast<int>(i);
  }
}

// Crossings between each pair of neighbouring layers: inversions of the lower ends of the edges
// sorted by their upper ends, counted with a Fenwick tree.
long Crossings(const Layered& l) {
  long total = 0;
  std::vector<std::pair<int, int>> ends;
  std::vector<int> tree;
  for (size_t r = 0; r + 1 < l.layers.size(); ++r) {
    ends.clear();
    for (int u : l.layers[r])
      for (int v : l.down[static_cast<size_t>(u)]) ends.emplace_back(l.pos[static_cast<size_t>(u)], l.pos[static_cast<size_t>(v)]);
    std::sort(ends.begin(), ends.end());
    const size_t size = l.layers[r + 1].size();
    tree.assign(size + 1, 0);
    long seen = 0;
    for (const auto& [upper, lower] : ends) {
      long not_greater = 0;
      for (size_t i = static_cast<size_t>(lower) + 1; i > 0; i -= i & (~i + 1)) not_greater += tree[i];
      total += seen - not_greater;
      for (size_t i = static_cast<size_t>(lower) + 1; i <= size; i += i & (~i + 1)) ++tree[i];
      ++seen;
    }
  }
  return total;
}

// Places one layer as close as possible (weighted least squares) to where its neighbours pull
// each node, keeping the order and the minimum gaps. With offsets o_i of the tightest packing,
// y_i = x_i - o_i must not decrease: an isotonic regression, solved by pooling adjacent violators.
void Place(Layered& l, const std::vector<int>& layer, const std::vector<std::vector<int>>* a,
           const std::vector<std::vector<int>>* b, double gap) {
  struct Block {
    double weight, weighted_sum;
    size_t first;
  };
  std::vector<Block> blocks;
  std::vector<double> offset(layer.size(), 0);
  for (size_t i = 0; i < layer.size(); ++i) {
    const int v = layer[i];
    if (i > 0) {
      const int u = layer[i - 1];
      const double g = l.dummy(u) && l.dummy(v) ? gap / 3 : gap;
      offset[i] = offset[i - 1] + (l.width[static_cast<size_t>(u)] + l.width[static_cast<size_t>(v)]) / 2 + g;
    }
    double sum = 0;
    size_t count = 0;
    for (const auto* nbs : {a, b}) {
      if (nbs == nullptr) continue;
      for (int u : (*nbs)[static_cast<size_t>(v)]) sum += l.x[static_cast<size_t>(u)];
      count += (*nbs)[static_cast<size_t>(v)].size();
    }
    const double desired = count ? sum / static_cast<double>(count) : l.x[static_cast<size_t>(v)];
    const double weight = l.dummy(v) ? kDummyWeight : 1;
    blocks.push_back({weight, weight * (desired - offset[i]), i});
    while (blocks.size() > 1) {
      Block& top = blocks.back();
      Block& below = blocks[blocks.size() - 2];
      if (below.weighted_sum / below.weight <= top.weighted_sum / top.weight) break;
      below.weight += top.weight;
      below.weighted_sum += top.weighted_sum;
      blocks.pop_back();
    }
  }
  for (size_t k = 0; k < blocks.size(); ++k) {
    const size_t end = k + 1 < blocks.size() ? blocks[k + 1].first : layer.size();
    const double y = blocks[k].weighted_sum / blocks[k].weight;
    for (size_t i = blocks[k].first; i < end; ++i) l.x[static_cast<size_t>(layer[i])] = y + offset[i];
  }
}

bool Cancelled(const LayoutOptions& o) { return o.cancel != nullptr && o.cancel->load(std::memory_order_relaxed); }

void Progress(const LayoutOptions& o, double value) {
  if (o.progress) o.progress(value);
}

std::optional<GraphLayout> LayoutTopToBottom(const std::vector<LayoutNode>& nodes,
                                             const std::vector<LayoutEdge>& edges, const LayoutOptions& o) {
  Layered l = Build(nodes, edges);
  Progress(o, 0.15);
  if (Cancelled(o)) return std::nullopt;

  // Crossing reduction; keep the best order seen.
  std::vector<std::vector<int>> best = l.layers;
  long best_crossings = Crossings(l);
  for (int s = 0; s < o.sweeps && best_crossings > 0; ++s) {
    for (size_t r = 1; r < l.layers.size(); ++r) Reorder(l, l.layers[r], l.up);
    for (size_t r = l.layers.size(); r-- > 1;) Reorder(l, l.layers[r - 1], l.down);
    const long c = Crossings(l);
    if (c < best_crossings) {
      best_crossings = c;
      best = l.layers;
    }
    Progress(o, 0.15 + 0.5 * (s + 1) / o.sweeps);
    if (Cancelled(o)) return std::nullopt;
  }
  l.layers = std::move(best);
  for (const std::vector<int>& layer : l.layers)
    for (size_t i = 0; i < layer.size(); ++i) l.pos[static_cast<size_t>(layer[i])] = static_cast<int>(i);

  // Coordinates: packed, then pulled towards the neighbours above, below, and both.
  l.x.assign(l.rank.size(), 0);
  for (const std::vector<int>& layer : l.layers) Place(l, layer, nullptr, nullptr, o.node_gap);
  for (int pass = 0; pass < 8; ++pass) {
    if (pass % 2 == 0)
      for (size_t r = 1; r < l.layers.size(); ++r) Place(l, l.layers[r], &l.up, nullptr, o.node_gap);
    else
      for (size_t r = l.layers.size(); r-- > 1;) Place(l, l.layers[r - 1], &l.down, nullptr, o.node_gap);
  }
  for (const std::vector<int>& layer : l.layers) Place(l, layer, &l.up, &l.down, o.node_gap);
  Progress(o, 0.9);
  if (Cancelled(o)) return std::nullopt;

  // Ranks stack downwards, each as tall as its tallest node.
  std::vector<double> top(l.layers.size() + 1, o.margin), height(l.layers.size(), 0);
  for (int v = 0; v < l.real; ++v)
    height[static_cast<size_t>(l.rank[static_cast<size_t>(v)])] =
        std::max(height[static_cast<size_t>(l.rank[static_cast<size_t>(v)])], nodes[static_cast<size_t>(v)].height);
  for (size_t r = 0; r < l.layers.size(); ++r) top[r + 1] = top[r] + height[r] + o.rank_gap;
  double left = std::numeric_limits<double>::max(), right = std::numeric_limits<double>::lowest();
  for (size_t v = 0; v < l.x.size(); ++v) {
    left = std::min(left, l.x[v] - l.width[v] / 2);
    right = std::max(right, l.x[v] + l.width[v] / 2);
  }
  const double shift = l.x.empty() ? 0 : o.margin - left;

  GraphLayout out;
  out.ranks = static_cast<int>(l.layers.size());
  out.dummies = static_cast<int>(l.rank.size()) - l.real;
  out.crossings = best_crossings;
  out.width = l.x.empty() ? 2 * o.margin : right - left + 2 * o.margin;
  out.height = top[l.layers.size()] - o.rank_gap + o.margin;
  for (int v = 0; v < l.real; ++v) {
    const size_t r = static_cast<size_t>(l.rank[static_cast<size_t>(v)]);
    out.nodes.push_back({l.x[static_cast<size_t>(v)] + shift, top[r] + height[r] / 2});
  }
  out.edges.resize(edges.size());
  for (size_t i = 0; i < edges.size(); ++i) {
    const std::vector<int>& chain = l.chains[i];
    if (chain.empty()) continue;
    std::vector<Point>& pts = out.edges[i];
    const Point a = out.nodes[static_cast<size_t>(chain.front())], b = out.nodes[static_cast<size_t>(chain.back())];
    pts.push_back({a.x, a.y + nodes[static_cast<size_t>(chain.front())].height / 2});
    for (size_t k = 1; k + 1 < chain.size(); ++k) {
      const int d = chain[k];
      const size_t r = static_cast<size_t>(l.rank[static_cast<size_t>(d)]);
      pts.push_back({l.x[static_cast<size_t>(d)] + shift, top[r]});
      if (height[r] > 0) pts.push_back({l.x[static_cast<size_t>(d)] + shift, top[r] + height[r]});
    }
    pts.push_back({b.x, b.y - nodes[static_cast<size_t>(chain.back())].height / 2});
    if (l.reversed[i]) std::reverse(pts.begin(), pts.end());
  }
  Progress(o, 1.0);
  return out;
}

}  // namespace

std::optional<GraphLayout> LayoutGraph(const std::vector<LayoutNode>& nodes, const std::vector<LayoutEdge>& edges,
                                       const LayoutOptions& options) {
  if (options.direction == LayoutDirection::kTopToBottom) return LayoutTopToBottom(nodes, edges, options);
  // Left to right is top to bottom with the axes swapped.
  std::vector<LayoutNode> turned;
  turned.reserve(nodes.size());
  for (const LayoutNode& n : nodes) turned.push_back({n.height, n.width});
  std::optional<GraphLayout> l = LayoutTopToBottom(turned, edges, options);
  if (!l) return l;
  for (Point& p : l->nodes) std::swap(p.x, p.y);
  for (std::vector<Point>& e : l->edges)
    for (Point& p : e) std::swap(p.x, p.y);
  std::swap(l->width, l->height);
  return l;
}

}  // namespace litescope
