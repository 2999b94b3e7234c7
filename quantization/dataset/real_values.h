// The real numbers a tensor's elements stand for: floats as stored, quantized integers
// dequantized (scale * (q - zero_point), per tensor or per channel), plain integers as they are.
// Used to write data into inputs of any type and to compare float and quantized outputs.
//
//   std::optional<std::vector<float>> r = RealValues(*quant_interpreter.output(0));
//   if (!r) ...   // a STRING, RESOURCE or other non-numeric tensor
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/runtime/tensor.h"

namespace litescope {

// `n` elements of `type` at `data` (C order in `shape`, whose dimension quant.axis the per-channel
// parameters follow). nullopt for a type that holds no numbers.
std::optional<std::vector<float>> RealValues(tflite::TensorType type, const uint8_t* data, int64_t n,
                                             const Quantization& quant, const Shape& shape);
std::optional<std::vector<float>> RealValues(const Tensor& t);

// The smallest and largest values an integer type holds (for quantized types), nullopt otherwise.
std::optional<std::pair<int, int>> QuantizedRange(tflite::TensorType type);

// The real values a quantized INT8 / UINT8 / INT16 tensor with one scale and zero point can hold:
// [scale * (qmin - zp), scale * (qmax - zp)]; nullopt for other tensors.
std::optional<std::pair<float, float>> RepresentableRange(tflite::TensorType type, const Quantization& quant);

}  // namespace litescope
