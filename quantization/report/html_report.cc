// The HTML report: one self-contained page (inline CSS, inline SVG; no scripts, fonts or images
// from elsewhere) that reads on screen and prints to PDF.
#include <algorithm>
#include <set>

#include "quantization/report/format.h"
#include "quantization/report/html_style.h"
#include "quantization/report/report.h"
#include "quantization/report/svg_chart.h"

namespace litescope {
namespace {

using report::Bytes;
using report::Escape;
using report::Fixed;
using report::Percent;
using report::Sig;

std::string Td(const std::string& text, bool number = false) {
  return std::string(number ? "<td class=\"n\">" : "<td>") + text + "</td>";
}

// A tensor name as code: TFLite's converter joins the names of fused ops with ';', which makes
// names of several hundred characters; show the first and keep the whole in the tooltip.
std::string TensorName(const std::string& name) {
  const size_t semicolon = name.find(';');
  if (semicolon == std::string::npos) return "<code>" + Escape(name) + "</code>";
  return "<code title=\"" + Escape(name) + "\">" + Escape(name.substr(0, semicolon)) + ";…</code>";
}

std::string Card(const std::string& label, const std::string& value, const std::string& cls = "") {
  return "<div class=\"card " + cls + "\"><div class=\"value\">" + value + "</div><div class=\"label\">" + label +
         "</div></div>";
}

std::string TensorLine(const TensorInfo& t) {
  std::string s = "<code>" + Escape(t.name) + "</code> " + t.type + " " + ShapeString(t.shape);
  if (t.scale.size() == 1) s += " <span class=\"muted\">scale " + Sig(t.scale[0]) + ", zp " + std::to_string(t.zero_point.empty() ? 0 : t.zero_point[0]) + "</span>";
  return s;
}

std::string Header(const Comparison& c) {
  std::string s = "<header><div class=\"kicker\">Litescope · quantization report</div><h1>" +
                  Escape(report::FileName(c.float_model.path)) + " <span class=\"arrow\">vs</span> " +
                  Escape(report::FileName(c.quant_model.path)) + "</h1><p class=\"muted\">" +
                  std::to_string(c.dataset.used) + (c.dataset.random ? " random samples" : " samples") +
                  (c.preprocess.empty() ? "" : " · preprocessing <code>" + Escape(c.preprocess) + "</code>") +
                  "</p><div class=\"cards\">";
  if (!c.outputs.empty()) {
    const ErrorMetrics& e = c.outputs[0].error;
    s += Card("SNR, output 0", Fixed(e.snr_db, 1) + "<small> dB</small>", e.snr_db < 20 ? "bad" : "");
    s += Card("cosine, output 0", Fixed(e.cosine, 4), e.cosine < 0.99 ? "bad" : "");
  }
  if (c.accuracy) {
    s += c.accuracy->labelled > 0
             ? Card("top-1 accuracy, float → quantized",
                    Percent(c.accuracy->float_top1) + " → " + Percent(c.accuracy->quant_top1))
             : Card("top-1 agreement", Percent(c.accuracy->top1_agreement), c.accuracy->top1_agreement < 0.95 ? "bad" : "");
  }
  const double size = c.float_model.file_bytes ? double(c.quant_model.file_bytes) / double(c.float_model.file_bytes) : 0;
  s += Card("size (quantized / float)", Fixed(100 * size, 0) + "<small> %</small>");
  if (c.quant_model.latency_ms > 0) s += Card("speed-up on this machine", Fixed(c.float_model.latency_ms / c.quant_model.latency_ms, 2) + "<small>×</small>");
  const auto flagged = std::count_if(c.layers.begin(), c.layers.end(), [](const LayerComparison& l) { return l.flagged; });
  s += Card("layers flagged", std::to_string(flagged) + "<small> / " + std::to_string(c.layers.size()) + "</small>", flagged ? "bad" : "");
  return s + "</div></header>";
}

std::string RandomWarning(const Comparison& c) {
  if (!c.dataset.random) return "";
  return "<div class=\"alarm\"><strong>Random data.</strong> No dataset was given, so both models ran on " +
         std::to_string(c.dataset.used) +
         " random inputs. The errors below describe random inputs, not the data the model will see; accuracy cannot "
         "be measured. Run again with <code>--data</code> and representative samples.</div>";
}

std::string Models(const Comparison& c) {
  const ModelInfo& f = c.float_model;
  const ModelInfo& q = c.quant_model;
  std::string s = "<section><h2>Models</h2><table class=\"side\"><thead><tr><th></th><th>float</th><th>quantized</th></tr></thead><tbody>";
  s += "<tr><th>file</th>" + Td("<code>" + Escape(f.path) + "</code>") + Td("<code>" + Escape(q.path) + "</code>") + "</tr>";
  s += "<tr><th>size</th>" + Td(Bytes(double(f.file_bytes)), true) + Td(Bytes(double(q.file_bytes)), true) + "</tr>";
  s += "<tr><th>operators</th>" + Td(std::to_string(f.op_count), true) + Td(std::to_string(q.op_count), true) + "</tr>";
  s += "<tr><th>latency, median</th>" + Td(Sig(f.latency_ms) + " ms", true) + Td(Sig(q.latency_ms) + " ms", true) + "</tr>";
  s += "<tr><th>latency, fastest</th>" + Td(Sig(f.latency_min_ms) + " ms", true) + Td(Sig(q.latency_min_ms) + " ms", true) + "</tr>";
  for (bool inputs : {true, false}) {
    const std::vector<TensorInfo>& ft = inputs ? f.inputs : f.outputs;
    const std::vector<TensorInfo>& qt = inputs ? q.inputs : q.outputs;
    for (size_t i = 0; i < ft.size() && i < qt.size(); ++i) {
      s += "<tr><th>" + std::string(inputs ? "input " : "output ") + std::to_string(i) + "</th>" + Td(TensorLine(ft[i])) +
           Td(TensorLine(qt[i])) + "</tr>";
    }
  }
  s += "</tbody></table><p class=\"muted\">Latency: median of " + std::to_string(f.latency_runs) +
       " invokes after 2 warm-up runs, " + std::to_string(f.threads) + " thread" + (f.threads == 1 ? "" : "s") +
       ", Litescope's CPU kernels on the machine that wrote this report.</p>";
  std::set<std::string> types;
  for (const auto& [op, n] : f.ops) types.insert(op);
  for (const auto& [op, n] : q.ops) types.insert(op);
  s += "<h3>Operators by type</h3><table class=\"ops\"><thead><tr><th>op</th><th class=\"n\">float</th><th class=\"n\">quantized</th></tr></thead><tbody>";
  for (const std::string& t : types) {
    const int a = f.ops.count(t) ? f.ops.at(t) : 0, b = q.ops.count(t) ? q.ops.at(t) : 0;
    s += std::string(a != b ? "<tr class=\"changed\">" : "<tr>") + Td("<code>" + Escape(t) + "</code>") +
         Td(a ? std::to_string(a) : "–", true) + Td(b ? std::to_string(b) : "–", true) + "</tr>";
  }
  return s + "</tbody></table></section>";
}

std::string AccuracySection(const Comparison& c) {
  if (!c.accuracy) return "";
  const Accuracy& a = *c.accuracy;
  std::string s = "<section><h2>Classification</h2><p>Output " + std::to_string(a.output) + " read as scores of " +
                   std::to_string(a.classes) + " classes, over " + std::to_string(a.samples) + " samples.</p><table><thead><tr><th></th><th class=\"n\">top-1</th><th class=\"n\">top-5</th></tr></thead><tbody>";
  if (a.labelled > 0) {
    s += "<tr><th>float accuracy (" + std::to_string(a.labelled) + " labelled)</th>" + Td(Percent(a.float_top1), true) + Td(Percent(a.float_top5), true) + "</tr>";
    s += "<tr><th>quantized accuracy</th>" + Td(Percent(a.quant_top1), true) + Td(Percent(a.quant_top5), true) + "</tr>";
  }
  s += "<tr><th>agreement with float</th>" + Td(Percent(a.top1_agreement), true) + Td(Percent(a.top5_agreement), true) + "</tr>";
  s += "</tbody></table><p class=\"muted\">Top-1 agreement: the quantized model's top class is the float model's. "
       "Top-5 agreement: the float model's top class is among the quantized model's five best.</p>";
  return s + "</section>";
}

std::string Outputs(const Comparison& c) {
  std::string s = "<section><h2>Outputs</h2><table><thead><tr><th>output</th><th>shape</th><th class=\"n\">SNR (dB)</th>"
                  "<th class=\"n\">cosine</th><th class=\"n\">RMSE</th><th class=\"n\">max |err|</th><th class=\"n\">mean |err|</th>"
                  "<th class=\"n\">mean err</th></tr></thead><tbody>";
  for (const OutputComparison& o : c.outputs) {
    const ErrorMetrics& e = o.error;
    s += "<tr>" + Td("<code>" + Escape(o.float_tensor.name) + "</code>") + Td(ShapeString(o.float_tensor.shape)) +
         Td(Fixed(e.snr_db, 2), true) + Td(Fixed(e.cosine, 5), true) + Td(Sig(e.rmse), true) + Td(Sig(e.max_abs_error), true) +
         Td(Sig(e.mean_abs_error), true) + Td(Sig(e.mean_error), true) + "</tr>";
  }
  s += "</tbody></table><p class=\"muted\">Quantized outputs are dequantized (scale × (q − zero point)) before comparing. "
       "SNR = 10·log10(Σ float² / Σ (quantized − float)²); cosine is averaged over samples.</p>";
  for (size_t i = 0; i < c.outputs.size(); ++i) {
    s += "<figure>" + report::HistogramChart(c.outputs[i].histogram, "quantized − float") + "<figcaption>Error histogram of output " +
         std::to_string(i) + " <code>" + Escape(c.outputs[i].float_tensor.name) + "</code>, every element of every sample.</figcaption></figure>";
  }
  return s + "</section>";
}

std::string Layers(const Comparison& c) {
  if (c.layers.empty() && c.unmatched_layers.empty()) return "";
  std::vector<const LayerComparison*> order;
  for (const LayerComparison& l : c.layers) order.push_back(&l);
  std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->op_index < b->op_index; });
  std::vector<report::Bar> bars;
  for (const LayerComparison* l : order) {
    if (l->scale > 0) bars.push_back({l->name + " (" + l->op + ")", l->rmse_over_scale, l->flagged});
  }
  std::string s = "<section><h2>Layers</h2><p>Every quantized activation against its float counterpart. "
                  "<b>RMSE/scale</b> is the error in quantization steps: about " + Fixed(kIdealRmseOverScale, 3) +
                  " is pure rounding; above " + Fixed(kFlagRmseOverScale, 1) + " a layer is flagged. Errors accumulate "
                  "along the graph, so later layers inherit the error of earlier ones.</p>";
  s += "<figure>" + report::LayerBarChart(bars, kIdealRmseOverScale, kFlagRmseOverScale) +
       "<figcaption>RMSE/scale per quantized layer, in graph order (numbers as in the op index order; hover for names).</figcaption></figure>";
  const std::vector<const LayerComparison*> worst = WorstLayers(c);
  if (!worst.empty()) {
    std::vector<std::string> names;
    for (const LayerComparison* l : worst) names.push_back(l->name);
    s += "<div class=\"advice\"><h3>" + std::string(worst.front()->flagged ? "Flagged layers" : "Worst layers (none flagged)") +
         "</h3><ul>";
    for (const LayerComparison* l : worst) {
      s += "<li>" + TensorName(l->name) + " (" + Escape(l->op) + " #" + std::to_string(l->op_index) +
           ") RMSE/scale " + Fixed(l->rmse_over_scale, 3) + "</li>";
    }
    s += "</ul><p>To keep " + std::string(worst.size() == 1 ? "it" : "them") + " in float, quantize again with:</p><pre><code>" +
         Escape(KeepFloatCommand(c, worst)) + "</code></pre></div>";
  }
  s += "<table class=\"layers\"><thead><tr><th class=\"n\">#</th><th>tensor</th><th>op</th><th>shape</th><th class=\"n\">elements</th>"
       "<th class=\"n\">scale</th><th class=\"n\">RMSE/scale</th><th class=\"n\">mean err</th><th class=\"n\">max |err|</th>"
       "<th class=\"n\">MSE</th><th class=\"n\">SNR (dB)</th><th class=\"n\">cosine</th><th>matched</th></tr></thead><tbody>";
  int rank = 1;
  for (const LayerComparison& l : c.layers) {
    const ErrorMetrics& e = l.error;
    s += std::string(l.flagged ? "<tr class=\"flagged\">" : "<tr>") + Td(std::to_string(rank++), true) +
         Td(TensorName(l.name) + (l.float_name != l.name ? "<br><span class=\"muted\">float: " + TensorName(l.float_name) + "</span>" : "")) +
         Td(Escape(l.op) + " <span class=\"muted\">#" + std::to_string(l.op_index) + "</span>") + Td(ShapeString(l.shape)) +
         Td(std::to_string(l.elements), true) + Td(l.scale > 0 ? Sig(l.scale) : "float", true) +
         Td(l.scale > 0 ? Fixed(l.rmse_over_scale, 3) : "–", true) + Td(Sig(e.mean_error), true) + Td(Sig(e.max_abs_error), true) +
         Td(Sig(e.mse), true) + Td(Fixed(e.snr_db, 2), true) + Td(Fixed(e.cosine, 5), true) + Td(l.matched_by) + "</tr>";
  }
  s += "</tbody></table>";
  if (!c.unmatched_layers.empty()) {
    s += "<details><summary>" + std::to_string(c.unmatched_layers.size()) + " quantized tensors without a float counterpart</summary><ul>";
    for (const std::string& u : c.unmatched_layers) s += "<li>" + Escape(u) + "</li>";
    s += "</ul></details>";
  }
  return s + "</section>";
}

