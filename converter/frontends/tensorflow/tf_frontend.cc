#include "converter/frontends/tensorflow/tf_frontend.h"

#include <set>

#include "converter/frontends/tensorflow/tf_graph_import.h"
#include "converter/frontends/tensorflow/tf_source.h"
#include "converter/passes/infer_shapes.h"

namespace litescope {
namespace {

void Warn(ConversionReport* report, const std::string& w) {
  if (report != nullptr) report->warnings.push_back(w);
}

Status AddInput(TfImporter& im, const TfPort& port, ConversionReport* report) {
  ir::Value v;
  v.name = port.name;
  Result<tflite::TensorType> type = TfTypeToTflite(port.dtype == 0 ? tfproto::DT_FLOAT : port.dtype);
  if (!type.ok()) return type.status().WithContext("input " + port.name);
  v.type = *type;
  const auto& given = im.options().input_shapes;
  auto it = given.find(port.name);
  if (it == given.end()) it = given.find(port.tensor);
  if (it != given.end()) {
    v.shape = it->second;
  } else if (!port.shape) {
    return InvalidArgument("input " + port.name + " has no shape in the model; give it (--input-shape " + port.name + "=...)");
  } else {
    v.shape = *port.shape;
    for (size_t d = 0; d < v.shape.size(); ++d) {
      if (v.shape[d] >= 0) continue;
      if (d != 0)
        return InvalidArgument("input " + port.name + ": dimension " + std::to_string(d) + " is unknown; give the input's shape (--input-shape " +
                               port.name + "=...)");
      v.shape[d] = 1;
      Warn(report, "input " + port.name + ": unknown batch dimension set to 1");
    }
  }
  for (int32_t d : v.shape)
    if (d < 0) return InvalidArgument("input " + port.name + ": the given shape has a negative dimension");
  const int id = im.graph().AddValue(std::move(v));
  im.graph().inputs.push_back(id);
  im.tensors()[port.tensor] = id;
  return Status::Ok();
}

}  // namespace

Result<ir::Model> ImportTensorFlow(const std::string& path, const ImportOptions& options, ConversionReport* report) {
  const bool saved_model = IsSavedModelDir(path);
  Result<TfSource> src = saved_model ? ReadSavedModel(path, options.signature) : ReadFrozenGraph(path, options.inputs, options.outputs);
  if (!src.ok()) return src.status();
  const std::string context = "converting " + path;
  if (report != nullptr) {
    report->source = path;
    report->format = saved_model ? "tensorflow_saved_model" : "tensorflow_graphdef";
  }
  if (options.progress) options.progress(0.02);
  std::set<std::string> inputs;
  std::vector<std::string> outputs;
  for (const TfPort& p : src->inputs) inputs.insert(p.tensor);
  for (const TfPort& p : src->outputs) outputs.push_back(p.tensor);
  Result<TfFlatGraph> flat = FlattenTfGraph(*src->graph, inputs, outputs);
  if (!flat.ok()) return flat.status().WithContext(context);
  ir::Model model;
  model.main().name = "main";
  model.description = "converted from " + src->description;
  TfImporter im(model, options, *src, report);
  for (const TfPort& p : src->inputs) LITESCOPE_RETURN_IF_ERROR(AddInput(im, p, report).WithContext(context));
  bool has_custom = false;
  LITESCOPE_RETURN_IF_ERROR(ConvertTfGraph(im, *flat, &has_custom).WithContext(context));
  std::vector<std::string> names;
  for (const TfPort& p : src->outputs) names.push_back(p.name);
  LITESCOPE_RETURN_IF_ERROR(SetTfGraphOutputs(im, names, flat->outputs).WithContext(context));
  if (!has_custom) LITESCOPE_RETURN_IF_ERROR(InferShapes(model).WithContext(context + ": checking the converted graph"));
  LITESCOPE_RETURN_IF_ERROR(ir::Verify(model).WithContext(context));
  if (options.progress) options.progress(1.0);
  return model;
}

}  // namespace litescope
