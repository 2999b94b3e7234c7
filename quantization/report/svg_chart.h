// The inline SVG charts of the HTML report: a bar chart of RMSE/scale per layer (graph order,
// with the rounding-only and flag thresholds drawn) and an error histogram.
//
//   std::string svg = LayerBarChart({{"conv1", 0.31, false}, {"fc", 0.95, true}}, 0.289, 0.7);
//   std::string hist = HistogramChart(output.histogram, "quantized − float");
#pragma once

#include <string>
#include <vector>

#include "quantization/compare/metrics.h"

namespace litescope::report {

struct Bar {
  std::string label;
  double value = 0;
  bool flagged = false;
};

std::string LayerBarChart(const std::vector<Bar>& bars, double ideal, double flag);
std::string HistogramChart(const Histogram& h, const std::string& x_label);

// Escapes &, <, >, " and ' for HTML text and attributes.
std::string Escape(const std::string& s);

}  // namespace litescope::report
