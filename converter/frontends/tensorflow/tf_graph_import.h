// Translating a flattened TensorFlow graph (tf_flatten.h) node by node into the importer's IR
// graph: constants, variables bound to the checkpoint, the op table's converters (and While/If,
// whose functions become subgraphs), CUSTOM ops for unsupported nodes when allowed; then the
// graph's outputs. Used for the top-level graph and for every While/If function.
//
//   bool has_custom = false;
//   LITESCOPE_RETURN_IF_ERROR(ConvertTfGraph(im, flat, &has_custom));
//   LITESCOPE_RETURN_IF_ERROR(SetTfGraphOutputs(im, {"y"}, flat.outputs));
#pragma once

#include <string>
#include <vector>

#include "converter/frontends/tensorflow/tf_importer.h"

namespace litescope {

// Converts `flat.nodes`; the graph's inputs must already be in im.tensors(). `has_custom` is set
// when an unsupported node became a CUSTOM op (ImportOptions::allow_custom_ops).
Status ConvertTfGraph(TfImporter& im, const TfFlatGraph& flat, bool* has_custom);

// Makes `tensors` the graph's outputs, named `names`; an output that is a graph input, a constant
// or another output gets a node of its own.
Status SetTfGraphOutputs(TfImporter& im, const std::vector<std::string>& names, const std::vector<std::string>& tensors);

}  // namespace litescope
