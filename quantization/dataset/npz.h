// NumPy .npz archives (numpy.savez / savez_compressed): a zip file of .npy arrays. Reads stored
// and deflated members, zip64 sizes included; the archive is untrusted input.
//
//   Result<std::vector<NpzMember>> arrays = ReadNpz("calibration.npz");
//   for (const NpzMember& m : *arrays) printf("%s %s\n", m.name.c_str(), ShapeString(m.array.shape).c_str());
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/model/npy.h"

namespace litescope {

struct NpzMember {
  std::string name;  // the member's file name without ".npy" (numpy's keyword, or "arr_0", ...)
  NpyArray array;
};

// The arrays of an archive, in the order of its central directory. Errors name the file and member.
Result<std::vector<NpzMember>> ReadNpz(const std::string& path);
Result<std::vector<NpzMember>> ParseNpz(const std::vector<uint8_t>& bytes, const std::string& label);

}  // namespace litescope
