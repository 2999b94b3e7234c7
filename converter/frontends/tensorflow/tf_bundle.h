// TensorFlow's tensor bundle (a checkpoint, a SavedModel's variables/): `PREFIX.index`, a sorted
// string table whose entry "" is the BundleHeaderProto and whose other entries are
// BundleEntryProtos (dtype, shape, shard, offset, size, crc32c), and the data shards
// `PREFIX.data-00000-of-00002`, ... Every size and checksum is verified before a tensor is used.
//
//   Result<TfBundle> b = TfBundle::Open("model/variables/variables");
//   Result<TfTensor> kernel = b->Read("layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE");
#pragma once

#include <map>
#include <string>
#include <vector>

#include "converter/frontends/tensorflow/proto/tf_tensor_bundle.pb.h"
#include "converter/frontends/tensorflow/tf_tensor.h"

namespace litescope {

class TfBundle {
 public:
  static Result<TfBundle> Open(const std::string& prefix);

  bool Has(const std::string& key) const { return entries_.count(key) != 0; }
  // The tensor stored under `key`, after checking its shard, size and CRC-32C.
  Result<TfTensor> Read(const std::string& key) const;
  std::vector<std::string> Keys() const;
  int num_shards() const { return num_shards_; }

 private:
  std::string prefix_;
  int num_shards_ = 0;
  std::map<std::string, tfproto::BundleEntryProto> entries_;
};

// "PREFIX.data-00001-of-00004"
std::string BundleShardPath(const std::string& prefix, int shard, int num_shards);

}  // namespace litescope
