#include "app/core/graph_scene.h"

#include <QFont>
#include <QFontMetricsF>
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "engine/model/summary.h"
#include "engine/model/tensor_type.h"

namespace litescope {

QFont TitleFont() {
  QFont f("DejaVu Sans");
  f.setPixelSize(12);
  f.setBold(true);
  return f;
}

QFont LineFont() {
  QFont f("DejaVu Sans");
  f.setPixelSize(10);
  return f;
}

QFont EdgeFont() {
  QFont f("DejaVu Sans");
  f.setPixelSize(9);
  return f;
}

namespace {

constexpr double kMinWidth = 84;
constexpr double kMaxWidth = 280;
constexpr double kPadding = 20;
constexpr int kMaxFoldedLines = 4;

// The text of one node: an operator lists its folded weights by input slot ("#1 32x3x3x3 INT8");
// an input, output or constant shows its name over its shape.
NodeText TextOf(const SubgraphView& sg, const GraphNode& n) {
  NodeText t;
  t.title = QString::fromStdString(n.title);
  if (n.kind != GraphNode::Kind::kOperator) {
    t.lines << QString::fromStdString(n.subtitle);
    return t;
  }
  const OperatorView op = sg.op(n.op);
  int shown = 0;
  for (size_t slot = 0; slot < op.inputs().size(); ++slot) {
    const int32_t tensor = op.inputs()[slot];
    if (std::find(n.folded.begin(), n.folded.end(), tensor) == n.folded.end()) continue;
    if (shown++ == kMaxFoldedLines) {
      t.lines << QStringLiteral("…");
      break;
    }
    t.lines << QStringLiteral("#%1 %2").arg(slot).arg(QString::fromStdString(TensorLabel(sg.tensor(tensor))));
  }
  return t;
}

QPainterPath EdgePath(const std::vector<Point>& pts, LayoutDirection direction) {
  QPainterPath path;
  if (pts.empty()) return path;
  path.moveTo(pts[0].x, pts[0].y);
  for (size_t i = 1; i < pts.size(); ++i) {
    const QPointF a(pts[i - 1].x, pts[i - 1].y), b(pts[i].x, pts[i].y);
    // S-curves along the flow direction: vertical tangents top to bottom, horizontal left to right.
    const QPointF half = direction == LayoutDirection::kTopToBottom ? QPointF(0, (b.y() - a.y()) / 2)
                                                                    : QPointF((b.x() - a.x()) / 2, 0);
    path.cubicTo(a + half, b - half, b);
  }
  return path;
}

}  // namespace

Result<std::shared_ptr<const GraphScene>> GraphScene::Build(const Model& model, int subgraph,
                                                            const SceneOptions& options, const OpMetadata& metadata,
                                                            const SceneProgress& job) {
  if (subgraph < 0 || subgraph >= model.subgraph_count())
    return InvalidArgument("subgraph " + std::to_string(subgraph) + " does not exist (the model has " +
                           std::to_string(model.subgraph_count()) + ")");
  auto scene = std::make_shared<GraphScene>();
  GraphScene& s = *scene;
  s.options_ = options;
  s.graph_ = BuildViewGraph(model, subgraph, {.show_constants = options.show_constants},
                            [&](const std::string& op) { return metadata.Category(op); });
  const SubgraphView sg = model.subgraph(subgraph);
  const QFontMetricsF title(TitleFont()), line(LineFont());
  std::vector<LayoutNode> sizes;
  for (const GraphNode& n : s.graph_.nodes) {
    NodeText t = TextOf(sg, n);
    double width = title.horizontalAdvance(t.title);
    for (const QString& l : t.lines) width = std::max(width, line.horizontalAdvance(l));
    width = std::clamp(std::ceil(width) + kPadding, kMinWidth, kMaxWidth);
    const double height = kHeaderHeight + (t.lines.isEmpty() ? 0 : kLineHeight * t.lines.size() + 6);
    sizes.push_back({width, height});
    s.texts_.push_back(std::move(t));
    const std::string colour = n.kind == GraphNode::Kind::kInput      ? "#3f3f46"
                               : n.kind == GraphNode::Kind::kOutput   ? "#3f3f46"
                               : n.kind == GraphNode::Kind::kConstant ? "#8a8a8a"
                                                                      : metadata.Colour(n.category);
    s.colours_.emplace_back(QString::fromStdString(colour));
  }
  std::vector<LayoutEdge> edges;
  edges.reserve(s.graph_.edges.size());
  for (const GraphEdge& e : s.graph_.edges) edges.push_back({e.from, e.to});
  LayoutOptions lo;
  lo.direction = options.direction;
  // Left to right, edge labels lie along the edges: ranks need room for them.
  if (options.direction == LayoutDirection::kLeftToRight) lo.rank_gap = 110;
  lo.cancel = job.cancel;
  if (job.progress) lo.progress = [&](double p) { job.progress(0.05 + 0.85 * p); };
  std::optional<GraphLayout> layout = LayoutGraph(sizes, edges, lo);
  if (!layout) return Cancelled("laying out subgraph " + std::to_string(subgraph) + " was cancelled");
  s.layout_ = std::move(*layout);
  for (size_t i = 0; i < sizes.size(); ++i) {
    const Point c = s.layout_.nodes[i];
    s.rects_.emplace_back(c.x - sizes[i].width / 2, c.y - sizes[i].height / 2, sizes[i].width, sizes[i].height);
  }
  // Edge labels sit beside the first segment (above it, left to right); the bounds grow to hold them.
  const QFontMetricsF edge_font(EdgeFont());
  std::unordered_set<int> labelled_tensors;
  for (size_t i = 0; i < s.layout_.edges.size(); ++i) {
    const std::vector<Point>& pts = s.layout_.edges[i];
    s.paths_.push_back(EdgePath(pts, options.direction));
    const Point a = pts.empty() ? Point{} : pts[0];
    const Point b = pts.size() > 1 ? pts[1] : a;
    const QPointF at = options.direction == LayoutDirection::kTopToBottom ? QPointF((a.x + b.x) / 2 + 4, (a.y + b.y) / 2 + 3)
                                                                          : QPointF(a.x + 6, a.y - 4);
    s.label_at_.push_back(at);
    s.labelled_.push_back(labelled_tensors.insert(s.graph_.edges[i].tensor).second);
    const double right = at.x() + edge_font.horizontalAdvance(QString::fromStdString(s.graph_.edges[i].label)) + 8;
    s.layout_.width = std::max(s.layout_.width, right);
  }
  s.Index();
  if (job.progress) job.progress(1.0);
  return std::shared_ptr<const GraphScene>(std::move(scene));
}

void GraphScene::Index() {
  columns_ = std::max(1, static_cast<int>(std::ceil(layout_.width / kCell)));
  rows_ = std::max(1, static_cast<int>(std::ceil(layout_.height / kCell)));
  cell_nodes_.assign(static_cast<size_t>(columns_) * static_cast<size_t>(rows_), {});
  cell_edges_.assign(cell_nodes_.size(), {});
  auto insert = [&](const QRectF& box, int id, std::vector<std::vector<int>>& cells) {
    const int c0 = std::clamp(static_cast<int>(box.left() / kCell), 0, columns_ - 1);
    const int c1 = std::clamp(static_cast<int>(box.right() / kCell), 0, columns_ - 1);
    const int r0 = std::clamp(static_cast<int>(box.top() / kCell), 0, rows_ - 1);
    const int r1 = std::clamp(static_cast<int>(box.bottom() / kCell), 0, rows_ - 1);
    for (int r = r0; r <= r1; ++r)
      for (int c = c0; c <= c1; ++c) cells[static_cast<size_t>(r) * static_cast<size_t>(columns_) + static_cast<size_t>(c)].push_back(id);
  };
  for (size_t i = 0; i < rects_.size(); ++i) insert(rects_[i], static_cast<int>(i), cell_nodes_);
  for (size_t i = 0; i < paths_.size(); ++i) {
    edge_boxes_.push_back(paths_[i].controlPointRect().adjusted(-2, -2, 2, 2));
    if (!paths_[i].isEmpty()) insert(edge_boxes_[i], static_cast<int>(i), cell_edges_);
  }
}

void GraphScene::Query(const QRectF& area, std::vector<int>* nodes, std::vector<int>* edges) const {
  const int c0 = std::clamp(static_cast<int>(std::floor(area.left() / kCell)), 0, columns_ - 1);
  const int c1 = std::clamp(static_cast<int>(std::floor(area.right() / kCell)), 0, columns_ - 1);
  const int r0 = std::clamp(static_cast<int>(std::floor(area.top() / kCell)), 0, rows_ - 1);
  const int r1 = std::clamp(static_cast<int>(std::floor(area.bottom() / kCell)), 0, rows_ - 1);
  auto collect = [&](const std::vector<std::vector<int>>& cells, std::vector<int>* out, auto box_of) {
    if (out == nullptr) return;
    out->clear();
    for (int r = r0; r <= r1; ++r)
      for (int c = c0; c <= c1; ++c)
        for (int id : cells[static_cast<size_t>(r) * static_cast<size_t>(columns_) + static_cast<size_t>(c)])
          if (box_of(id).intersects(area)) out->push_back(id);
    std::sort(out->begin(), out->end());
    out->erase(std::unique(out->begin(), out->end()), out->end());
  };
  collect(cell_nodes_, nodes, [&](int id) { return rects_[static_cast<size_t>(id)]; });
  collect(cell_edges_, edges, [&](int id) { return edge_boxes_[static_cast<size_t>(id)]; });
}

int GraphScene::NodeAt(QPointF p) const {
  std::vector<int> hits;
  Query(QRectF(p, QSizeF(0.01, 0.01)), &hits, nullptr);
  for (int id : hits)
    if (rects_[static_cast<size_t>(id)].contains(p)) return id;
  return -1;
}

QPointF FirstScreen(const GraphScene& scene, QSizeF visible) {
  const bool down = scene.options().direction == LayoutDirection::kTopToBottom;
  const std::vector<Point>& nodes = scene.layout().nodes;
  if (nodes.empty()) return scene.bounds().topLeft();
  // The node where the flow starts (the lowest rank; leftmost among equals).
  const Point first = *std::min_element(nodes.begin(), nodes.end(), [down](const Point& a, const Point& b) {
    return down ? std::pair(a.y, a.x) < std::pair(b.y, b.x) : std::pair(a.x, a.y) < std::pair(b.x, b.y);
  });
  return down ? QPointF(first.x - visible.width() / 2, scene.bounds().top())
              : QPointF(scene.bounds().left(), first.y - visible.height() / 2);
}

}  // namespace litescope
