// A reader for the LevelDB-style sorted string table TensorFlow writes as a checkpoint's
// `.index` file: a footer (metaindex and index block handles, magic number), an index block
// pointing at data blocks, and blocks of prefix-compressed keys with restart points, each followed
// by a compression-type byte and a masked CRC-32C. Every offset and size is checked against the
// file; any damage is an error naming the block, never a crash.
//
//   Result<std::vector<SstableEntry>> entries = ReadSstable(bytes, "variables.index");
//   for (const SstableEntry& e : *entries) use(e.key, e.value);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"

namespace litescope {

struct SstableEntry {
  std::string key, value;
};

// All entries of the table, in file order. `what` names the file in error messages.
Result<std::vector<SstableEntry>> ReadSstable(std::string_view file, const std::string& what);

// Little helpers shared with the tests' table writer.
constexpr uint64_t kSstableMagic = 0xdb4775248b80fb57ull;
constexpr size_t kSstableFooterSize = 48;  // two block handles padded to 40 bytes + 8-byte magic
constexpr size_t kSstableBlockTrailerSize = 5;

}  // namespace litescope
