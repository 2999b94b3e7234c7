// What running a model will cost, known before it runs: the interpreter's arena (with and without
// lifetime-based reuse) and the multiply-accumulates of every operator whose cost is known
// (convolutions, fully connected, batch matmul), per op type and in total, at the model's shapes.
//
//   Result<RuntimeEstimate> e = EstimateRuntime(model);   // error: why the interpreter refused it
//   e->macs_total, e->arena_bytes
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "engine/base/status.h"
#include "engine/model/model.h"

namespace litescope {

struct RuntimeEstimate {
  uint64_t arena_bytes = 0;
  uint64_t naive_bytes = 0;                // every tensor in its own memory
  std::map<std::string, int64_t> macs_by_op;  // main subgraph, op name -> MACs
  int64_t macs_total = 0;
};

Result<RuntimeEstimate> EstimateRuntime(const Model& model);

}  // namespace litescope