std::string Data(const Comparison& c) {
  const DatasetNotes& n = c.dataset;
  std::string s = "<section><h2>Data</h2><table class=\"side\"><tbody>";
  s += "<tr><th>source</th>" + Td(n.random ? "<strong class=\"bad\">random inputs</strong>" : "files") + "</tr>";
  s += "<tr><th>samples requested / used</th>" + Td(std::to_string(n.requested) + " / " + std::to_string(n.used), true) + "</tr>";
  s += "<tr><th>images resized</th>" + Td(std::to_string(n.resized), true) + "</tr>";
  s += "<tr><th>files skipped</th>" + Td(std::to_string(n.skipped.size()), true) + "</tr>";
  s += "<tr><th>preprocessing</th>" + Td(c.preprocess.empty() ? "–" : "<code>" + Escape(c.preprocess) + "</code>") + "</tr>";
  s += "</tbody></table>";
  if (!n.warnings.empty()) {
    s += "<ul class=\"warnings\">";
    for (const std::string& w : n.warnings) s += "<li>" + Escape(w) + "</li>";
    s += "</ul>";
  }
  if (!n.skipped.empty()) {
    s += "<details><summary>Skipped files</summary><ul>";
    for (const std::string& k : n.skipped) s += "<li><code>" + Escape(k) + "</code></li>";
    s += "</ul></details>";
  }
  return s + "</section>";
}

}  // namespace

std::string HtmlReport(const Comparison& c) {
  std::string s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Quantization report: " +
                   Escape(report::FileName(c.float_model.path)) + " vs " + Escape(report::FileName(c.quant_model.path)) +
                   "</title>\n<style>\n" + std::string(report::kReportCss) + "</style>\n</head>\n<body>\n<main>\n";
  s += Header(c) + "\n" + RandomWarning(c) + "\n" + Models(c) + "\n" + AccuracySection(c) + "\n" + Outputs(c) + "\n" +
       Layers(c) + "\n" + Data(c) + "\n";
  s += "<footer>Written by Litescope (<code>litescope-cli compare</code>). Metrics: mean err = mean(quantized − float); "
       "MSE and RMSE of the same difference; SNR and cosine as above; RMSE/scale divides by the quantized tensor's scale.</footer>\n";
  return s + "</main>\n</body>\n</html>\n";
}

}  // namespace litescope
