// The converter as one library call (the CLI's `convert` and the desktop app's drag-and-drop
// conversion): reads the source by its extension (.onnx, Keras .h5, TensorFlow frozen .pb, or
// .tflite to re-optimize) or, for a directory, as a TensorFlow SavedModel,
// runs the pass pipeline, optionally checks the result against the imported graph,
// and writes the .tflite atomically. Never writes over the source, never leaves a partial file.
//
//   ConvertOptions o;
//   o.check = true;
//   Result<ConvertResult> r = Convert("net.onnx", "net.tflite", o);
//   std::cout << r->report.Text();
#pragma once

#include <optional>
#include <string>

#include "converter/check.h"
#include "converter/frontends/import_options.h"

namespace litescope {

struct ConvertOptions {
  ImportOptions import;
  bool check = false;
};

struct ConvertResult {
  ConversionReport report;
  std::optional<CheckReport> check;  // with options.check
  bool written = false;              // false when the check failed (nothing is written then)
};

Result<ConvertResult> Convert(const std::string& source, const std::string& output, const ConvertOptions& options);

// The source formats Convert() reads: ".tflite", ".onnx", ".h5", ...
std::vector<std::string> ConvertibleExtensions();

}  // namespace litescope
