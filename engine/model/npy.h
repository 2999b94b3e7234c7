// NumPy .npy arrays: how tensors go in and out of litescope-cli (inputs, outputs, intermediates)
// and how goldens are read. Little-endian, C order; the header is untrusted input.
//
//   Result<NpyArray> a = ReadNpy("input_0.npy");
//   Status s = WriteNpy("output_0.npy", {tflite::TensorType_FLOAT32, {1, 10}, bytes});
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/schema/tflite_generated.h"

namespace litescope {

struct NpyArray {
  tflite::TensorType type = tflite::TensorType_FLOAT32;
  std::vector<int32_t> shape;
  std::vector<uint8_t> data;  // elements in C order, little-endian
};

Result<NpyArray> ParseNpy(const std::vector<uint8_t>& bytes, const std::string& label);
Result<NpyArray> ReadNpy(const std::string& path);
std::vector<uint8_t> SerializeNpy(const NpyArray& array);
Status WriteNpy(const std::string& path, const NpyArray& array);

// The numpy dtype string of a tensor type ("<f4"), or empty when numpy has none.
std::string NpyDescr(tflite::TensorType type);

}  // namespace litescope
