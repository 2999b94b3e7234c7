#include "engine/runtime/tensor.h"

#include "engine/model/tensor_type.h"

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
  // A RESOURCE tensor holds the int32 id of a resource variable, as in TFLite.
  if (type == tflite::TensorType_RESOURCE) return sizeof(int32_t);
  int bits = ElementBits(type);
  return bits % 8 == 0 ? static_cast<size_t>(bits / 8) : 0;  // 4-bit types are unpacked by kernels
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
