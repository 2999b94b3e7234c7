// Arrays as model inputs, for Dataset: how many samples a .npy array holds for an input, one
// sample cut out of a batch, and writing real values or raw arrays into an input of another type
// (quantizing with its scale and zero point).
//
//   Result<int> n = SamplesIn(array, input);            // 1, or the batch along axis 0
//   NpyArray one = SampleOf(array, 3, input);
//   Status s = WriteArray(one, input, *quant_interpreter.input(0));
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/model/npy.h"
#include "engine/runtime/tensor.h"

namespace litescope {

// What a dataset knows of a model input (copied from the tensor the dataset was opened for).
struct InputSpec {
  std::string name;
  tflite::TensorType type = tflite::TensorType_FLOAT32;
  Shape shape;
  Quantization quant;

  static InputSpec Of(const Tensor& t) { return {t.name, t.type, t.shape, t.quant}; }
  bool quantized() const { return quant.scale.size() == 1 && quant.zero_point.size() == 1 && quant.scale[0] > 0; }
};

// 1 when `a` has the input's shape; the first dimension when `a` is a batch of such samples (rank
// + 1, or the input's leading dimension is 1 and the array's is not); otherwise an error saying why.
// Arrays of FLOAT32/FLOAT64, or of the input's own type, fit.
Result<int> SamplesIn(const NpyArray& a, const InputSpec& input);

// Sample k of `a` (see SamplesIn), shaped like the input.
NpyArray SampleOf(const NpyArray& a, int k, const InputSpec& input);

// Real values into `t`: copied into FLOAT32, quantized (round half away from zero, clamped) into a
// quantized INT8 / UINT8 / INT16 tensor.
Status WriteReals(std::span<const float> values, Tensor& t);

// One sample into `t`: copied when `t` has the array's type (and, for a quantized type, the scale
// and zero point of `source`, the input the array was meant for); otherwise through real values
// (float arrays as they are, quantized arrays dequantized with `source`'s parameters).
Status WriteArray(const NpyArray& a, const InputSpec& source, Tensor& t);

}  // namespace litescope
