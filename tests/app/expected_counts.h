// Node and edge counts of a subgraph's view, computed straight from the FlatBuffer tables, for
// the view-graph and desktop-app tests: inputs + operators + outputs nodes; an edge for every
// operator input produced by an earlier operator or a model input, and for every produced output.
#pragma once

#include <set>
#include <utility>

#include "engine/schema/tflite_generated.h"

namespace litescope::testing {

inline std::pair<size_t, size_t> ExpectedViewCounts(const tflite::SubGraph& sg) {
  std::set<int32_t> produced(sg.inputs()->begin(), sg.inputs()->end());
  size_t edges = 0;
  for (const tflite::Operator* op : *sg.operators()) {
    for (int32_t t : *op->inputs()) edges += t >= 0 && produced.contains(t);
    for (int32_t t : *op->outputs()) produced.insert(t);
  }
  for (int32_t t : *sg.outputs()) edges += produced.contains(t);
  return {sg.inputs()->size() + sg.operators()->size() + sg.outputs()->size(), edges};
}

}  // namespace litescope::testing
