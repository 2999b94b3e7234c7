// Atomic file writes: the bytes go to a temporary file in the destination's folder, are flushed
// to disk, then renamed over the destination, so a reader never sees a half-written file and a
// failed write leaves the old file untouched.
//
//   Status s = WriteFileAtomically("out.tflite", bytes);
//   Status s = WriteFileAtomically("out.tflite", {header, payload});   // several pieces
//
// `sources` lists input files the caller read: writing over one of them is refused, so a
// conversion can never destroy the model it came from.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "engine/base/status.h"

namespace litescope {

Status WriteFileAtomically(const std::string& path, std::span<const std::span<const uint8_t>> pieces,
                           const std::vector<std::string>& sources = {});
Status WriteFileAtomically(const std::string& path, std::span<const uint8_t> bytes,
                           const std::vector<std::string>& sources = {});

// True when both paths name the same existing file (same device and inode).
bool SameFile(const std::string& a, const std::string& b);

}  // namespace litescope
