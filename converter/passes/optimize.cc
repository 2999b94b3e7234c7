#include "converter/passes/optimize.h"

#include <map>
#include <string>

#include "converter/passes/cancel_transposes.h"
#include "converter/passes/fold_batch_norm.h"
#include "converter/passes/fold_constants.h"
#include "converter/passes/fold_pad.h"
#include "converter/passes/fuse_activations.h"
#include "converter/passes/infer_shapes.h"
#include "converter/passes/remove_dead_nodes.h"

namespace litescope {

Status Optimize(ir::Model& model, ConversionReport* report) {
  // Each count sums over the subgraphs (a WHILE's cond and body, an IF's branches).
  std::map<std::string, int> counts;
  auto each = [&](const char* pass, auto run) {
    for (ir::Graph& g : model.subgraphs) counts[pass] += run(g);
  };
  LITESCOPE_RETURN_IF_ERROR(InferShapes(model));
  for (ir::Graph& g : model.subgraphs) {
    Result<int> folded = FoldConstants(g);
    if (!folded.ok()) return folded.status();
    counts["fold_constants"] += *folded;
  }
  each("cancel_transposes (TRANSPOSE removed)", CancelTransposes);
  // Turning unit-dimension TRANSPOSEs into RESHAPEs needs shapes the sinking may have reset.
  LITESCOPE_RETURN_IF_ERROR(InferShapes(model));
  each("cancel_transposes (TRANSPOSE removed)", CancelTransposes);
  each("fold_batch_norm", FoldBatchNorm);
  each("fold_pad", FoldPad);
  each("fuse_activations", FuseActivations);
  each("remove_dead_nodes", RemoveDeadNodes);
  if (report != nullptr)
    for (const char* pass : {"fold_constants", "cancel_transposes (TRANSPOSE removed)", "fold_batch_norm", "fold_pad", "fuse_activations",
                             "remove_dead_nodes"})
      report->passes.push_back(std::string(pass) + ": " + std::to_string(counts[pass]));
  LITESCOPE_RETURN_IF_ERROR(ir::Verify(model));
  return InferShapes(model);
}

}  // namespace litescope
