// The graph canvas: paints a GraphScene through PaintGraph with its own zoom and pan (wheel,
// drag, keys), hit-tests clicks, and carries a minimap. Only what is visible is painted.
#pragma once

#include <QWidget>
#include <memory>

#include "app/core/graph_painter.h"

namespace litescope {

class Minimap;

class GraphView : public QWidget {
  Q_OBJECT

 public:
  explicit GraphView(QWidget* parent = nullptr);

  void SetScene(std::shared_ptr<const GraphScene> scene);
  const GraphScene* scene() const { return scene_.get(); }
  void SetSelected(int node);
  int selected() const { return state_.selected; }
  void SetHighlighted(std::vector<char> highlighted);
  void SetOverlay(std::shared_ptr<const Overlay> overlay, double threshold);
  void CenterOn(int node);
  void FitToWindow();
  void ZoomBy(double factor);
  double zoom() const { return zoom_; }
  // The part of the scene on screen.
  QRectF VisibleScene() const;
  // Centres the view on a scene point (the minimap's clicks).
  void CenterOnPoint(QPointF scene_point);

 signals:
  void nodeSelected(int node);
  void nodeActivated(int node);  // double click
  void viewChanged();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  QPointF ToScene(QPointF widget_point) const;
  void ZoomAt(double factor, QPointF widget_anchor);

  std::shared_ptr<const GraphScene> scene_;
  std::shared_ptr<const Overlay> overlay_;
  PaintState state_;
  double zoom_ = 1.0;
  QPointF origin_;  // the scene point at the widget's top-left corner
  QPointF press_at_;
  bool dragging_ = false;
  Minimap* minimap_ = nullptr;
};

}  // namespace litescope
