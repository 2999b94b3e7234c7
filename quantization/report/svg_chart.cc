#include "quantization/report/svg_chart.h"

#include <algorithm>
#include <cmath>

#include "quantization/report/format.h"

namespace litescope::report {
namespace {

constexpr double kWidth = 960, kHeight = 280, kLeft = 56, kRight = 16, kTop = 16, kBottom = 40;

std::string Num(double v) { return Fixed(v, 1); }

std::string Line(double x1, double y1, double x2, double y2, const std::string& cls) {
  return "<line class=\"" + cls + "\" x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) + "\" y2=\"" +
         Num(y2) + "\"/>";
}

std::string Text(double x, double y, const std::string& anchor, const std::string& text, const std::string& cls = "") {
  return "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + anchor + "\"" +
         (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" + Escape(text) + "</text>";
}

std::string Open(const std::string& label) {
  return "<svg class=\"chart\" viewBox=\"0 0 " + Num(kWidth) + " " + Num(kHeight) +
         "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" + Escape(label) + "\">";
}

}  // namespace

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string LayerBarChart(const std::vector<Bar>& bars, double ideal, double flag) {
  double top = flag * 1.25;
  for (const Bar& b : bars) top = std::max(top, std::isfinite(b.value) ? b.value * 1.05 : 0.0);
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto y = [&](double v) { return kTop + plot_h * (1 - std::min(v, top) / top); };
  std::string s = Open("RMSE/scale per layer");
  for (int i = 0; i <= 4; ++i) {  // grid
    const double v = top * i / 4;
    s += Line(kLeft, y(v), kWidth - kRight, y(v), "grid") + Text(kLeft - 6, y(v) + 4, "end", Fixed(v, 2), "tick");
  }
  const double step = bars.empty() ? plot_w : plot_w / static_cast<double>(bars.size());
  const double w = std::max(1.0, step * 0.72);
  const size_t label_every = std::max<size_t>(1, bars.size() / 24);
  for (size_t i = 0; i < bars.size(); ++i) {
    const double x = kLeft + step * static_cast<double>(i) + (step - w) / 2;
    const double v = std::isfinite(bars[i].value) ? bars[i].value : top;
    s += "<rect class=\"" + std::string(bars[i].flagged ? "bar flagged" : "bar") + "\" x=\"" + Num(x) + "\" y=\"" +
         Num(y(v)) + "\" width=\"" + Num(w) + "\" height=\"" + Num(kTop + plot_h - y(v)) + "\"><title>" +
         Escape(bars[i].label) + ": " + Fixed(bars[i].value, 3) + "</title></rect>";
    if (i % label_every == 0) s += Text(x + w / 2, kHeight - kBottom + 14, "middle", std::to_string(i + 1), "tick");
  }
  s += Line(kLeft, y(ideal), kWidth - kRight, y(ideal), "ideal") +
       Text(kWidth - kRight, y(ideal) - 4, "end", "rounding only " + Fixed(ideal, 3), "note ok");
  s += Line(kLeft, y(flag), kWidth - kRight, y(flag), "flag") +
       Text(kWidth - kRight, y(flag) - 4, "end", "flag above " + Fixed(flag, 1), "note bad");
  s += Line(kLeft, kTop + plot_h, kWidth - kRight, kTop + plot_h, "axis");
  s += Text(kLeft + plot_w / 2, kHeight - 6, "middle", "layer (graph order)", "axis-label");
  return s + "</svg>";
}

std::string HistogramChart(const Histogram& h, const std::string& x_label) {
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  int64_t most = 1;
  for (int64_t c : h.counts) most = std::max(most, c);
  const double top = std::log10(1.0 + static_cast<double>(most));
  std::string s = Open("histogram of " + x_label);
  for (int e = 0; std::pow(10.0, e) <= static_cast<double>(most); ++e) {  // decades
    const double y = kTop + plot_h * (1 - std::log10(1.0 + std::pow(10.0, e)) / top);
    s += Line(kLeft, y, kWidth - kRight, y, "grid") +
         Text(kLeft - 6, y + 4, "end", std::to_string(static_cast<int64_t>(std::pow(10.0, e))), "tick");
  }
  const double step = h.counts.empty() ? plot_w : plot_w / static_cast<double>(h.counts.size());
  const double bin_w = h.counts.empty() ? 0 : (h.hi - h.lo) / static_cast<double>(h.counts.size());
  for (size_t i = 0; i < h.counts.size(); ++i) {
    const double bar_h = plot_h * std::log10(1.0 + static_cast<double>(h.counts[i])) / top;
    const double lo = h.lo + bin_w * static_cast<double>(i);
    s += "<rect class=\"bar\" x=\"" + Num(kLeft + step * static_cast<double>(i) + 0.5) + "\" y=\"" +
         Num(kTop + plot_h - bar_h) + "\" width=\"" + Num(std::max(step - 1, 0.5)) + "\" height=\"" + Num(bar_h) +
         "\"><title>[" + Sig(lo) + ", " + Sig(lo + bin_w) + "): " + std::to_string(h.counts[i]) + "</title></rect>";
  }
  s += Line(kLeft, kTop + plot_h, kWidth - kRight, kTop + plot_h, "axis");
  s += Line(kLeft + plot_w / 2, kTop, kLeft + plot_w / 2, kTop + plot_h, "zero");
  s += Text(kLeft, kHeight - kBottom + 14, "start", Sig(h.lo), "tick") +
       Text(kLeft + plot_w / 2, kHeight - kBottom + 14, "middle", "0", "tick") +
       Text(kWidth - kRight, kHeight - kBottom + 14, "end", Sig(h.hi), "tick");
  s += Text(kLeft + plot_w / 2, kHeight - 6, "middle", x_label + " (count, log scale)", "axis-label");
  return s + "</svg>";
}

}  // namespace litescope::report
