// Constant folding by the engine: a node whose inputs are all constants is run once in the
// interpreter (a one-op model with the reference kernels, so folding computes exactly what the
// model would) and its outputs become constants. Shape arithmetic chains (SHAPE, GATHER, PACK,
// CONCATENATION of shapes, FILL, RANGE, ...) fold away this way. Results above `max_bytes` stay
// computed at run time.
//
//   Result<int> folded = FoldConstants(model.main());
#pragma once

#include <cstdint>

#include "converter/ir/graph.h"

namespace litescope {

Result<int> FoldConstants(ir::Graph& g, uint64_t max_bytes = uint64_t{16} << 20);

}  // namespace litescope
