// MappedFile: a read-only view of a whole file's bytes, mapped with mmap so that model weights
// are paged in on demand and never copied; or an owned copy of bytes already in memory.
//
//   Result<MappedFile> f = MappedFile::Open("net.tflite");
//   if (f.ok()) Use(f->bytes());
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/base/status.h"

namespace litescope {

class MappedFile {
 public:
  // Maps `path` read-only. An empty file gives an empty view (callers decide if that is an error).
  static Result<MappedFile> Open(const std::string& path);
  // Takes ownership of bytes that are already in memory (no mapping).
  static MappedFile FromBytes(std::vector<uint8_t> bytes);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::span<const uint8_t> bytes() const { return {data_, size_}; }
  bool is_mapped() const { return mapped_; }

 private:
  MappedFile() = default;
  void Release();

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;
  std::vector<uint8_t> owned_;
};

}  // namespace litescope
