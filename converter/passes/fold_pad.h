// Folds an explicit PAD into the convolution or max pool after it when the PAD adds exactly what
// that op's SAME padding would (TFLite SAME puts an odd extra pixel at the end): a PAD / PADV2 of
// the spatial dimensions (NHWC 1 and 2) only, read by nothing else, whose value is what SAME pads
// with — zero (the zero point, when quantized) for CONV_2D / DEPTHWISE_CONV_2D, -inf (or the
// lowest float) for MAX_POOL_2D. AVERAGE_POOL_2D never folds: its SAME averages exclude padding.
//
//   int folded = FoldPad(model.main());  // shapes must be inferred
#pragma once

#include "converter/ir/graph.h"

namespace litescope {

int FoldPad(ir::Graph& g);

}  // namespace litescope
