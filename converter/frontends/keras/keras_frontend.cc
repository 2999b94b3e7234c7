#include "converter/frontends/keras/keras_frontend.h"

#include <algorithm>
#include <filesystem>

#include "converter/frontends/keras/keras_model.h"
#include "converter/frontends/keras/keras_reader.h"
#include "converter/passes/infer_shapes.h"

namespace litescope {

Result<ir::Model> ImportKeras(const std::string& path, const ImportOptions& options, ConversionReport* report) {
  ConversionReport scratch;
  if (report == nullptr) report = &scratch;
  report->source = path;
  report->format = "keras";
  Result<keras::KerasFile> file = keras::KerasFile::Open(path);
  if (!file.ok()) return file.status();
  const std::string context = "converting Keras model " + path;
  ir::Model model;
  keras::ModelWalker walker(*file, options, report, model);
  Status s;
  try {
    s = walker.Run();
  } catch (const nlohmann::json::exception& e) {
    s = InvalidArgument(std::string("model_config does not describe a Keras model: ") + e.what());
  }
  LITESCOPE_RETURN_IF_ERROR(s.WithContext(context));
  model.description = "Converted by Litescope from " + std::filesystem::path(path).filename().string() +
                      (file->keras_version().empty() ? std::string() : " (Keras " + file->keras_version() + ")");
  LITESCOPE_RETURN_IF_ERROR(ir::Verify(model).WithContext(context));
  const bool has_custom = std::any_of(model.main().nodes.begin(), model.main().nodes.end(),
                                      [](const ir::Node& n) { return n.op == tflite::BuiltinOperator_CUSTOM; });
  if (has_custom) {
    report->warnings.push_back("the model has CUSTOM ops: shapes after them stay unknown");
  } else {
    LITESCOPE_RETURN_IF_ERROR(InferShapes(model).WithContext(context));
  }
  return model;
}

}  // namespace litescope
