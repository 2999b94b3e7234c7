// Tensor: one value of a running graph (input, weight, activation, variable), with its shape,
// element type, quantization and the memory holding its data.
//
//   const Tensor& in = *ctx.input(0);
//   const float* x = in.data<float>();
//   int64_t n = in.elements();
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/base/aligned_buffer.h"
#include "engine/schema/tflite_generated.h"

namespace litescope {

using Shape = std::vector<int32_t>;

// Product of the dimensions (1 for a scalar).
int64_t ElementCount(const Shape& shape);
// "[1, 224, 224, 3]"
std::string ShapeString(const Shape& shape);

struct Quantization {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t axis = 0;  // quantized_dimension for per-channel parameters

  bool empty() const { return scale.empty(); }
  bool per_channel() const { return scale.size() > 1; }
};

enum class Storage : uint8_t {
  kNone,        // no memory yet (or a tensor no node uses)
  kConstant,    // read-only bytes in the mapped model file
  kArena,       // planned memory shared with tensors of disjoint lifetimes
  kDynamic,     // heap memory sized at eval time (data-dependent output shapes)
  kPersistent,  // heap memory that survives invokes (variables, user-owned inputs)
};

class Tensor {
 public:
  std::string name;
  tflite::TensorType type = tflite::TensorType_FLOAT32;
  Shape shape;
  Shape shape_signature;  // -1 for dynamic dimensions; empty when the model gives none
  Quantization quant;
  Storage storage = Storage::kNone;
  bool is_variable = false;

  int64_t elements() const { return ElementCount(shape); }
  size_t bytes() const { return bytes_; }
  template <typename T>
  T* data() { return reinterpret_cast<T*>(data_); }
  template <typename T>
  const T* data() const { return reinterpret_cast<const T*>(data_); }
  uint8_t* raw() { return data_; }
  const uint8_t* raw() const { return data_; }
  std::span<const uint8_t> span() const { return {data_, bytes_}; }

  // Points the tensor at memory it does not own (the mapped model, the arena).
  void SetExternal(Storage storage_kind, uint8_t* data, size_t bytes);
  // Gives the tensor its own zeroed, 64-byte aligned heap memory of `bytes`.
  void AllocateOwned(Storage storage_kind, size_t bytes);

 private:
  uint8_t* data_ = nullptr;
  size_t bytes_ = 0;
  AlignedBuffer owned_;
};

// Bytes one element of `type` takes in a running tensor (0 for STRING, VARIANT and 4-bit types;
// 4 for RESOURCE, which holds a resource id).
size_t ElementSize(tflite::TensorType type);

}  // namespace litescope
