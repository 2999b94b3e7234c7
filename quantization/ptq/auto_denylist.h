// --auto-denylist K: quantize, find the K quantized layers with the worst per-layer error
// (RMSE/scale, from the quantization debugger on the calibration data), quantize again keeping
// them in float, and measure what that recovered (output SNR, top-1 agreement) and what it cost
// (file size, latency).
//
//   Result<ir::Model> better = KeepWorstLayersFloat(float_model, graph, first, calibration, o, &report, &denylist);
#pragma once

#include <string>
#include <vector>

#include "quantization/ptq/quantize_file.h"

namespace litescope {

struct AutoDenylistResult {
  std::vector<std::string> layers;  // the tensors kept in float, worst first
  std::string keep_float;           // the --keep-float regex that was used
  struct Measure {
    double snr_db = 0;          // output 0 against the float model
    double top1_agreement = -1;  // -1 when output 0 is not a classifier's
    uint64_t file_bytes = 0;
    double latency_ms = 0;  // median
  } before, after;
};

// `graph` is the float model's IR, `first` its quantization with `options`; `report` receives the
// report of the second quantization.
Result<ir::Model> KeepWorstLayersFloat(const Model& float_model, const ir::Model& graph, const ir::Model& first,
                                       const Calibration& calibration, const QuantizeFileOptions& options, QuantizeReport* report,
                                       AutoDenylistResult* result);

}  // namespace litescope
