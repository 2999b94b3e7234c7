// The semantic checks Model::Load runs after the FlatBuffers verifier, and the lookup tables
// they produce on the way (resolved op codes, where each buffer's bytes are).
//
//   Result<ModelIndex> index = IndexAndValidate(root, file_bytes);
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/model/model.h"
#include "engine/schema/tflite_generated.h"

namespace litescope {

struct ModelIndex {
  std::vector<OpCode> op_codes;
  std::vector<std::span<const uint8_t>> buffers;
  std::vector<std::span<const uint8_t>> custom_options;  // per operator, all subgraphs in order
  std::vector<size_t> op_offset;                         // first operator of each subgraph
  std::vector<std::string> warnings;
};

// `root` must already have passed the FlatBuffers verifier over `file`.
Result<ModelIndex> IndexAndValidate(const tflite::Model& root, std::span<const uint8_t> file);

// Subgraphs an operator runs (WHILE cond/body, IF branches, CALL_ONCE init, StableHLO regions).
std::vector<int32_t> CalledSubgraphs(const tflite::Operator& op, tflite::BuiltinOperator builtin);

}  // namespace litescope
