#include "converter/convert.h"

#include <algorithm>
#include <filesystem>

#include "converter/frontends/keras/keras_frontend.h"
#include "converter/frontends/onnx/onnx_frontend.h"
#include "converter/frontends/tensorflow/tf_frontend.h"
#include "converter/frontends/tflite/tflite_frontend.h"
#include "converter/passes/optimize.h"
#include "converter/writer/tflite_writer.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;

struct FrontEnd {
  const char* extension;
  const char* format;
  Result<ir::Model> (*import)(const std::string& path, const ImportOptions& options, ConversionReport* report);
};

Result<ir::Model> ReadTflite(const std::string& path, const ImportOptions&, ConversionReport* report) {
  Result<std::unique_ptr<Model>> m = Model::Load(path);
  if (!m.ok()) return m.status();
  Result<ir::Model> ir = ImportTflite(**m);
  if (ir.ok())
    for (const ir::Node& n : ir->main().nodes) report->ops.push_back({n.source, ir::NodeOpName(n), {ir::NodeOpName(n)}});
  return ir;
}

constexpr FrontEnd kFrontEnds[] = {
    {".tflite", "tflite", ReadTflite},
    {".onnx", "onnx", ImportOnnx},
    {".h5", "keras", ImportKeras},
    {".hdf5", "keras", ImportKeras},
    {".pb", "tensorflow", ImportTensorFlow},  // a frozen GraphDef
};

// A directory is a TensorFlow SavedModel.
constexpr FrontEnd kSavedModel = {"/", "tensorflow", ImportTensorFlow};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::vector<std::string> ConvertibleExtensions() {
  std::vector<std::string> out;
  for (const FrontEnd& f : kFrontEnds) out.emplace_back(f.extension);
  return out;
}

Result<ConvertResult> Convert(const std::string& source, const std::string& output, const ConvertOptions& options) {
  std::error_code ec;
  if (fs::equivalent(source, output, ec) || fs::absolute(source).lexically_normal() == fs::absolute(output).lexically_normal())
    return InvalidArgument("refusing to convert " + source + " onto itself: choose another output file");
  const std::string ext = Lower(fs::path(source).extension().string());
  const FrontEnd* front = fs::is_directory(source, ec) ? &kSavedModel : nullptr;
  for (const FrontEnd& f : kFrontEnds)
    if (front == nullptr && ext == f.extension) front = &f;
  if (front == nullptr)
    return Unsupported("cannot convert " + source + ": unknown extension '" + ext + "' (known: " + [] {
             std::string list;
             for (const FrontEnd& f : kFrontEnds) list += (list.empty() ? "" : ", ") + std::string(f.extension);
             return list;
           }() + ")");
  const auto progress = [&](double p) {
    if (options.import.progress) options.import.progress(p);
  };
  const auto cancelled = [&] { return Cancelled("converting " + source + " was cancelled"); };
  ConvertResult result;
  result.report.source = source;
  result.report.format = front->format;
  Result<ir::Model> imported = front->import(source, options.import, &result.report);
  if (!imported.ok()) return imported.status();
  progress(0.4);
  if (options.import.cancelled()) return cancelled();
  ir::Model model = std::move(imported).value();
  const ir::Model before = model;  // what --check compares against: no pass has run
  LITESCOPE_RETURN_IF_ERROR(Optimize(model, &result.report).WithContext("converting " + source));
  progress(0.8);
  if (options.import.cancelled()) return cancelled();
  result.report.tflite_ops = 0;
  result.report.transposes = 0;
  result.report.subgraphs = static_cast<int>(model.subgraphs.size());
  for (const ir::Graph& g : model.subgraphs) {
    result.report.tflite_ops += static_cast<int>(g.nodes.size());
    for (const ir::Node& n : g.nodes) result.report.transposes += n.op == tflite::BuiltinOperator_TRANSPOSE;
  }
  Result<ModelBuilder> builder = BuildTflite(model);
  if (!builder.ok()) return builder.status();
  if (options.check) {
    Result<SerializedModel> bytes = builder->Finish();
    if (!bytes.ok()) return bytes.status();
    Result<CheckReport> check = CheckConversion(before, *bytes);
    if (!check.ok()) return check.status().WithContext("checking the conversion of " + source);
    result.check = std::move(check).value();
    if (!result.check->ok) return result;  // not written: the converted model computes something else
  }
  LITESCOPE_RETURN_IF_ERROR(builder->WriteFile(output, {source}));
  result.written = true;
  progress(1.0);
  return result;
}

}  // namespace litescope
