// litescope-cli convert: a TensorFlow/Keras/ONNX (or .tflite) model to an optimized .tflite, with
// a conversion report and an optional check against the imported graph.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "converter/convert.h"
#include "engine/base/atomic_file.h"

namespace litescope::cli {
namespace {

constexpr const char* kUsage =
    "usage: litescope-cli convert SRC -o OUT.tflite [--input-shape NAME=1,224,224,3]... [--keep-nchw-io]\n"
    "                             [--allow-custom-ops] [--check] [--report FILE.json]\n"
    "       SRC: .onnx, Keras .h5, .tflite, a TensorFlow SavedModel directory [--signature KEY],\n"
    "            or a frozen GraphDef .pb [--inputs A,B] [--outputs C]\n";

// "input=1,224,224,3" -> ("input", {1, 224, 224, 3}).
Status ParseInputShape(const std::string& text, std::map<std::string, ir::Dims>* shapes) {
  const size_t eq = text.rfind('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    return InvalidArgument("--input-shape wants NAME=D0,D1,..., not '" + text + "'");
  ir::Dims dims;
  size_t at = eq + 1;
  while (at <= text.size()) {
    const size_t comma = std::min(text.find(',', at), text.size());
    const std::string part = text.substr(at, comma - at);
    try {
      size_t used = 0;
      const int d = std::stoi(part, &used);
      if (used != part.size() || d <= 0) throw std::invalid_argument(part);
      dims.push_back(d);
    } catch (const std::exception&) {
      return InvalidArgument("--input-shape " + text + ": '" + part + "' is not a positive dimension");
    }
    at = comma + 1;
  }
  (*shapes)[text.substr(0, eq)] = dims;
  return Status::Ok();
}

}  // namespace

int ConvertCommand(int argc, char** argv) {
  Args args(argc, argv);
  ConvertOptions options;
  const std::optional<std::string> out = args.Value({"-o", "--output"});
  const std::optional<std::string> report_path = args.Value("--report");
  options.import.keep_nchw_io = args.Flag("--keep-nchw-io");
  options.import.allow_custom_ops = args.Flag("--allow-custom-ops");
  for (const std::string& v : args.Values("--signature")) options.import.signature = v;
  for (const char* flag : {"--inputs", "--outputs"}) {
    for (const std::string& list : args.Values(flag)) {
      std::vector<std::string>& names = std::string(flag) == "--inputs" ? options.import.inputs : options.import.outputs;
      for (size_t b = 0; b <= list.size();) {
        const size_t e = std::min(list.find(',', b), list.size());
        if (e > b) names.push_back(list.substr(b, e - b));
        b = e + 1;
      }
    }
  }
  options.check = args.Flag("--check");
  const std::vector<std::string> shapes = args.Values("--input-shape");
  Status s = args.Finish(1, 1);
  for (const std::string& shape : shapes)
    if (s.ok()) s = ParseInputShape(shape, &options.import.input_shapes);
  if (s.ok() && !out) s = InvalidArgument("-o OUT.tflite is required");
  if (!s.ok()) {
    std::fprintf(stderr, "convert: %s\n%s", s.message().c_str(), kUsage);
    return 2;
  }
  const std::string& source = args.positional()[0];
  Result<ConvertResult> r = Convert(source, *out, options);
  if (!r.ok()) {
    std::fprintf(stderr, "error: %s\n", r.status().message().c_str());
    return 1;
  }
  std::cout << r->report.Text();
  if (report_path) {
    const std::string json = r->report.Json().dump(1) + "\n";
    if (Status w = WriteFileAtomically(*report_path, {reinterpret_cast<const uint8_t*>(json.data()), json.size()}, {source});
        !w.ok()) {
      std::fprintf(stderr, "error: %s\n", w.message().c_str());
      return 1;
    }
    std::printf("report written to %s\n", report_path->c_str());
  }
  if (r->check) std::cout << "check against the imported graph:\n" << r->check->summary;
  if (!r->written) {
    std::fprintf(stderr, "error: the converted model differs from the imported graph; %s was not written\n", out->c_str());
    return 1;
  }
  std::printf("wrote %s\n", out->c_str());
  return 0;
}

}  // namespace litescope::cli
