// Shape inference by the engine itself: the IR is written to a .tflite in memory and prepared by
// the interpreter, whose kernels compute every output shape (one set of shape rules, the same the
// model will run with); the shapes are copied back into the IR. Inputs must have static shapes.
//
//   Status s = InferShapes(model);   // error: the interpreter's message, naming the node
#pragma once

#include "converter/ir/graph.h"

namespace litescope {

Status InferShapes(ir::Model& model);

}  // namespace litescope
