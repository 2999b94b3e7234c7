// What every front end takes and reports: the user's input shapes, whether unsupported ops may
// become custom ops, cancellation and progress; and the conversion report (every source op and
// the TFLite ops it became, every unsupported op with its node name and the reason).
//
//   ImportOptions o;
//   o.input_shapes["input"] = {1, 224, 224, 3};
//   ConversionReport report;
//   Result<ir::Model> m = ImportOnnx("net.onnx", o, &report);
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "converter/ir/graph.h"

namespace litescope {

struct ImportOptions {
  // Shapes for inputs whose dimensions the source leaves open (by input name).
  std::map<std::string, ir::Dims> input_shapes;
  // Unsupported source ops become CUSTOM ops named after them instead of an error.
  bool allow_custom_ops = false;
  // ONNX: keep the model's inputs and outputs in NCHW (a TRANSPOSE at each) instead of NHWC.
  bool keep_nchw_io = false;
  // TensorFlow SavedModel: the signature to convert (empty: "serving_default", or the only one).
  std::string signature;
  // TensorFlow frozen GraphDef: input and output tensors ("name" or "name:1"); empty: the
  // Placeholders, and the nodes nothing reads.
  std::vector<std::string> inputs, outputs;
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(double)> progress;  // 0..1

  bool cancelled() const { return cancel != nullptr && cancel->load(std::memory_order_relaxed); }
};

struct ConversionReport {
  std::string source;   // the file
  std::string format;   // "onnx", "keras", "tflite"
  struct Op {
    std::string name;     // the source node or layer name
    std::string type;     // its source op type ("Conv", "Dense")
    std::vector<std::string> tflite_ops;  // what it became ("TRANSPOSE", "CONV_2D", ...)
  };
  std::vector<Op> ops;
  struct Unsupported {
    std::string name, type, reason;
  };
  std::vector<Unsupported> unsupported;
  std::vector<std::string> warnings;
  std::vector<std::string> passes;  // "fold_constants: 12 nodes folded"
  int transposes = 0;               // TRANSPOSE ops in the written model
  int tflite_ops = 0;               // operators in the written model, all subgraphs
  int subgraphs = 1;                // the main one and those of WHILE/IF

  // The documented JSON form (docs/convert-report-json.md).
  nlohmann::json Json() const;
  // A readable summary for the terminal.
  std::string Text() const;
};

}  // namespace litescope
