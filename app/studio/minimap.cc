#include "app/studio/minimap.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

#include "app/studio/graph_view.h"

namespace litescope {
namespace {

constexpr int kWidth = 180;
constexpr int kHeight = 200;

}  // namespace

Minimap::Minimap(GraphView* view) : QWidget(view), view_(view) {
  resize(kWidth, kHeight);
  setCursor(Qt::PointingHandCursor);
  connect(view, &GraphView::viewChanged, this, qOverload<>(&QWidget::update));
  hide();
}

double Minimap::Scale() const {
  const GraphScene* s = view_->scene();
  if (s == nullptr) return 1;
  const QRectF b = s->bounds();
  return std::min((kWidth - 8) / b.width(), (kHeight - 8) / b.height());
}

void Minimap::Rebuild() {
  const GraphScene* s = view_->scene();
  if (s == nullptr) {
    hide();
    return;
  }
  const double scale = Scale();
  overview_ = QImage(std::max(1, static_cast<int>(s->bounds().width() * scale)),
                     std::max(1, static_cast<int>(s->bounds().height() * scale)), QImage::Format_ARGB32_Premultiplied);
  overview_.fill(Qt::transparent);
  QPainter p(&overview_);
  p.scale(scale, scale);
  PaintGraph(p, *s, {}, s->bounds(), scale);
  p.end();
  resize(overview_.width() + 8, overview_.height() + 8);
  move(view_->width() - width() - 10, view_->height() - height() - 10);
  show();
  update();
}

void Minimap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(255, 255, 255, 225));
  p.setPen(QColor(0xbb, 0xbb, 0xbb));
  p.drawRect(rect().adjusted(0, 0, -1, -1));
  p.drawImage(QPointF(4, 4), overview_);
  const double scale = Scale();
  const QRectF v = view_->VisibleScene();
  p.setPen(QPen(QColor(0xff, 0x8c, 0x00), 1.5));
  p.setBrush(QColor(0xff, 0x8c, 0x00, 40));
  p.drawRect(QRectF(4 + v.left() * scale, 4 + v.top() * scale, v.width() * scale, v.height() * scale)
                 .intersected(QRectF(rect()).adjusted(1, 1, -1, -1)));
}

void Minimap::MoveViewTo(QPointF widget_point) {
  const double scale = Scale();
  view_->CenterOnPoint((widget_point - QPointF(4, 4)) / scale);
}

void Minimap::mousePressEvent(QMouseEvent* event) { MoveViewTo(event->position()); }

void Minimap::mouseMoveEvent(QMouseEvent* event) { MoveViewTo(event->position()); }

}  // namespace litescope
