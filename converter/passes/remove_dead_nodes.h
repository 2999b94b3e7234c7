// Dead-code elimination: removes every node none of whose outputs is read by a live node or is a
// graph output (iterated backwards, so whole dead chains go at once). Stateful ops (variables,
// calls into other subgraphs) are kept.
//
//   int removed = RemoveDeadNodes(model.main());
#pragma once

#include "converter/ir/graph.h"

namespace litescope {

int RemoveDeadNodes(ir::Graph& g);

}  // namespace litescope
