#include "converter/frontends/tensorflow/tf_sstable.h"

#include <cstring>

#include "converter/frontends/tensorflow/tf_crc32c.h"

namespace litescope {
namespace {

// A cursor over bytes that never reads past the end.
struct Cursor {
  std::string_view data;
  size_t pos = 0;

  bool Varint(uint64_t* out) {
    uint64_t v = 0;
    for (int shift = 0; shift <= 63 && pos < data.size(); shift += 7) {
      const uint8_t b = static_cast<uint8_t>(data[pos++]);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        *out = v;
        return true;
      }
    }
    return false;
  }
};

uint32_t Fixed32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

uint64_t Fixed64(const char* p) { return static_cast<uint64_t>(Fixed32(p)) | (static_cast<uint64_t>(Fixed32(p + 4)) << 32); }

struct BlockHandle {
  uint64_t offset = 0, size = 0;
};

bool DecodeHandle(Cursor& c, BlockHandle* h) { return c.Varint(&h->offset) && c.Varint(&h->size); }

// The contents of the block at `h`, after checking its trailer (type byte and masked CRC-32C).
Result<std::string_view> Block(std::string_view file, const BlockHandle& h, const std::string& what, const std::string& name) {
  const std::string where = what + ": " + name + " block at offset " + std::to_string(h.offset);
  if (h.offset > file.size() || h.size > file.size() - h.offset || kSstableBlockTrailerSize > file.size() - h.offset - h.size)
    return InvalidArgument(where + " with " + std::to_string(h.size) + " bytes runs past the end of the " + std::to_string(file.size()) +
                    "-byte file (truncated?)");
  const char* begin = file.data() + h.offset;
  const uint8_t type = static_cast<uint8_t>(begin[h.size]);
  const uint32_t stored = UnmaskCrc32c(Fixed32(begin + h.size + 1));
  const uint32_t actual = Crc32c(reinterpret_cast<const uint8_t*>(begin), h.size + 1);
  if (stored != actual) return InvalidArgument(where + ": checksum mismatch (the file is damaged)");
  if (type == 1) return Unsupported(where + " is snappy-compressed; TensorFlow writes checkpoints uncompressed and so do we read them");
  if (type != 0) return InvalidArgument(where + ": unknown compression type " + std::to_string(type));
  return std::string_view(begin, h.size);
}

// Appends the entries of one block (prefix-compressed keys; the restart array is validated).
Status ParseBlock(std::string_view block, const std::string& where, std::vector<SstableEntry>* out) {
  if (block.size() < 4) return InvalidArgument(where + ": block of " + std::to_string(block.size()) + " bytes has no restart count");
  const uint32_t restarts = Fixed32(block.data() + block.size() - 4);
  if (restarts == 0 || restarts > (block.size() - 4) / 4) return InvalidArgument(where + ": restart count " + std::to_string(restarts) + " does not fit the block");
  const size_t limit = block.size() - 4 - size_t{restarts} * 4;
  for (uint32_t r = 0; r < restarts; ++r)
    if (Fixed32(block.data() + limit + size_t{r} * 4) > limit) return InvalidArgument(where + ": restart point " + std::to_string(r) + " is outside the block");
  Cursor c{block.substr(0, limit)};
  std::string key;
  while (c.pos < limit) {
    uint64_t shared = 0, unshared = 0, value_size = 0;
    if (!c.Varint(&shared) || !c.Varint(&unshared) || !c.Varint(&value_size))
      return InvalidArgument(where + ": entry at byte " + std::to_string(c.pos) + " has a broken header");
    if (shared > key.size()) return InvalidArgument(where + ": entry shares " + std::to_string(shared) + " bytes with a " + std::to_string(key.size()) + "-byte key");
    if (unshared > limit - c.pos || value_size > limit - c.pos - unshared)
      return InvalidArgument(where + ": entry at byte " + std::to_string(c.pos) + " runs past the block");
    key.resize(shared);
    key.append(block.data() + c.pos, unshared);
    c.pos += unshared;
    out->push_back({key, std::string(block.data() + c.pos, value_size)});
    c.pos += value_size;
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<SstableEntry>> ReadSstable(std::string_view file, const std::string& what) {
  if (file.size() < kSstableFooterSize)
    return InvalidArgument(what + ": " + std::to_string(file.size()) + " bytes is too short for a table footer (" + std::to_string(kSstableFooterSize) + ")");
  const std::string_view footer = file.substr(file.size() - kSstableFooterSize);
  if (Fixed64(footer.data() + kSstableFooterSize - 8) != kSstableMagic)
    return InvalidArgument(what + ": no table magic number at the end (not a TensorFlow checkpoint index, or truncated)");
  Cursor fc{footer.substr(0, kSstableFooterSize - 8)};
  BlockHandle metaindex, index;
  if (!DecodeHandle(fc, &metaindex) || !DecodeHandle(fc, &index)) return InvalidArgument(what + ": the footer's block handles are broken");
  Result<std::string_view> index_block = Block(file, index, what, "index");
  if (!index_block.ok()) return index_block.status();
  std::vector<SstableEntry> handles;
  LITESCOPE_RETURN_IF_ERROR(ParseBlock(*index_block, what + ": index block", &handles));
  std::vector<SstableEntry> entries;
  for (size_t i = 0; i < handles.size(); ++i) {
    Cursor hc{handles[i].value};
    BlockHandle h;
    if (!DecodeHandle(hc, &h)) return InvalidArgument(what + ": index entry " + std::to_string(i) + " holds a broken block handle");
    const std::string name = "data block " + std::to_string(i);
    Result<std::string_view> block = Block(file, h, what, name);
    if (!block.ok()) return block.status();
    LITESCOPE_RETURN_IF_ERROR(ParseBlock(*block, what + ": " + name, &entries));
  }
  return entries;
}

}  // namespace litescope
