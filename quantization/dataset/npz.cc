// The zip subset numpy writes: an end-of-central-directory record (zip64 when numpy forced it),
// central directory entries, local headers, members stored or deflated (stb_image's inflater).
#include "quantization/dataset/npz.h"

#include <stb_image.h>

#include <array>
#include <fstream>
#include <iterator>

namespace litescope {
namespace {

constexpr uint32_t kEndRecord = 0x06054b50, kZip64End = 0x06064b50, kZip64Locator = 0x07064b50;
constexpr uint32_t kCentralEntry = 0x02014b50, kLocalHeader = 0x04034b50;
constexpr uint32_t kZip64Marker = 0xffffffffu;

uint64_t ReadLe(const std::vector<uint8_t>& b, uint64_t at, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | b[at + static_cast<uint64_t>(i)];
  return v;
}

uint32_t Crc32(const uint8_t* data, size_t n) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < n; ++i) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

struct Entry {
  std::string name;
  uint16_t method = 0;
  uint32_t crc = 0;
  uint64_t compressed = 0, size = 0, offset = 0;
};

class Reader {
 public:
  Reader(const std::vector<uint8_t>& bytes, const std::string& label) : b_(bytes), label_(label) {}

  Status Bad(const std::string& why) const { return InvalidArgument("cannot read " + label_ + ": " + why); }
  bool Has(uint64_t at, uint64_t n) const { return at <= b_.size() && n <= b_.size() - at; }

  // Where the central directory starts and how many entries it holds.
  Status FindDirectory(uint64_t& offset, uint64_t& count) const {
    if (b_.size() < 22) return Bad("not a .npz (zip) file: too short");
    uint64_t end = b_.size() - 22;
    const uint64_t lowest = b_.size() > 22 + 65535 ? b_.size() - 22 - 65535 : 0;
    while (ReadLe(b_, end, 4) != kEndRecord) {
      if (end == lowest) return Bad("not a .npz (zip) file: no end-of-central-directory record");
      --end;
    }
    count = ReadLe(b_, end + 10, 2);
    offset = ReadLe(b_, end + 16, 4);
    if (offset == kZip64Marker || count == 0xffff) {
      if (end < 20 || ReadLe(b_, end - 20, 4) != kZip64Locator) return Bad("zip64 archive without its locator");
      const uint64_t record = ReadLe(b_, end - 20 + 8, 8);
      if (!Has(record, 56) || ReadLe(b_, record, 4) != kZip64End) return Bad("broken zip64 end record");
      count = ReadLe(b_, record + 32, 8);
      offset = ReadLe(b_, record + 48, 8);
    }
    return Status::Ok();
  }

  // The central directory entry at `at`; advances `at` past it.
  Result<Entry> ReadEntry(uint64_t& at) const {
    if (!Has(at, 46) || ReadLe(b_, at, 4) != kCentralEntry) return Bad("broken central directory");
    Entry e;
    e.method = static_cast<uint16_t>(ReadLe(b_, at + 10, 2));
    e.crc = static_cast<uint32_t>(ReadLe(b_, at + 16, 4));
    e.compressed = ReadLe(b_, at + 20, 4);
    e.size = ReadLe(b_, at + 24, 4);
    const uint64_t name_len = ReadLe(b_, at + 28, 2), extra_len = ReadLe(b_, at + 30, 2);
    const uint64_t comment_len = ReadLe(b_, at + 32, 2);
    e.offset = ReadLe(b_, at + 42, 4);
    if (!Has(at + 46, name_len + extra_len + comment_len)) return Bad("central directory entry runs past the end");
    e.name.assign(reinterpret_cast<const char*>(&b_[at + 46]), name_len);
    ApplyZip64(e, at + 46 + name_len, extra_len);
    at += 46 + name_len + extra_len + comment_len;
    return e;
  }

  Result<std::vector<uint8_t>> Data(const Entry& e) const {
    if (!Has(e.offset, 30) || ReadLe(b_, e.offset, 4) != kLocalHeader) return Bad(e.name + ": broken local header");
    const uint64_t start = e.offset + 30 + ReadLe(b_, e.offset + 26, 2) + ReadLe(b_, e.offset + 28, 2);
    if (!Has(start, e.compressed)) return Bad(e.name + ": data runs past the end of the file");
    std::vector<uint8_t> out;
    if (e.method == 0) {
      out.assign(b_.begin() + static_cast<std::ptrdiff_t>(start),
                 b_.begin() + static_cast<std::ptrdiff_t>(start + e.compressed));
    } else if (e.method == 8) {
      if (e.size > (uint64_t{1} << 31)) return Bad(e.name + ": deflated member over 2 GiB");
      out.resize(e.size);
      const int n = stbi_zlib_decode_noheader_buffer(reinterpret_cast<char*>(out.data()), static_cast<int>(out.size()),
                                                     reinterpret_cast<const char*>(&b_[start]),
                                                     static_cast<int>(e.compressed));
      if (n < 0 || static_cast<uint64_t>(n) != e.size) return Bad(e.name + ": corrupt deflate data");
    } else {
      return Bad(e.name + ": compression method " + std::to_string(e.method) + " (only stored and deflate)");
    }
    if (out.size() != e.size) return Bad(e.name + ": size differs from the directory's");
    if (Crc32(out.data(), out.size()) != e.crc) return Bad(e.name + ": CRC mismatch (corrupt archive)");
    return out;
  }

 private:
  // Sizes and offset given as 0xffffffff live in the zip64 extra field (id 1), in this order.
  void ApplyZip64(Entry& e, uint64_t at, uint64_t len) const {
    for (uint64_t p = at; p + 4 <= at + len;) {
      const uint64_t id = ReadLe(b_, p, 2), size = ReadLe(b_, p + 2, 2);
      uint64_t q = p + 4;
      if (id == 1) {
        for (uint64_t* field : {&e.size, &e.compressed, &e.offset}) {
          if (*field != kZip64Marker || q + 8 > p + 4 + size || q + 8 > at + len) continue;
          *field = ReadLe(b_, q, 8);
          q += 8;
        }
      }
      p += 4 + size;
    }
  }

  const std::vector<uint8_t>& b_;
  const std::string& label_;
};

}  // namespace

Result<std::vector<NpzMember>> ParseNpz(const std::vector<uint8_t>& bytes, const std::string& label) {
  Reader r(bytes, label);
  uint64_t at = 0, count = 0;
  LITESCOPE_RETURN_IF_ERROR(r.FindDirectory(at, count));
  std::vector<NpzMember> members;
  for (uint64_t i = 0; i < count; ++i) {
    Result<Entry> e = r.ReadEntry(at);
    if (!e.ok()) return e.status();
    if (e->name.ends_with("/")) continue;  // a folder entry
    Result<std::vector<uint8_t>> data = r.Data(*e);
    if (!data.ok()) return data.status();
    Result<NpyArray> array = ParseNpy(*data, label + ":" + e->name);
    if (!array.ok()) return array.status();
    std::string name = e->name.ends_with(".npy") ? e->name.substr(0, e->name.size() - 4) : e->name;
    members.push_back({std::move(name), std::move(array).value()});
  }
  if (members.empty()) return r.Bad("the archive holds no array");
  return members;
}

Result<std::vector<NpzMember>> ReadNpz(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open " + path);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ParseNpz(bytes, path);
}

}  // namespace litescope
