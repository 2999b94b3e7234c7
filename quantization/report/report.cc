// Report formats by extension, atomic writing, the keep-float advice and the text summary.
#include "quantization/report/report.h"

#include <algorithm>
#include <span>

#include "engine/base/atomic_file.h"
#include "quantization/report/format.h"

namespace litescope {
namespace {

using report::Fixed;
using report::Sig;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string ModelLine(const char* role, const ModelInfo& m) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "%-10s %-36s %11s %5d ops   %9s ms median (%d runs, %d thread%s)\n", role,
                report::FileName(m.path).c_str(), report::Bytes(static_cast<double>(m.file_bytes)).c_str(), m.op_count,
                Sig(m.latency_ms).c_str(), m.latency_runs, m.threads, m.threads == 1 ? "" : "s");
  return buf;
}

}  // namespace

Result<ReportFormat> ReportFormatOf(const std::string& path) {
  const std::string p = Lower(path);
  if (p.ends_with(".html") || p.ends_with(".htm")) return ReportFormat::kHtml;
  if (p.ends_with(".json")) return ReportFormat::kJson;
  if (p.ends_with(".csv")) return ReportFormat::kCsv;
  return InvalidArgument("report " + path + ": unknown format (the extension must be .html, .json or .csv)");
}

Status WriteReport(const Comparison& c, const std::string& path) {
  Result<ReportFormat> format = ReportFormatOf(path);
  if (!format.ok()) return format.status();
  const std::string text = *format == ReportFormat::kHtml   ? HtmlReport(c)
                           : *format == ReportFormat::kJson ? JsonReport(c)
                                                            : LayersCsv(c);
  return WriteFileAtomically(path, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()),
                             {c.float_model.path, c.quant_model.path});
}

std::vector<const LayerComparison*> WorstLayers(const Comparison& c) {
  std::vector<const LayerComparison*> worst;
  for (const LayerComparison& l : c.layers) {
    if (l.flagged && worst.size() < 5) worst.push_back(&l);
  }
  if (!worst.empty()) return worst;
  for (const LayerComparison& l : c.layers) {  // sorted: quantized layers first, worst first
    if (l.scale <= 0 || worst.size() == 3) break;
    worst.push_back(&l);
  }
  return worst;
}

std::string KeepFloatRegex(const std::vector<std::string>& tensor_names) {
  std::string re = "^(?:";
  for (size_t i = 0; i < tensor_names.size(); ++i) {
    if (i) re += '|';
    for (char ch : tensor_names[i]) {
      if (std::string_view("\\^$.|?*+()[]{}").find(ch) != std::string_view::npos) re += '\\';
      re += ch;
    }
  }
  return re + ")$";
}

std::string KeepFloatCommand(const Comparison& c, const std::vector<const LayerComparison*>& layers) {
  std::vector<std::string> names;
  // --keep-float matches the float model's tensor names (the quantizer's input).
  for (const LayerComparison* l : layers) names.push_back(l->float_name.empty() ? l->name : l->float_name);
  std::string out = c.quant_model.path;
  const size_t dot = out.rfind(".tflite");
  out = (dot == std::string::npos ? out : out.substr(0, dot)) + "_mixed.tflite";
  std::string command = "litescope-cli quantize " + ShellQuote(c.float_model.path) + " -o " + ShellQuote(out) + " --mode int8";
  if (!c.quant_model.inputs.empty()) {
    const std::string io = Lower(c.quant_model.inputs[0].type);
    command += " --io " + (io == "float32" ? std::string("float") : io);
  }
  for (const std::string& d : c.data_paths) command += " --data " + ShellQuote(d);
  if (!c.preprocess.empty()) command += " --preprocess " + ShellQuote(c.preprocess);
  return command + " --keep-float " + ShellQuote(KeepFloatRegex(names));
}

std::string TextSummary(const Comparison& c) {
  std::string s = ModelLine("float", c.float_model) + ModelLine("quantized", c.quant_model);
  s += "data: " + std::to_string(c.dataset.used) + " samples" + (c.dataset.random ? " of RANDOM input" : "");
  if (!c.preprocess.empty()) s += ", preprocess " + c.preprocess;
  s += "\n";
  for (const std::string& w : c.dataset.warnings) s += "  ! " + w + "\n";
  char buf[512];
  s += "\noutput                          SNR dB   cosine      RMSE   max|err|  mean|err|\n";
  for (const OutputComparison& o : c.outputs) {
    std::snprintf(buf, sizeof buf, "%-30s %7s %8s %9s %10s %10s\n", o.float_tensor.name.substr(0, 30).c_str(),
                  Fixed(o.error.snr_db, 2, true).c_str(), Fixed(o.error.cosine, 5).c_str(), Sig(o.error.rmse, true).c_str(),
                  Sig(o.error.max_abs_error, true).c_str(), Sig(o.error.mean_abs_error, true).c_str());
    s += buf;
  }
  if (c.accuracy) {
    const Accuracy& a = *c.accuracy;
    s += "\nclassifier (" + std::to_string(a.classes) + " classes, " + std::to_string(a.samples) +
         " samples): top-1 agreement " + report::Percent(a.top1_agreement) + ", top-5 agreement " +
         report::Percent(a.top5_agreement) + "\n";
    if (a.labelled > 0) {
      s += "  accuracy on " + std::to_string(a.labelled) + " labelled: float top-1 " + report::Percent(a.float_top1) +
           " top-5 " + report::Percent(a.float_top5) + " | quantized top-1 " + report::Percent(a.quant_top1) + " top-5 " +
           report::Percent(a.quant_top5) + "\n";
    }
  }
  if (!c.layers.empty()) {
    const auto flagged = std::count_if(c.layers.begin(), c.layers.end(), [](const LayerComparison& l) { return l.flagged; });
    s += "\nlayers: " + std::to_string(c.layers.size()) + " compared, " + std::to_string(flagged) +
         " flagged (RMSE/scale > 0.7; 0.289 is pure rounding)\n  RMSE/scale  SNR dB   cosine  op                  tensor\n";
    for (size_t i = 0; i < c.layers.size() && i < 10; ++i) {
      const LayerComparison& l = c.layers[i];
      std::snprintf(buf, sizeof buf, "%s %9s %7s %8s  %-18s  %s\n", l.flagged ? "!" : " ",
                    l.scale > 0 ? Fixed(l.rmse_over_scale, 3).c_str() : "float", Fixed(l.error.snr_db, 2, true).c_str(),
                    Fixed(l.error.cosine, 5).c_str(), l.op.c_str(), l.name.c_str());
      s += buf;
    }
    const std::vector<const LayerComparison*> worst = WorstLayers(c);
    if (!worst.empty()) s += "to keep the worst layers in float:\n  " + KeepFloatCommand(c, worst) + "\n";
  }
  for (const std::string& u : c.unmatched_layers) s += "  unmatched: " + u + "\n";
  return s;
}

}  // namespace litescope
