// Post-training quantization of a float model in the converter's IR: dynamic range (int8
// weights, hybrid kernels), full integer int8 (calibrated activations), float16 weights, and 16x8
// (int16 activations, int8 weights). The result follows TFLite's quantization specification, so
// it runs on TFLite (and NNAPI) as well as on our interpreter.
//
//   Result<ir::Model> m = ImportTflite(**Model::Load("net.tflite"));
//   Result<Calibration> c = Calibrate(**Model::Load("net.tflite"), dataset, {});
//   QuantizeOptions o{.mode = QuantMode::kInt8, .io_type = tflite::TensorType_INT8};
//   QuantizeReport report;
//   Result<ir::Model> q = Quantize(*m, o, &*c, &report);
#pragma once

#include <string>
#include <vector>

#include "converter/ir/graph.h"
#include "quantization/calibration/calibrate.h"

namespace litescope {

enum class QuantMode { kDynamic, kInt8, kFloat16, k16x8 };

// "dynamic", "int8", "float16", "16x8".
const char* QuantModeName(QuantMode mode);
Result<QuantMode> ParseQuantMode(const std::string& name);

struct QuantizeOptions {
  QuantMode mode = QuantMode::kInt8;
  bool per_channel = true;  // convolution weights per output channel (else per tensor)
  // Model input/output type for the full-integer modes: FLOAT32 (QUANTIZE/DEQUANTIZE at the
  // edges), INT8 or UINT8 (int8 mode) or INT16 (16x8 mode).
  tflite::TensorType io_type = tflite::TensorType_FLOAT32;
  // Ops whose output tensor name or op name (e.g. "CONV_2D") matches this regex (search) stay float.
  std::string keep_float;
  // Dynamic range: weights with fewer elements stay float (TFLite's default is 1024).
  int64_t min_weight_elements = 1024;
};

struct QuantizeReport {
  QuantMode mode = QuantMode::kInt8;
  int quantized_ops = 0;
  // Ops left in float and why ("conv1/Relu (CONV_2D): matches --keep-float").
  std::vector<std::string> float_ops;
  int quantize_ops_added = 0, dequantize_ops_added = 0;
  int64_t weight_bytes_before = 0, weight_bytes_after = 0;
  std::vector<std::string> warnings;

  std::string Text() const;
};

// Refuses a model that already holds quantized tensors (QUANTIZE/DEQUANTIZE ops or integer
// activations), saying so. `calibration` is required for kInt8 and k16x8 (ranges by tensor index
// of the main subgraph of the same float model).
Result<ir::Model> Quantize(const ir::Model& float_model, const QuantizeOptions& options, const Calibration* calibration,
                           QuantizeReport* report);

}  // namespace litescope
