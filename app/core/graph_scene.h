// A subgraph ready to draw: the view graph, each node's text and size (measured with the view's
// fonts), the layered layout, edge paths and a spatial grid so painting and hit tests only touch
// what is visible. Built off the GUI thread (fonts and paths are thread-safe to create), then
// read-only, so the view, the minimap and the exporters share one instance.
//
//   Result<std::shared_ptr<const GraphScene>> s = GraphScene::Build(model, 0, {}, metadata, {});
//   int node = (*s)->NodeAt({120, 80});     // -1 when nothing is there
#pragma once

#include <QColor>
#include <QPainterPath>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "app/core/layout.h"
#include "app/core/op_metadata.h"
#include "app/core/view_graph.h"
#include "engine/base/status.h"

namespace litescope {

struct SceneOptions {
  LayoutDirection direction = LayoutDirection::kTopToBottom;
  bool show_constants = false;
};

struct SceneProgress {
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(double)> progress;  // 0..1
};

struct NodeText {
  QString title;
  QStringList lines;  // folded weights, or the tensor shape of an input/output
};

class GraphScene {
 public:
  static Result<std::shared_ptr<const GraphScene>> Build(const Model& model, int subgraph, const SceneOptions& options,
                                                         const OpMetadata& metadata, const SceneProgress& job);

  const ViewGraph& graph() const { return graph_; }
  const GraphLayout& layout() const { return layout_; }
  const SceneOptions& options() const { return options_; }
  QRectF bounds() const { return {0, 0, layout_.width, layout_.height}; }
  const QRectF& node_rect(int node) const { return rects_[static_cast<size_t>(node)]; }
  const NodeText& node_text(int node) const { return texts_[static_cast<size_t>(node)]; }
  const QColor& node_colour(int node) const { return colours_[static_cast<size_t>(node)]; }
  const QPainterPath& edge_path(int edge) const { return paths_[static_cast<size_t>(edge)]; }
  // Where the edge's tensor label starts (beside its first segment).
  QPointF edge_label_at(int edge) const { return label_at_[static_cast<size_t>(edge)]; }
  // A tensor read by several nodes is labelled once, on its first edge.
  bool edge_labelled(int edge) const { return labelled_[static_cast<size_t>(edge)]; }

  int NodeAt(QPointF p) const;
  // Nodes and edges whose boxes meet `area`, each once.
  void Query(const QRectF& area, std::vector<int>* nodes, std::vector<int>* edges) const;

  static constexpr double kHeaderHeight = 22;
  static constexpr double kLineHeight = 14;

 private:
  void Index();

  ViewGraph graph_;
  GraphLayout layout_;
  SceneOptions options_;
  std::vector<QRectF> rects_;
  std::vector<NodeText> texts_;
  std::vector<QColor> colours_;
  std::vector<QPainterPath> paths_;
  std::vector<QPointF> label_at_;
  std::vector<bool> labelled_;
  std::vector<QRectF> edge_boxes_;  // padded, so a straight edge's box is not empty
  // Grid of kCell x kCell squares: the nodes and edges whose boxes meet each one.
  static constexpr double kCell = 400;
  int columns_ = 1, rows_ = 1;
  std::vector<std::vector<int>> cell_nodes_, cell_edges_;
};

// The top-left corner of a view of `visible` scene units on a graph too long to fit: at the
// beginning of the flow, centred on its first node.
QPointF FirstScreen(const GraphScene& scene, QSizeF visible);

// Fonts used to measure and draw (the same in the view and the exports).
QFont TitleFont();
QFont LineFont();
QFont EdgeFont();

}  // namespace litescope
