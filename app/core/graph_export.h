// Writes a whole GraphScene as SVG or PNG (chosen by the file's extension), atomically: the file
// appears complete or not at all. PNGs larger than kMaxPngSide pixels on a side are scaled down.
//
//   Status s = ExportGraph(*scene, {}, "graph.svg");
#pragma once

#include <string>

#include "app/core/graph_painter.h"
#include "engine/base/status.h"

namespace litescope {

inline constexpr int kMaxPngSide = 16384;

Status ExportGraph(const GraphScene& scene, const PaintState& state, const std::string& path);

// Draws the overlay's legend (title, unit, colour bar, min and max) in the top-left corner of
// the painter's current coordinates; also used by the view.
void PaintOverlayLegend(QPainter& painter, const Overlay& overlay, QPointF at);

}  // namespace litescope
