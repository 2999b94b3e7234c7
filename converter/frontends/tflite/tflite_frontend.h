// .tflite -> IR: every subgraph, tensor (name, shape with its signature's -1s, dtype,
// quantization, constant data, variable flag), operator (options unpacked), signature, description
// and metadata, so a model can be rewritten (quantized, optimized) and written back.
//
//   Result<ir::Model> m = ImportTflite(**Model::Load("net.tflite"));
#pragma once

#include "converter/ir/graph.h"
#include "engine/model/model.h"

namespace litescope {

Result<ir::Model> ImportTflite(const Model& model);

}  // namespace litescope
