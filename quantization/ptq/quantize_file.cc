#include "quantization/ptq/quantize_file.h"

#include <filesystem>

#include "converter/frontends/tflite/tflite_frontend.h"
#include "converter/writer/tflite_writer.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"
#include "quantization/ptq/auto_denylist.h"

namespace litescope {

Result<QuantizeFileResult> QuantizeFile(const std::string& source, const std::string& output, const QuantizeFileOptions& options) {
  std::error_code ec;
  if (std::filesystem::exists(output, ec) && std::filesystem::equivalent(source, output, ec))
    return InvalidArgument("refusing to write the quantized model over its source " + source);
  Result<std::unique_ptr<Model>> model = Model::Load(source);
  if (!model.ok()) return model.status();
  Result<ir::Model> graph = ImportTflite(**model);
  if (!graph.ok()) return graph.status().WithContext("reading " + source);
  QuantizeFileResult result;
  std::optional<Calibration> calibration;
  const QuantMode mode = options.quantize.mode;
  if (mode == QuantMode::kInt8 || mode == QuantMode::k16x8) {
    Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(**model, BuiltinOps());
    if (!it.ok()) return it.status().WithContext("loading " + source);
    Result<Dataset> data = Dataset::Open(options.data, **it);
    if (!data.ok()) return data.status().WithContext("calibration data");
    result.data = data->notes();
    CalibrationOptions c{.observer = options.observer, .threads = options.threads};
    if (options.progress) c.progress = [&](int done, int total) { return options.progress("calibrating", done, total); };
    Result<Calibration> ranges = Calibrate(**model, *data, c);
    if (!ranges.ok()) return ranges.status();
    calibration = std::move(*ranges);
  }
  Result<ir::Model> quantized = Quantize(*graph, options.quantize, calibration ? &*calibration : nullptr, &result.report);
  if (!quantized.ok()) return quantized.status().WithContext("quantizing " + source);
  if (options.auto_denylist > 0) {
    if (!calibration) return InvalidArgument("--auto-denylist needs a full-integer mode (int8 or 16x8)");
    result.auto_denylist = std::make_shared<AutoDenylistResult>();
    quantized = KeepWorstLayersFloat(**model, *graph, *quantized, *calibration, options, &result.report, result.auto_denylist.get());
    if (!quantized.ok()) return quantized.status().WithContext("--auto-denylist");
  }
  if (result.data.random)
    result.report.warnings.insert(result.report.warnings.begin(),
                                  "calibrated on RANDOM inputs (no --data given): activation ranges do not reflect real data");
  // The result must load and prepare in our interpreter before it is written.
  Result<SerializedModel> bytes = SerializeTflite(*quantized);
  if (!bytes.ok()) return bytes.status();
  std::vector<uint8_t> file = bytes->Bytes();
  Result<std::unique_ptr<Model>> check = Model::FromBytes(std::move(file), "quantized model");
  if (!check.ok()) return check.status().WithContext("the quantized model does not load (a bug)");
  Result<std::unique_ptr<Interpreter>> runs = Interpreter::Create(**check, BuiltinOps());
  if (!runs.ok()) return runs.status().WithContext("the quantized model does not prepare (a bug)");
  LITESCOPE_RETURN_IF_ERROR(WriteTflite(*quantized, output, {source}));
  result.bytes_before = static_cast<int64_t>(std::filesystem::file_size(source, ec));
  result.bytes_after = static_cast<int64_t>(std::filesystem::file_size(output, ec));
  return result;
}

}  // namespace litescope
