#include "quantization/ptq/auto_denylist.h"

#include "converter/writer/tflite_writer.h"
#include "quantization/compare/compare.h"
#include "quantization/report/report.h"

namespace litescope {
namespace {

struct Measured {
  std::unique_ptr<Model> model;
  Comparison comparison;
};

Result<Measured> Measure(const Model& float_model, const ir::Model& quantized, const QuantizeFileOptions& options,
                         AutoDenylistResult::Measure* m) {
  Result<SerializedModel> bytes = SerializeTflite(quantized);
  if (!bytes.ok()) return bytes.status();
  Result<std::unique_ptr<Model>> model = Model::FromBytes(bytes->Bytes(), "quantized model");
  if (!model.ok()) return model.status();
  CompareOptions c;
  c.threads = options.threads;
  c.latency_runs = 10;
  Result<Comparison> cmp = Compare(float_model, **model, options.data, c);
  if (!cmp.ok()) return cmp.status().WithContext("measuring the quantized model");
  m->snr_db = cmp->outputs.empty() ? 0 : cmp->outputs[0].error.snr_db;
  m->top1_agreement = cmp->accuracy ? cmp->accuracy->top1_agreement : -1;
  m->file_bytes = (*model)->file_bytes().size();
  m->latency_ms = cmp->quant_model.latency_ms;
  return Measured{std::move(*model), std::move(*cmp)};
}

}  // namespace

Result<ir::Model> KeepWorstLayersFloat(const Model& float_model, const ir::Model& graph, const ir::Model& first,
                                       const Calibration& calibration, const QuantizeFileOptions& options, QuantizeReport* report,
                                       AutoDenylistResult* result) {
  Result<Measured> before = Measure(float_model, first, options, &result->before);
  if (!before.ok()) return before.status();
  for (const LayerComparison& l : before->comparison.layers) {  // worst first
    if (static_cast<int>(result->layers.size()) == options.auto_denylist) break;
    if (l.scale > 0 && !l.float_name.empty()) result->layers.push_back(l.float_name);
  }
  if (result->layers.empty()) return InvalidArgument("--auto-denylist: no quantized layer matched a float tensor");
  const std::string& user = options.quantize.keep_float;
  result->keep_float = KeepFloatRegex(result->layers);
  QuantizeOptions o = options.quantize;
  o.keep_float = user.empty() ? result->keep_float : "(?:" + user + ")|" + result->keep_float;
  Result<ir::Model> second = Quantize(graph, o, &calibration, report);
  if (!second.ok()) return second.status();
  Result<Measured> after = Measure(float_model, *second, options, &result->after);
  if (!after.ok()) return after.status();
  return second;
}

}  // namespace litescope
