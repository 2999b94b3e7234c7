#include "app/studio/graph_view.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "app/core/graph_export.h"
#include "app/studio/minimap.h"

namespace litescope {
namespace {

constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 4.0;
constexpr double kStep = 1.25;
constexpr double kReadableZoom = 0.8;

}  // namespace

GraphView::GraphView(QWidget* parent) : QWidget(parent), minimap_(new Minimap(this)) {
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(false);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMinimumSize(320, 240);
}

void GraphView::SetScene(std::shared_ptr<const GraphScene> scene) {
  scene_ = std::move(scene);
  state_.selected = -1;
  state_.highlighted.clear();
  FitToWindow();
  minimap_->Rebuild();
}

void GraphView::SetSelected(int node) {
  state_.selected = node;
  update();
}

void GraphView::SetHighlighted(std::vector<char> highlighted) {
  state_.highlighted = std::move(highlighted);
  update();
}

void GraphView::SetOverlay(std::shared_ptr<const Overlay> overlay, double threshold) {
  overlay_ = std::move(overlay);
  state_.overlay = overlay_.get();
  state_.threshold = threshold;
  update();
}

QPointF GraphView::ToScene(QPointF p) const { return origin_ + p / zoom_; }

QRectF GraphView::VisibleScene() const { return QRectF(origin_, QSizeF(width() / zoom_, height() / zoom_)); }

void GraphView::CenterOnPoint(QPointF p) {
  origin_ = p - QPointF(width() / 2.0, height() / 2.0) / zoom_;
  update();
  emit viewChanged();
}

void GraphView::CenterOn(int node) {
  if (!scene_ || node < 0) return;
  // Zoom in far enough to read the node's text.
  if (zoom_ < 0.6) zoom_ = 1.0;
  CenterOnPoint(scene_->node_rect(node).center());
}

void GraphView::FitToWindow() {
  if (!scene_) return;
  const QRectF b = scene_->bounds();
  zoom_ = std::clamp(std::min(width() / b.width(), height() / b.height()), kMinZoom, 1.0);
  // A long graph would shrink to unreadable boxes: start readable at its beginning instead (the
  // minimap shows the whole).
  if (zoom_ < kReadableZoom) {
    zoom_ = kReadableZoom;
    origin_ = FirstScreen(*scene_, QSizeF(width(), height()) / zoom_);
  } else {
    origin_ = b.center() - QPointF(width() / 2.0, height() / 2.0) / zoom_;
  }
  update();
  emit viewChanged();
}

void GraphView::ZoomBy(double factor) { ZoomAt(factor, QPointF(width() / 2.0, height() / 2.0)); }

void GraphView::ZoomAt(double factor, QPointF anchor) {
  const QPointF fixed = ToScene(anchor);
  zoom_ = std::clamp(zoom_ * factor, kMinZoom, kMaxZoom);
  origin_ = fixed - anchor / zoom_;
  update();
  emit viewChanged();
}

void GraphView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), QColor(0xf4, 0xf5, 0xf7));
  if (!scene_) return;
  p.save();
  p.scale(zoom_, zoom_);
  p.translate(-origin_);
  PaintGraph(p, *scene_, state_, VisibleScene(), zoom_);
  p.restore();
  if (overlay_) PaintOverlayLegend(p, *overlay_, {10, 10});
}

void GraphView::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (event->modifiers() & Qt::ControlModifier || event->modifiers() == Qt::NoModifier) {
    ZoomAt(std::pow(kStep, steps), event->position());
  }
  event->accept();
}

void GraphView::mousePressEvent(QMouseEvent* event) {
  press_at_ = event->position();
  dragging_ = false;
  setCursor(Qt::ClosedHandCursor);
}

void GraphView::mouseMoveEvent(QMouseEvent* event) {
  const QPointF delta = event->position() - press_at_;
  if (!dragging_ && delta.manhattanLength() < 4) return;
  dragging_ = true;
  origin_ -= delta / zoom_;
  press_at_ = event->position();
  update();
  emit viewChanged();
}

void GraphView::mouseReleaseEvent(QMouseEvent* event) {
  unsetCursor();
  if (dragging_ || !scene_) return;
  const int node = scene_->NodeAt(ToScene(event->position()));
  SetSelected(node);
  emit nodeSelected(node);
}

void GraphView::mouseDoubleClickEvent(QMouseEvent* event) {
  if (!scene_) return;
  const int node = scene_->NodeAt(ToScene(event->position()));
  if (node >= 0) emit nodeActivated(node);
}

void GraphView::keyPressEvent(QKeyEvent* event) {
  const double pan = 80 / zoom_;
  switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: ZoomBy(kStep); break;
    case Qt::Key_Minus: ZoomBy(1 / kStep); break;
    case Qt::Key_0: FitToWindow(); break;
    case Qt::Key_Left: origin_.rx() -= pan; break;
    case Qt::Key_Right: origin_.rx() += pan; break;
    case Qt::Key_Up: origin_.ry() -= pan; break;
    case Qt::Key_Down: origin_.ry() += pan; break;
    default: QWidget::keyPressEvent(event); return;
  }
  update();
  emit viewChanged();
}

void GraphView::resizeEvent(QResizeEvent*) {
  minimap_->move(width() - minimap_->width() - 10, height() - minimap_->height() - 10);
}

}  // namespace litescope
