// Helpers for the TensorFlow front-end tests: building GraphDefs with our generated protobuf
// classes, and writing frozen graphs, tensor bundles (our own small SSTable writer) and
// SavedModel directories, so every test makes its own source files without TensorFlow.
#pragma once

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "converter/frontends/tensorflow/proto/tf_saved_model.pb.h"
#include "converter/frontends/tensorflow/proto/tf_tensor_bundle.pb.h"
#include "converter/frontends/tensorflow/tf_bundle.h"
#include "converter/frontends/tensorflow/tf_crc32c.h"
#include "converter/frontends/tensorflow/tf_sstable.h"

namespace litescope::testing {

inline tfproto::NodeDef* TfNodeDef(google::protobuf::RepeatedPtrField<tfproto::NodeDef>* list, const std::string& op, const std::string& name,
                                   std::vector<std::string> inputs = {}) {
  tfproto::NodeDef* n = list->Add();
  n->set_op(op);
  n->set_name(name);
  for (auto& s : inputs) n->add_input(s);
  return n;
}
inline tfproto::NodeDef* TfNode(tfproto::GraphDef* g, const std::string& op, const std::string& name, std::vector<std::string> inputs = {}) {
  return TfNodeDef(g->mutable_node(), op, name, std::move(inputs));
}

inline void SetType(tfproto::NodeDef* n, const std::string& a, tfproto::DataType t) { (*n->mutable_attr())[a].set_type(t); }
inline void SetInt(tfproto::NodeDef* n, const std::string& a, int64_t v) { (*n->mutable_attr())[a].set_i(v); }
inline void SetFloat(tfproto::NodeDef* n, const std::string& a, float v) { (*n->mutable_attr())[a].set_f(v); }
inline void SetBool(tfproto::NodeDef* n, const std::string& a, bool v) { (*n->mutable_attr())[a].set_b(v); }
inline void SetStr(tfproto::NodeDef* n, const std::string& a, const std::string& v) { (*n->mutable_attr())[a].set_s(v); }
inline void SetInts(tfproto::NodeDef* n, const std::string& a, std::vector<int64_t> v) {
  auto* l = (*n->mutable_attr())[a].mutable_list();
  for (int64_t x : v) l->add_i(x);
}
inline void SetShape(tfproto::TensorShapeProto* s, const std::vector<int64_t>& dims) {
  for (int64_t d : dims) s->add_dim()->set_size(d);
}

inline tfproto::NodeDef* TfPlaceholder(tfproto::GraphDef* g, const std::string& name, std::vector<int64_t> dims,
                                       tfproto::DataType t = tfproto::DT_FLOAT) {
  tfproto::NodeDef* n = TfNode(g, "Placeholder", name);
  SetType(n, "dtype", t);
  SetShape((*n->mutable_attr())["shape"].mutable_shape(), dims);
  return n;
}

template <typename T>
tfproto::NodeDef* TfConst(google::protobuf::RepeatedPtrField<tfproto::NodeDef>* list, const std::string& name, tfproto::DataType t,
                          std::vector<int64_t> dims, const std::vector<T>& v) {
  tfproto::NodeDef* n = TfNodeDef(list, "Const", name);
  SetType(n, "dtype", t);
  tfproto::TensorProto* tp = (*n->mutable_attr())["value"].mutable_tensor();
  tp->set_dtype(t);
  SetShape(tp->mutable_tensor_shape(), dims);
  tp->set_tensor_content(std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)));
  return n;
}
inline tfproto::NodeDef* TfConstF(tfproto::GraphDef* g, const std::string& name, std::vector<int64_t> dims, const std::vector<float>& v) {
  return TfConst(g->mutable_node(), name, tfproto::DT_FLOAT, std::move(dims), v);
}
inline tfproto::NodeDef* TfConstI(tfproto::GraphDef* g, const std::string& name, std::vector<int64_t> dims, const std::vector<int32_t>& v) {
  return TfConst(g->mutable_node(), name, tfproto::DT_INT32, std::move(dims), v);
}

inline std::string SaveProto(const google::protobuf::Message& m, const std::filesystem::path& path) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  m.SerializeToOstream(&out);
  return path.string();
}

