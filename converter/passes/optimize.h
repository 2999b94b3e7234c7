// The converter's pass pipeline, in order: shape inference, constant folding, TRANSPOSE
// cancellation (layout conversion), batch-norm folding, activation fusion, dead-code elimination,
// and a final shape inference and verification. Each pass's count goes into the report.
//
//   Status s = Optimize(model, &report);
#pragma once

#include "converter/frontends/import_options.h"
#include "converter/ir/graph.h"

namespace litescope {

Status Optimize(ir::Model& model, ConversionReport* report);

}  // namespace litescope
