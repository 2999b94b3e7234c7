// Batch-norm folding: a float CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED with constant weights
// followed by a MUL and/or an ADD (or SUB) by a constant per-output-channel vector (what front
// ends emit for BatchNormalization) becomes one op with scaled weights and shifted bias.
//
//   int folded = FoldBatchNorm(model.main());
#pragma once

#include "converter/ir/graph.h"

namespace litescope {

int FoldBatchNorm(ir::Graph& g);

}  // namespace litescope
