// The quantizer as one job (the CLI's `quantize`, later the desktop app): loads a float .tflite,
// calibrates it on a dataset when the mode needs ranges, quantizes, checks that the result loads
// and runs in our interpreter, and writes it atomically (never over the source).
//
//   QuantizeFileOptions o;
//   o.quantize.mode = QuantMode::kInt8;
//   o.data.paths = {"calibration_images/"};
//   Result<QuantizeFileResult> r = QuantizeFile("net.tflite", "net_int8.tflite", o);
//   std::cout << r->report.Text();
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "quantization/dataset/dataset.h"
#include "quantization/ptq/quantize.h"

namespace litescope {

struct QuantizeFileOptions {
  QuantizeOptions quantize;
  DatasetSpec data;  // calibration data (int8, 16x8); empty paths: random inputs, warned about
  // The MSE-optimal range: closer to float than TFLite's min/max on the official twins (see
  // tests/quantization/ptq/official_twins_test.cc).
  ObserverKind observer = ObserverKind::kMse;
  int threads = 1;
  // Full-integer modes: keep the K layers with the worst per-layer error in float (auto_denylist.h).
  int auto_denylist = 0;
  // Called with the stage ("calibrating") and progress; returning false cancels.
  std::function<bool(const std::string& stage, int done, int total)> progress;
};

struct AutoDenylistResult;

struct QuantizeFileResult {
  QuantizeReport report;
  DatasetNotes data;  // what calibration read (empty for modes without calibration)
  int64_t bytes_before = 0, bytes_after = 0;  // file sizes
  std::shared_ptr<AutoDenylistResult> auto_denylist;  // with options.auto_denylist
};

Result<QuantizeFileResult> QuantizeFile(const std::string& source, const std::string& output, const QuantizeFileOptions& options);

}  // namespace litescope
