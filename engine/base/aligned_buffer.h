// AlignedBuffer: zero-initialised heap bytes aligned to 64 (a cache line, and enough for any
// SIMD load), for tensor data and the interpreter's arena.
//
//   AlignedBuffer b(1024);
//   float* f = reinterpret_cast<float*>(b.data());
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace litescope {

class AlignedBuffer {
 public:
  static constexpr size_t kAlignment = 64;

  AlignedBuffer() = default;
  explicit AlignedBuffer(size_t bytes);

  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(uint8_t* p) const;
  };
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_ = 0;
};

}  // namespace litescope
