// The text of the side panels as HTML: a node (op, version, description, decoded options, every
// input and output tensor with shape, signature, dtype, quantization and buffer size) and the
// whole model (what `litescope-cli inspect` reports, with the arena and MACs the interpreter
// estimates). Tensors link as "tensor:N" (the tensor
// viewer) and called subgraphs as "subgraph:N".
#pragma once

#include <QString>

#include "app/core/graph_scene.h"
#include "app/core/op_metadata.h"
#include "app/core/runtime_estimate.h"
#include "engine/model/model.h"

namespace litescope {

QString NodeHtml(const Model& model, const GraphScene& scene, int node, const OpMetadata& metadata);
// `estimate` adds the arena and the MACs per op type, or says why the interpreter refused the model.
QString ModelHtml(const Model& model, const Result<RuntimeEstimate>& estimate);

}  // namespace litescope
