// Output sizes and padding of windowed ops (convolutions, pooling) as TFLite computes them.
//
//   int out = ComputeOutSize(tflite::Padding_SAME, in, filter, stride, dilation);
//   int pad = ComputePadding(stride, dilation, in, filter, out);   // before the first element
#pragma once

#include "engine/schema/tflite_generated.h"

namespace litescope {

inline int ComputeOutSize(tflite::Padding padding, int in, int filter, int stride, int dilation) {
  int effective = (filter - 1) * dilation + 1;
  switch (padding) {
    case tflite::Padding_SAME: return (in + stride - 1) / stride;
    case tflite::Padding_VALID: return (in + stride - effective) / stride;
    default: return 0;
  }
}

// Total padding split with the smaller half first, as TFLite does.
inline int ComputePadding(int stride, int dilation, int in, int filter, int out) {
  int effective = (filter - 1) * dilation + 1;
  int total = (out - 1) * stride + effective - in;
  return total > 0 ? total / 2 : 0;
}

}  // namespace litescope
