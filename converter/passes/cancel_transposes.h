// Removes the TRANSPOSEs layout conversion leaves behind. Front ends of NCHW formats (ONNX) wrap
// every layout-sensitive op in TRANSPOSE pairs; this pass moves each TRANSPOSE down through ops
// that commute with it (elementwise unary and binary ops, with constant operands permuted;
// CONCATENATION, PAD and keep-dims reductions, with axes remapped) until it meets its inverse,
// merges consecutive TRANSPOSEs (dropping identities), and turns a TRANSPOSE that only moves unit
// dimensions into a RESHAPE (merged with neighbouring RESHAPEs). A plain CNN ends with none.
//
//   int removed = CancelTransposes(model.main());
#pragma once

#include "converter/ir/graph.h"

namespace litescope {

// Returns how many TRANSPOSE nodes fewer the graph has.
int CancelTransposes(ir::Graph& g);

}  // namespace litescope
