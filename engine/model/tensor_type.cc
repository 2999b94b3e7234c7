#include "engine/model/tensor_type.h"

namespace litescope {

std::string TensorTypeName(tflite::TensorType type) {
  if (type >= tflite::TensorType_MIN && type <= tflite::TensorType_MAX) {
    return tflite::EnumNameTensorType(type);
  }
  return "TYPE_" + std::to_string(static_cast<int>(type));
}

int ElementBits(tflite::TensorType type) {
  switch (type) {
    case tflite::TensorType_BOOL:
    case tflite::TensorType_INT8:
    case tflite::TensorType_UINT8: return 8;
    case tflite::TensorType_INT4: return 4;
    case tflite::TensorType_FLOAT16:
    case tflite::TensorType_BFLOAT16:
    case tflite::TensorType_INT16:
    case tflite::TensorType_UINT16: return 16;
    case tflite::TensorType_FLOAT32:
    case tflite::TensorType_INT32:
    case tflite::TensorType_UINT32: return 32;
    case tflite::TensorType_FLOAT64:
    case tflite::TensorType_INT64:
    case tflite::TensorType_UINT64:
    case tflite::TensorType_COMPLEX64: return 64;
    case tflite::TensorType_COMPLEX128: return 128;
    default: return 0;  // STRING, RESOURCE, VARIANT and unknown types
  }
}

std::optional<uint64_t> PackedByteSize(tflite::TensorType type, uint64_t elements) {
  int bits = ElementBits(type);
  if (bits == 0) return std::nullopt;
  return (elements * static_cast<uint64_t>(bits) + 7) / 8;
}

Result<uint64_t> CheckedElementCount(std::span<const int32_t> shape) {
  uint64_t count = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] < 0) {
      return InvalidArgument("dimension " + std::to_string(i) + " is " + std::to_string(shape[i]) +
                             " (dimensions must be >= 0)");
    }
    uint64_t dim = static_cast<uint64_t>(shape[i]);
    if (dim != 0 && count > kMaxTensorBytes / dim) {
      return InvalidArgument("the shape has more than 2^36 elements (limit " +
                             std::to_string(kMaxTensorBytes) + ")");
    }
    count *= dim;
  }
  return count;
}

}  // namespace litescope
