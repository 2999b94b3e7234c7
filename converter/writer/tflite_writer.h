// IR -> .tflite through the engine's ModelBuilder: only the values something uses are written
// (passes leave dead ones behind), names are kept, unknown dimensions become 1 in `shape` and -1
// in `shape_signature` (TFLite's convention), weights shared by several values share one buffer,
// and a model without signatures gets a `serving_default` one over the main graph's inputs and
// outputs, named after them.
//
//   Result<SerializedModel> bytes = SerializeTflite(model);
//   Status s = WriteTflite(model, "out.tflite", {"in.onnx"});   // atomic; never over a source
#pragma once

#include <string>
#include <vector>

#include "converter/ir/graph.h"
#include "engine/model/model_builder.h"

namespace litescope {

// `tensor_of`, when given, receives per subgraph the tensor index of every value (-1: not written).
Result<ModelBuilder> BuildTflite(const ir::Model& model, std::vector<std::vector<int>>* tensor_of = nullptr);
Result<SerializedModel> SerializeTflite(const ir::Model& model, std::vector<std::vector<int>>* tensor_of = nullptr);
Status WriteTflite(const ir::Model& model, const std::string& path, const std::vector<std::string>& sources);

}  // namespace litescope
