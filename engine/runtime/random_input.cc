#include "engine/runtime/random_input.h"

#include <cstring>

namespace litescope {

void FillRandom(Tensor& t, std::mt19937& rng) {
  int64_t n = t.elements();
  switch (t.type) {
    case tflite::TensorType_FLOAT32: {
      std::uniform_real_distribution<float> d(-1.0f, 1.0f);
      for (int64_t i = 0; i < n; ++i) t.data<float>()[i] = d(rng);
      break;
    }
    case tflite::TensorType_INT8: {
      std::uniform_int_distribution<int> d(-128, 127);
      for (int64_t i = 0; i < n; ++i) t.data<int8_t>()[i] = static_cast<int8_t>(d(rng));
      break;
    }
    case tflite::TensorType_UINT8: {
      std::uniform_int_distribution<int> d(0, 255);
      for (int64_t i = 0; i < n; ++i) t.data<uint8_t>()[i] = static_cast<uint8_t>(d(rng));
      break;
    }
    case tflite::TensorType_INT16: {
      std::uniform_int_distribution<int> d(-32768, 32767);
      for (int64_t i = 0; i < n; ++i) t.data<int16_t>()[i] = static_cast<int16_t>(d(rng));
      break;
    }
    default: {  // int32/int64/bool: small non-negative values
      std::uniform_int_distribution<int> d(0, 9);
      size_t size = ElementSize(t.type);
      for (int64_t i = 0; i < n; ++i) {
        int64_t v = t.type == tflite::TensorType_BOOL ? d(rng) % 2 : d(rng);
        std::memcpy(t.raw() + i * static_cast<int64_t>(size), &v, size);
      }
    }
  }
}

}  // namespace litescope
