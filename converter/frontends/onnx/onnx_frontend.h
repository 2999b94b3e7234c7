// ONNX -> IR. Every ONNX node becomes one or more TFLite builtin ops (the op table in
// onnx_op_table.cc says which ONNX ops are handled, one file per op family). Values keep ONNX's
// layout (NCHW): each layout-sensitive TFLite op (CONV_2D, pools, RESIZE_*, ...) is wrapped in
// TRANSPOSEs to and from NHWC, which a later pass cancels. 4-D model inputs and outputs are NHWC
// unless options.keep_nchw_io. Shape computations on constants are folded at import.
//
//   ImportOptions o;
//   ConversionReport report;
//   Result<ir::Model> m = ImportOnnx("net.onnx", o, &report);
//   if (!m.ok()) std::cerr << m.status().message();   // "node conv_12 (Conv): group 3 with ..."
#pragma once

#include <string>

#include "converter/frontends/import_options.h"
#include "converter/ir/graph.h"

namespace litescope {

Result<ir::Model> ImportOnnx(const std::string& path, const ImportOptions& options, ConversionReport* report);

}  // namespace litescope
