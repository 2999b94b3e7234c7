// Shape inference by the engine itself: the IR is written to a .tflite in memory and prepared by
// the interpreter, whose kernels compute every output shape (one set of shape rules, the same the
// model will run with); the shapes are copied back into the IR. Inputs must have static shapes.
//
//   Status s = InferShapes(model);   // error: the interpreter's message, naming the node
//   s = InferShapesOf(model, value);   // a front end mid-import: only what `value` depends on
#pragma once

#include "converter/ir/graph.h"

namespace litescope {

Status InferShapes(ir::Model& model);

// The same for the part of the main graph that `value` depends on (a graph still being imported,
// whose outputs are not known yet): the graph's outputs are set to `value` for the run and put back.
Status InferShapesOf(ir::Model& model, int value);

}  // namespace litescope
