#include "engine/runtime/tensor.h"


namespace litescope {

int64_t ElementCount(const Shape& shape) {
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  return n;
}

std::string ShapeString(const Shape& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

size_t ElementSize(tflite::TensorType type) {
  switch (type) {
    case tflite::TensorType_BOOL:
    case tflite::TensorType_INT8:
    case tflite::TensorType_UINT8: return 1;
    case tflite::TensorType_FLOAT16:
    case tflite::TensorType_BFLOAT16:
    case tflite::TensorType_INT16:
    case tflite::TensorType_UINT16: return 2;
    case tflite::TensorType_FLOAT32:
    case tflite::TensorType_INT32:
    case tflite::TensorType_UINT32: return 4;
    case tflite::TensorType_FLOAT64:
    case tflite::TensorType_INT64:
    case tflite::TensorType_UINT64:
    case tflite::TensorType_COMPLEX64: return 8;
    case tflite::TensorType_COMPLEX128: return 16;
    default: return 0;
  }
}

void Tensor::SetExternal(Storage storage_kind, uint8_t* data, size_t bytes) {
  owned_ = AlignedBuffer();
  storage = storage_kind;
  data_ = data;
  bytes_ = bytes;
}

void Tensor::AllocateOwned(Storage storage_kind, size_t bytes) {
  owned_ = AlignedBuffer(bytes);
  storage = storage_kind;
  data_ = owned_.data();
  bytes_ = bytes;
}

}  // namespace litescope
