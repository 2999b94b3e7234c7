// A small overview of the whole graph in the view's corner, with the visible part outlined;
// clicking or dragging in it moves the view there.
#pragma once

#include <QImage>
#include <QWidget>

namespace litescope {

class GraphView;
class GraphScene;

class Minimap : public QWidget {
  Q_OBJECT

 public:
  explicit Minimap(GraphView* view);
  // Redraws the overview (after a new scene); the outline follows the view by itself.
  void Rebuild();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  double Scale() const;
  void MoveViewTo(QPointF widget_point);

  GraphView* view_;
  QImage overview_;
};

}  // namespace litescope
