// CRC-32C (Castagnoli), as TensorFlow's checkpoints and LevelDB-style tables store it: tables and
// tensor bundles keep a "masked" CRC so that a CRC of data that itself holds CRCs stays strong.
//
//   uint32_t crc = Crc32c(bytes.data(), bytes.size());
//   bool ok = UnmaskCrc32c(stored) == crc;
#pragma once

#include <cstddef>
#include <cstdint>

namespace litescope {

uint32_t Crc32cExtend(uint32_t crc, const uint8_t* data, size_t size);
inline uint32_t Crc32c(const uint8_t* data, size_t size) { return Crc32cExtend(0, data, size); }

inline uint32_t MaskCrc32c(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8u; }
inline uint32_t UnmaskCrc32c(uint32_t masked) {
  const uint32_t rot = masked - 0xa282ead8u;
  return (rot >> 17) | (rot << 15);
}

}  // namespace litescope
