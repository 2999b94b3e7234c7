// The quantization modes, each a rewrite of a float model's main subgraph in place (quantize.cc
// validates the model and dispatches here).
#pragma once

#include <regex>

#include "quantization/ptq/quantize.h"

namespace litescope::quant {

// "conv1/Relu (CONV_2D)": the node's source name, or its first output's name, and its op.
std::string NodeLabel(const ir::Graph& g, const ir::Node& n);

// True when the node's op name or one of its output tensor names matches `keep_float`.
bool KeptFloat(const ir::Graph& g, const ir::Node& n, const std::regex* keep_float);

Status QuantizeFullInteger(ir::Model& model, const QuantizeOptions& options, const Calibration& calibration,
                           const std::regex* keep_float, QuantizeReport* report);
Status QuantizeDynamicRange(ir::Model& model, const QuantizeOptions& options, const std::regex* keep_float,
                            QuantizeReport* report);
Status QuantizeFloat16(ir::Model& model, const std::regex* keep_float, QuantizeReport* report);

}  // namespace litescope::quant
