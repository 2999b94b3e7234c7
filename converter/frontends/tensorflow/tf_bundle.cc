#include "converter/frontends/tensorflow/tf_bundle.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "converter/frontends/tensorflow/tf_crc32c.h"
#include "converter/frontends/tensorflow/tf_sstable.h"

namespace litescope {
namespace {

constexpr int kMaxShards = 1 << 16;

Result<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open " + path);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return IoError("cannot read " + path);
  return bytes;
}

}  // namespace

std::string BundleShardPath(const std::string& prefix, int shard, int num_shards) {
  char suffix[40];
  std::snprintf(suffix, sizeof(suffix), ".data-%05d-of-%05d", shard, num_shards);
  return prefix + suffix;
}

Result<TfBundle> TfBundle::Open(const std::string& prefix) {
  const std::string index_path = prefix + ".index";
  Result<std::string> index = ReadWhole(index_path);
  if (!index.ok()) return index.status().WithContext("reading the variables");
  Result<std::vector<SstableEntry>> table = ReadSstable(*index, index_path);
  if (!table.ok()) return table.status();
  TfBundle b;
  b.prefix_ = prefix;
  bool has_header = false;
  for (const SstableEntry& e : *table) {
    if (e.key.empty()) {
      tfproto::BundleHeaderProto header;
      if (!header.ParseFromString(e.value)) return InvalidArgument(index_path + ": the bundle header does not parse");
      if (header.endianness() != tfproto::BundleHeaderProto::LITTLE) return Unsupported(index_path + ": big-endian checkpoints are not supported");
      if (header.num_shards() < 1 || header.num_shards() > kMaxShards)
        return InvalidArgument(index_path + ": the header claims " + std::to_string(header.num_shards()) + " shards");
      b.num_shards_ = header.num_shards();
      has_header = true;
      continue;
    }
    tfproto::BundleEntryProto entry;
    if (!entry.ParseFromString(e.value)) return InvalidArgument(index_path + ": the entry for " + e.key + " does not parse");
    b.entries_[e.key] = std::move(entry);
  }
  if (!has_header) return InvalidArgument(index_path + ": the bundle has no header entry (not a TensorFlow checkpoint index)");
  for (int s = 0; s < b.num_shards_; ++s) {
    const std::string shard = BundleShardPath(prefix, s, b.num_shards_);
    if (!std::filesystem::is_regular_file(shard)) return NotFound("variables shard " + shard + " is missing");
  }
  return b;
}

std::vector<std::string> TfBundle::Keys() const {
  std::vector<std::string> keys;
  for (const auto& [k, e] : entries_) keys.push_back(k);
  return keys;
}

Result<TfTensor> TfBundle::Read(const std::string& key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return NotFound("the checkpoint has no tensor " + key);
  const tfproto::BundleEntryProto& e = it->second;
  const std::string what = "checkpoint tensor " + key;
  if (e.slices_size() > 0) return Unsupported(what + " is partitioned into slices, which is not supported");
  TfTensor t;
  Result<tflite::TensorType> type = TfTypeToTflite(e.dtype());
  if (!type.ok()) return type.status().WithContext(what);
  if (*type == tflite::TensorType_STRING) return Unsupported(what + " is a string tensor; only numeric variables become constants");
  t.type = *type;
  Result<ir::Dims> dims = DimsFromProto(e.shape());
  if (!dims.ok()) return dims.status().WithContext(what);
  t.shape = *dims;
  const int64_t count = TfElementCount(t.shape);
  if (count < 0) return InvalidArgument(what + " has an unknown or too large shape");
  const uint64_t need = static_cast<uint64_t>(count) * TfTypeSize(t.type);
  if (e.size() < 0 || static_cast<uint64_t>(e.size()) != need)
    return InvalidArgument(what + " claims " + std::to_string(e.size()) + " bytes, its shape needs " + std::to_string(need));
  if (e.shard_id() < 0 || e.shard_id() >= num_shards_)
    return InvalidArgument(what + " is in shard " + std::to_string(e.shard_id()) + " of " + std::to_string(num_shards_));
  const std::string path = BundleShardPath(prefix_, e.shard_id(), num_shards_);
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return NotFound("variables shard " + path + " is missing");
  const auto file_size = static_cast<uint64_t>(in.tellg());
  if (e.offset() < 0 || static_cast<uint64_t>(e.offset()) > file_size || need > file_size - static_cast<uint64_t>(e.offset()))
    return InvalidArgument(what + ": bytes [" + std::to_string(e.offset()) + ", +" + std::to_string(need) + ") lie past the end of " + path +
                           " (" + std::to_string(file_size) + " bytes; truncated?)");
  t.bytes.resize(need);
  in.seekg(e.offset());
  in.read(reinterpret_cast<char*>(t.bytes.data()), static_cast<std::streamsize>(need));
  if (!in) return IoError("cannot read " + what + " from " + path);
  if (Crc32c(t.bytes.data(), t.bytes.size()) != UnmaskCrc32c(e.crc32c()))
    return InvalidArgument(what + " in " + path + ": checksum mismatch (the variables are damaged)");
  return t;
}

}  // namespace litescope
