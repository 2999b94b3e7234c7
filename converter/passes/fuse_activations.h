// Folds a RELU, RELU6 or RELU_N1_TO_1 into the fused_activation_function of the op before it
// (convolutions, FULLY_CONNECTED, elementwise arithmetic, pools, CONCATENATION) when that op's
// output feeds only the activation and both sides quantize alike.
//
//   int fused = FuseActivations(model.main());
#pragma once

#include "converter/ir/graph.h"

namespace litescope {

int FuseActivations(ir::Graph& g);

}  // namespace litescope
