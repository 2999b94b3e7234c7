// Keras HDF5 (.h5 from Keras 2 / tf.keras, model.save("x.h5")) -> IR. Layers map directly onto
// TFLite builtins (both are NHWC); BatchNormalization becomes MUL + ADD for passes/ to fold,
// activations fuse into their op where TFLite can (relu, relu6). Every layer, with the TFLite ops
// it became, goes into the report; a Lambda layer or a custom class is an error naming it (a
// CUSTOM op with options.allow_custom_ops). Unknown dimensions other than the batch need
// options.input_shapes. The supported classes: keras::SupportedLayerClasses().
//
//   ConversionReport report;
//   Result<ir::Model> m = ImportKeras("ad01.h5", {}, &report);
//   if (m.ok()) Status s = WriteTflite(*m, "ad01.tflite", {"ad01.h5"});
#pragma once

#include <string>

#include "converter/frontends/import_options.h"
#include "converter/ir/graph.h"

namespace litescope {

Result<ir::Model> ImportKeras(const std::string& path, const ImportOptions& options, ConversionReport* report);

}  // namespace litescope
