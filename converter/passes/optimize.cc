#include "converter/passes/optimize.h"

#include "converter/passes/cancel_transposes.h"
#include "converter/passes/fold_batch_norm.h"
#include "converter/passes/fold_constants.h"
#include "converter/passes/fold_pad.h"
#include "converter/passes/fuse_activations.h"
#include "converter/passes/infer_shapes.h"
#include "converter/passes/remove_dead_nodes.h"

namespace litescope {

Status Optimize(ir::Model& model, ConversionReport* report) {
  ir::Graph& g = model.main();
  auto log = [&](const char* pass, int count) {
    if (report != nullptr) report->passes.push_back(std::string(pass) + ": " + std::to_string(count));
  };
  LITESCOPE_RETURN_IF_ERROR(InferShapes(model));
  Result<int> folded = FoldConstants(g);
  if (!folded.ok()) return folded.status();
  log("fold_constants", *folded);
  int transposes = CancelTransposes(g);
  // Turning unit-dimension TRANSPOSEs into RESHAPEs needs shapes the sinking may have reset.
  LITESCOPE_RETURN_IF_ERROR(InferShapes(model));
  transposes += CancelTransposes(g);
  log("cancel_transposes (TRANSPOSE removed)", transposes);
  log("fold_batch_norm", FoldBatchNorm(g));
  log("fold_pad", FoldPad(g));
  log("fuse_activations", FuseActivations(g));
  log("remove_dead_nodes", RemoveDeadNodes(g));
  LITESCOPE_RETURN_IF_ERROR(ir::Verify(model));
  return InferShapes(model);
}

}  // namespace litescope