// --- a LevelDB-style table, as TensorFlow writes checkpoint indexes ---
inline void PutVarint(std::string* s, uint64_t v) {
  while (v >= 0x80) {
    s->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  s->push_back(static_cast<char>(v));
}
inline void PutFixed32(std::string* s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// One block (prefix-compressed keys, a restart every `interval` entries), appended to `file`
// with its trailer; returns the encoded handle.
inline std::string AppendBlock(std::string* file, const std::vector<std::pair<std::string, std::string>>& entries, int interval) {
  std::string block, last;
  std::vector<uint32_t> restarts;
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& [key, value] = entries[i];
    size_t shared = 0;
    if (i % static_cast<size_t>(interval) == 0) {
      restarts.push_back(static_cast<uint32_t>(block.size()));
    } else {
      while (shared < key.size() && shared < last.size() && key[shared] == last[shared]) ++shared;
    }
    PutVarint(&block, shared);
    PutVarint(&block, key.size() - shared);
    PutVarint(&block, value.size());
    block += key.substr(shared) + value;
    last = key;
  }
  if (restarts.empty()) restarts.push_back(0);
  for (uint32_t r : restarts) PutFixed32(&block, r);
  PutFixed32(&block, static_cast<uint32_t>(restarts.size()));
  std::string handle;
  PutVarint(&handle, file->size());
  PutVarint(&handle, block.size());
  block.push_back('\0');  // no compression
  const uint32_t crc = MaskCrc32c(Crc32c(reinterpret_cast<const uint8_t*>(block.data()), block.size()));
  *file += block;
  PutFixed32(file, crc);
  return handle;
}

// Sorted entries -> table bytes, `per_block` entries per data block.
inline std::string MakeSstable(const std::vector<std::pair<std::string, std::string>>& entries, size_t per_block = 3) {
  std::string file;
  std::vector<std::pair<std::string, std::string>> index;
  for (size_t i = 0; i < entries.size(); i += per_block) {
    std::vector<std::pair<std::string, std::string>> chunk(entries.begin() + static_cast<std::ptrdiff_t>(i),
                                                           entries.begin() + static_cast<std::ptrdiff_t>(std::min(entries.size(), i + per_block)));
    index.emplace_back(chunk.back().first, AppendBlock(&file, chunk, 2));
  }
  const std::string meta = AppendBlock(&file, {}, 1);
  const std::string idx = AppendBlock(&file, index, 1);
  std::string footer = meta + idx;
  footer.resize(kSstableFooterSize - 8, '\0');
  PutFixed32(&footer, static_cast<uint32_t>(kSstableMagic & 0xffffffffu));
  PutFixed32(&footer, static_cast<uint32_t>(kSstableMagic >> 32));
  return file + footer;
}

struct BundleTensor {
  std::string key;
  tfproto::DataType dtype = tfproto::DT_FLOAT;
  std::vector<int64_t> shape;
  std::vector<float> values;
};

// Writes PREFIX.index and PREFIX.data-*-of-* with the tensors spread over `shards` files.
inline void WriteBundle(const std::string& prefix, std::vector<BundleTensor> tensors, int shards = 1) {
  std::sort(tensors.begin(), tensors.end(), [](const BundleTensor& a, const BundleTensor& b) { return a.key < b.key; });
  std::vector<std::string> data(static_cast<size_t>(shards));
  std::vector<std::pair<std::string, std::string>> entries;
  tfproto::BundleHeaderProto header;
  header.set_num_shards(shards);
  entries.emplace_back("", header.SerializeAsString());
  for (size_t i = 0; i < tensors.size(); ++i) {
    const BundleTensor& t = tensors[i];
    const int shard = static_cast<int>(i % static_cast<size_t>(shards));
    const std::string bytes(reinterpret_cast<const char*>(t.values.data()), t.values.size() * 4);
    tfproto::BundleEntryProto e;
    e.set_dtype(t.dtype);
    SetShape(e.mutable_shape(), t.shape);
    e.set_shard_id(shard);
    e.set_offset(static_cast<int64_t>(data[static_cast<size_t>(shard)].size()));
    e.set_size(static_cast<int64_t>(bytes.size()));
    e.set_crc32c(MaskCrc32c(Crc32c(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size())));
    data[static_cast<size_t>(shard)] += bytes;
    entries.emplace_back(t.key, e.SerializeAsString());
  }
  std::filesystem::create_directories(std::filesystem::path(prefix).parent_path());
  std::ofstream(prefix + ".index", std::ios::binary) << MakeSstable(entries);
  for (int s = 0; s < shards; ++s) std::ofstream(BundleShardPath(prefix, s, shards), std::ios::binary) << data[static_cast<size_t>(s)];
}

struct SigPort {
  std::string key, tensor;
  std::vector<int64_t> shape;
};

// DIR/saved_model.pb with one "serve" MetaGraph holding `graph` and signature `sig`.
inline void WriteSavedModel(const std::filesystem::path& dir, const tfproto::GraphDef& graph, const std::string& sig,
                            const std::vector<SigPort>& inputs, const std::vector<SigPort>& outputs) {
  tfproto::SavedModel sm;
  sm.set_saved_model_schema_version(1);
  tfproto::MetaGraphDef* meta = sm.add_meta_graphs();
  meta->mutable_meta_info_def()->add_tags("serve");
  *meta->mutable_graph_def() = graph;
  tfproto::SignatureDef& s = (*meta->mutable_signature_def())[sig];
  for (const SigPort& p : inputs) {
    tfproto::TensorInfo& i = (*s.mutable_inputs())[p.key];
    i.set_name(p.tensor);
    i.set_dtype(tfproto::DT_FLOAT);
    SetShape(i.mutable_tensor_shape(), p.shape);
  }
  for (const SigPort& p : outputs) {
    tfproto::TensorInfo& o = (*s.mutable_outputs())[p.key];
    o.set_name(p.tensor);
    o.set_dtype(tfproto::DT_FLOAT);
  }
  SaveProto(sm, dir / "saved_model.pb");
}

}  // namespace litescope::testing
