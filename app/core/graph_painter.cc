#include "app/core/graph_painter.h"

#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>

namespace litescope {

QColor OverlayColour(double position) {
  struct Stop {
    double at;
    int r, g, b;
  };
  static constexpr std::array<Stop, 4> kStops = {{{0.0, 0xf2, 0xd8, 0x6b}, {0.35, 0xe8, 0x8a, 0x2e},
                                                  {0.7, 0xc2, 0x3b, 0x22}, {1.0, 0x6e, 0x12, 0x2a}}};
  position = std::clamp(position, 0.0, 1.0);
  size_t i = 1;
  while (i + 1 < kStops.size() && position > kStops[i].at) ++i;
  const Stop& a = kStops[i - 1];
  const Stop& b = kStops[i];
  const double t = (position - a.at) / (b.at - a.at);
  auto mix = [t](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * t)); };
  return QColor(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b));
}

namespace {

const QColor kEdge(0x80, 0x86, 0x8f);
const QColor kSelected(0xff, 0x8c, 0x00);
const QColor kHighlighted(0xf5, 0xc5, 0x18);

void PaintArrow(QPainter& p, const QPainterPath& path) {
  const double length = path.length();
  if (length < 1) return;
  const QPointF tip = path.pointAtPercent(1.0);
  const QPointF back = path.pointAtPercent(path.percentAtLength(std::max(0.0, length - 7)));
  const QPointF d = tip - back;
  const double n = std::hypot(d.x(), d.y());
  if (n == 0) return;
  const QPointF u = d / n, side(-u.y() * 3.5, u.x() * 3.5);
  const QPointF base = tip - u * 7;
  p.drawPolygon(QPolygonF({tip, base + side, base - side}));
}

// Header colour and alpha of a node under the overlay (grey when it has no value).
QColor FillOf(const GraphScene& scene, const PaintState& state, int node) {
  const GraphNode& n = scene.graph().nodes[static_cast<size_t>(node)];
  if (state.overlay == nullptr || n.kind != GraphNode::Kind::kOperator) return scene.node_colour(node);
  auto it = state.overlay->values.find(n.op);
  if (it == state.overlay->values.end()) return QColor(0xb8, 0xb8, 0xb8);
  QColor c = OverlayColour(OverlayPosition(*state.overlay, it->second));
  if (it->second < state.threshold) c.setAlpha(70);
  return c;
}

void PaintNode(QPainter& p, const GraphScene& scene, const PaintState& state, int node, double zoom) {
  const QRectF r = scene.node_rect(node);
  const NodeText& text = scene.node_text(node);
  const GraphNode& n = scene.graph().nodes[static_cast<size_t>(node)];
  const QColor fill = FillOf(scene, state, node);
  const bool tensor_node = n.kind != GraphNode::Kind::kOperator;
  const double radius = tensor_node ? r.height() / 2 : 5;
  const bool body = !tensor_node && !text.lines.isEmpty();

  p.setPen(Qt::NoPen);
  p.setBrush(body ? QColor(0xfa, 0xfa, 0xfa) : fill);
  p.drawRoundedRect(r, radius, radius);
  if (body) {
    QPainterPath header;
    header.addRoundedRect(QRectF(r.left(), r.top(), r.width(), GraphScene::kHeaderHeight + radius), radius, radius);
    QPainterPath clip;
    clip.addRect(QRectF(r.left(), r.top(), r.width(), GraphScene::kHeaderHeight));
    p.setBrush(fill);
    p.drawPath(header.intersected(clip));
  }
  const bool selected = node == state.selected;
  const bool highlighted = static_cast<size_t>(node) < state.highlighted.size() && state.highlighted[static_cast<size_t>(node)];
  p.setBrush(Qt::NoBrush);
  p.setPen(selected      ? QPen(kSelected, 3)
           : highlighted ? QPen(kHighlighted, 3)
                         : QPen(fill.darker(130), 1));
  p.drawRoundedRect(r, radius, radius);

  if (zoom < 0.25) return;
  const bool light = fill.lightness() > 150 || fill.alpha() < 128;
  p.setPen(light ? QColor(0x20, 0x20, 0x20) : Qt::white);
  p.setFont(TitleFont());
  if (tensor_node) {
    const QRectF top(r.left() + 8, r.top(), r.width() - 16, r.height() / 2 + 1);
    const QRectF bottom(r.left() + 8, r.center().y() + 1, r.width() - 16, r.height() / 2);
    p.drawText(top, Qt::AlignHCenter | Qt::AlignBottom, p.fontMetrics().elidedText(text.title, Qt::ElideMiddle, static_cast<int>(top.width())));
    if (zoom >= 0.5 && !text.lines.isEmpty()) {
      p.setFont(LineFont());
      p.drawText(bottom, Qt::AlignHCenter | Qt::AlignTop, text.lines[0]);
    }
    return;
  }
  const QRectF title(r.left() + 6, r.top(), r.width() - 12, GraphScene::kHeaderHeight);
  p.drawText(title, Qt::AlignCenter, p.fontMetrics().elidedText(text.title, Qt::ElideRight, static_cast<int>(title.width())));
  if (zoom < 0.5 || !body) return;
  p.setFont(LineFont());
  p.setPen(QColor(0x33, 0x33, 0x33));
  double y = r.top() + GraphScene::kHeaderHeight + 3;
  for (const QString& line : text.lines) {
    const QRectF row(r.left() + 8, y, r.width() - 16, GraphScene::kLineHeight);
    p.drawText(row, Qt::AlignLeft | Qt::AlignVCenter, p.fontMetrics().elidedText(line, Qt::ElideRight, static_cast<int>(row.width())));
    y += GraphScene::kLineHeight;
  }
}

}  // namespace

void PaintGraph(QPainter& p, const GraphScene& scene, const PaintState& state, const QRectF& exposed, double zoom) {
  std::vector<int> nodes, edges;
  scene.Query(exposed, &nodes, &edges);
  p.save();
  p.setRenderHint(QPainter::Antialiasing, zoom >= 0.2);
  p.setRenderHint(QPainter::TextAntialiasing, true);
  p.setPen(QPen(kEdge, 1.2));
  p.setBrush(Qt::NoBrush);
  for (int e : edges) p.drawPath(scene.edge_path(e));
  p.setPen(Qt::NoPen);
  p.setBrush(kEdge);
  if (zoom >= 0.25)
    for (int e : edges) PaintArrow(p, scene.edge_path(e));
  if (zoom >= 0.5) {
    p.setFont(EdgeFont());
    p.setPen(QColor(0x55, 0x5b, 0x66));
    for (int e : edges)
      if (scene.edge_labelled(e))
        p.drawText(scene.edge_label_at(e), QString::fromStdString(scene.graph().edges[static_cast<size_t>(e)].label));
  }
  for (int n : nodes) PaintNode(p, scene, state, n, zoom);
  p.restore();
}

}  // namespace litescope
