// Draws a GraphScene with QPainter: the desktop view, the minimap, and the SVG/PNG exports all
// call PaintGraph, so what CI renders is what a user sees. Only items meeting `exposed` are drawn,
// and detail drops with the zoom: below 50 % edge labels go, below 25 % all text.
//
//   PaintGraph(painter, scene, {.selected = 4}, painter_rect_in_scene, zoom);
#pragma once

#include <QPainter>
#include <vector>

#include "app/core/graph_scene.h"
#include "app/core/overlay.h"

namespace litescope {

struct PaintState {
  int selected = -1;              // node
  std::vector<char> highlighted;  // per node (search matches); may be empty
  const Overlay* overlay = nullptr;
  double threshold = 0;           // overlay nodes below it are faded
};

void PaintGraph(QPainter& painter, const GraphScene& scene, const PaintState& state, const QRectF& exposed,
                double zoom);

// The overlay's colour for a position in [0, 1] (light yellow through orange to dark red).
QColor OverlayColour(double position);

}  // namespace litescope
