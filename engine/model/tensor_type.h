// Facts about .tflite tensor element types.
//
//   TensorTypeName(tflite::TensorType_INT8)            -> "INT8"
//   ElementBits(tflite::TensorType_INT4)               -> 4
//   Result<uint64_t> n = CheckedElementCount(shape);   // error when the product overflows
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "engine/base/status.h"
#include "engine/schema/tflite_generated.h"

namespace litescope {

// The schema's enum name ("FLOAT32"), or "TYPE_<n>" for a value newer than our schema.
std::string TensorTypeName(tflite::TensorType type);

// Bits per element; 0 for types without a fixed size (STRING, RESOURCE, VARIANT).
int ElementBits(tflite::TensorType type);

// Bytes that `elements` values of `type` take in a buffer (4-bit types pack two per byte);
// nullopt for types without a fixed size.
std::optional<uint64_t> PackedByteSize(tflite::TensorType type, uint64_t elements);

// The largest tensor a model may declare: 2^36 bytes (64 GiB), far above any real model, far
// below what makes size arithmetic overflow.
inline constexpr uint64_t kMaxTensorBytes = uint64_t{1} << 36;

// The largest rank (and shape_signature length) a model may declare: far above any real model
// (kernels take up to 6 or 8 dimensions), low enough that views repeating shapes stay small.
inline constexpr size_t kMaxRank = 64;

// Product of the dimensions; an error for a negative dimension or when the product exceeds
// kMaxTensorBytes elements (which also rules out overflow).
Result<uint64_t> CheckedElementCount(std::span<const int32_t> shape);

}  // namespace litescope
