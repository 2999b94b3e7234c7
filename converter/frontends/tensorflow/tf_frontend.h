// TensorFlow -> IR: a SavedModel directory (TF2 or TF1; one signature, `serving_default` unless
// options.signature) or a frozen GraphDef `.pb` (options.inputs / options.outputs, default the
// Placeholders and the sinks). Function calls are inlined, variables become constants read from
// the checkpoint (CRC-checked), the graph is pruned to the outputs, and every TensorFlow op
// becomes one or more TFLite builtin ops (tf_op_table.h lists them, one file per op family).
// TensorFlow is NHWC like TFLite: no layout conversion (NCHW data_format ops are wrapped in
// TRANSPOSEs that a later pass cancels).
//
//   ImportOptions o;
//   o.signature = "serving_default";
//   ConversionReport report;
//   Result<ir::Model> m = ImportTensorFlow("saved_model_dir", o, &report);
//   if (!m.ok()) std::cerr << m.status().message();  // "... has no signature 'x' (it has: a, b)"
#pragma once

#include <string>

#include "converter/frontends/import_options.h"
#include "converter/ir/graph.h"

namespace litescope {

Result<ir::Model> ImportTensorFlow(const std::string& path, const ImportOptions& options, ConversionReport* report);

}  // namespace litescope
