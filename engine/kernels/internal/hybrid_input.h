// Hybrid (dynamic-range) kernels quantize their float activations to int8 at run time, as
// TFLite's tensor_utils do, then sum int8 products in int32 and scale the sums back to float.
//
//   InputQuantization q = SymmetricQuantize(row, quantized.data());   // real = q.scale * (x - q.offset)
#pragma once

#include <cstdint>
#include <span>

namespace litescope {

// One batch of activations quantized to int8: real = scale * (q - offset).
struct InputQuantization {
  float scale = 1.0f;
  int32_t offset = 0;
};

// tensor_utils::SymmetricQuantizeFloats: q in [-127, 127], offset 0; all zeros give scale 1.
InputQuantization SymmetricQuantize(std::span<const float> x, int8_t* q);
// tensor_utils::AsymmetricQuantizeFloats: q in [-128, 127] with a nudged offset; a range that holds
// only 0 gives scale 1, offset 0.
InputQuantization AsymmetricQuantize(std::span<const float> x, int8_t* q);

}  // namespace litescope
