// The arithmetic of TFLite's quantization specification: affine parameters for activations
// (asymmetric int8/uint8, symmetric int16), symmetric int8 weights (per tensor or per channel),
// int32/int64 biases at input_scale * weight_scale, and float16 constants.
//
//   QuantParams a = ActivationParams(-0.5f, 6.0f, tflite::TensorType_INT8);   // zero point -108
//   QuantizedWeights w = QuantizeWeights(weights, shape, /*axis=*/0);          // per output channel
#pragma once

#include <cstdint>
#include <vector>

#include "converter/ir/graph.h"

namespace litescope::quant {

// Parameters that represent [min, max] (widened to hold 0) in `type`: INT8 and UINT8 asymmetric
// with a zero point rounded into range; INT16 symmetric (zero point 0). A zero-width range gets
// scale 1 so that the tensor still holds exact zeros.
QuantParams ActivationParams(float min, float max, tflite::TensorType type);

// Real value -> integer of `type` with `params` (per-tensor), rounded half away from zero and
// clamped; and back.
int32_t QuantizeValue(float value, float scale, int64_t zero_point, tflite::TensorType type);

struct QuantizedWeights {
  std::vector<int8_t> values;
  QuantParams params;  // zero points 0; one scale per slice of `axis`, or one scale with axis -1
};

// Symmetric int8 in [-127, 127]: per slice along `axis` (0 <= axis < rank) or per tensor (-1).
QuantizedWeights QuantizeWeights(const float* data, const ir::Dims& shape, int axis);

// Bias at scale input_scale * weight_scale[c] (one weight scale: every channel), zero point 0,
// as int32 (or int64, 16x8 convolutions) bytes.
std::vector<uint8_t> QuantizeBias(const float* bias, int64_t count, float input_scale, const std::vector<float>& weight_scales,
                                  tflite::TensorType type, QuantParams* params);

// IEEE binary16 bits of `value` (round to nearest even; overflow to infinity).
uint16_t FloatToHalf(float value);

// Adds a quantized constant named and shaped like value `like` (whose data it replaces in the
// nodes that the caller rewires), with these bytes and parameters; returns its id.
int AddQuantizedConstantLike(ir::Graph& g, int like, tflite::TensorType type, std::vector<uint8_t> bytes, QuantParams params);

// The bytes of int8 values.
std::vector<uint8_t> Int8Bytes(const std::vector<int8_t>& values);

// Asymmetric parameters of a float constant quantized as an activation (its own min/max) and its
// bytes in `type`.
std::vector<uint8_t> QuantizeConstant(const ir::Value& v, tflite::TensorType type, const QuantParams& params);

}  // namespace litescope::quant
