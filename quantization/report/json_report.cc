// report.json, documented field by field in docs/compare-report-json.md.
#include <nlohmann/json.hpp>

#include "quantization/report/format.h"
#include "quantization/report/report.h"

namespace litescope {
namespace {

using nlohmann::json;

// Non-finite numbers (SNR of identical tensors) become strings: JSON has no infinity.
json Number(double v) {
  if (std::isfinite(v)) return v;
  return report::Fixed(v, 0, true);
}

json TensorJson(const TensorInfo& t) {
  return {{"name", t.name}, {"type", t.type}, {"shape", t.shape}, {"scale", t.scale}, {"zero_point", t.zero_point}};
}

json ModelJson(const ModelInfo& m) {
  json inputs = json::array(), outputs = json::array();
  for (const TensorInfo& t : m.inputs) inputs.push_back(TensorJson(t));
  for (const TensorInfo& t : m.outputs) outputs.push_back(TensorJson(t));
  return {{"path", m.path},          {"file_bytes", m.file_bytes}, {"op_count", m.op_count},
          {"ops", m.ops},            {"inputs", inputs},           {"outputs", outputs},
          {"latency_ms", m.latency_ms}, {"latency_min_ms", m.latency_min_ms}, {"latency_runs", m.latency_runs},
          {"threads", m.threads}};
}

json Error(const ErrorMetrics& e) {
  return {{"count", e.count},
          {"samples", e.samples},
          {"mean_error", Number(e.mean_error)},
          {"mean_abs_error", Number(e.mean_abs_error)},
          {"max_abs_error", Number(e.max_abs_error)},
          {"mse", Number(e.mse)},
          {"rmse", Number(e.rmse)},
          {"snr_db", Number(e.snr_db)},
          {"cosine", Number(e.cosine)}};
}

}  // namespace

std::string JsonReport(const Comparison& c) {
  json outputs = json::array(), layers = json::array();
  for (const OutputComparison& o : c.outputs) {
    outputs.push_back({{"float", TensorJson(o.float_tensor)},
                       {"quantized", TensorJson(o.quant_tensor)},
                       {"error", Error(o.error)},
                       {"histogram", {{"lo", o.histogram.lo}, {"hi", o.histogram.hi}, {"counts", o.histogram.counts}}}});
  }
  for (const LayerComparison& l : c.layers) {
    layers.push_back({{"tensor", l.name}, {"float_tensor", l.float_name}, {"op", l.op}, {"op_index", l.op_index},
                      {"matched_by", l.matched_by}, {"shape", l.shape}, {"elements", l.elements}, {"scale", l.scale},
                      {"rmse_over_scale", l.scale > 0 ? json(l.rmse_over_scale) : json(nullptr)}, {"flagged", l.flagged},
                      {"error", Error(l.error)}});
  }
  json accuracy = nullptr;
  if (c.accuracy) {
    const Accuracy& a = *c.accuracy;
    accuracy = {{"output", a.output}, {"classes", a.classes}, {"samples", a.samples}, {"labelled", a.labelled},
                {"top1_agreement", a.top1_agreement}, {"top5_agreement", a.top5_agreement}};
    if (a.labelled > 0) {
      accuracy["float"] = {{"top1", a.float_top1}, {"top5", a.float_top5}};
      accuracy["quantized"] = {{"top1", a.quant_top1}, {"top5", a.quant_top5}};
    }
  }
  std::vector<std::string> worst_names;
  for (const LayerComparison* l : WorstLayers(c)) worst_names.push_back(l->name);
  const json doc = {
      {"format", "litescope.compare"},
      {"format_version", 1},
      {"float_model", ModelJson(c.float_model)},
      {"quantized_model", ModelJson(c.quant_model)},
      {"dataset",
       {{"random", c.dataset.random}, {"requested", c.dataset.requested}, {"used", c.dataset.used},
        {"resized", c.dataset.resized}, {"skipped", c.dataset.skipped}, {"warnings", c.dataset.warnings},
        {"preprocess", c.preprocess}, {"samples", c.sample_names}}},
      {"outputs", outputs},
      {"accuracy", accuracy},
      {"layers", layers},
      {"unmatched_layers", c.unmatched_layers},
      {"flag_rmse_over_scale", kFlagRmseOverScale},
      {"keep_float",
       {{"tensors", worst_names},
        {"regex", worst_names.empty() ? "" : KeepFloatRegex(worst_names)},
        {"command", worst_names.empty() ? "" : KeepFloatCommand(c, WorstLayers(c))}}},
      {"warnings", c.warnings}};
  return doc.dump(1) + "\n";
}

}  // namespace litescope
