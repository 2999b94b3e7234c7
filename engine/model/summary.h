// What `litescope-cli inspect` reports about a model, as data (for the GUI and scripts), as
// JSON (documented in docs/inspect-json.md) and as text.
//
//   ModelSummary s = Summarize(model);
//   std::cout << SummaryText(s);
//   nlohmann::json j = SummaryJson(s);
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/model/model.h"
#include "engine/model/options.h"

namespace litescope {

struct TensorSummary {
  int index = 0;
  std::string name;
  std::vector<int32_t> shape;
  std::vector<int32_t> shape_signature;
  std::string dtype;
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t quantized_dimension = 0;
};

struct OperatorSummary {
  int subgraph = 0;
  int index = 0;
  std::string op;
  int version = 1;
  std::vector<TensorSummary> inputs;  // an omitted optional input has index -1
  std::vector<TensorSummary> outputs;
  std::vector<OptionField> options;
};

struct SubgraphSummary {
  int index = 0;
  std::string name;
  int tensors = 0;
  int operators = 0;
  std::vector<TensorSummary> inputs;
  std::vector<TensorSummary> outputs;
};

struct ParameterCount {
  uint64_t count = 0;
  uint64_t bytes = 0;
};

struct ModelSummary {
  std::string file;
  uint64_t file_bytes = 0;
  uint32_t schema_version = 0;
  std::string description;
  std::string min_runtime_version;
  std::vector<SubgraphSummary> subgraphs;
  int tensor_count = 0;
  int operator_count = 0;
  std::map<std::string, int> op_histogram;        // "CONV_2D" -> 14, over all subgraphs
  std::vector<std::string> dtypes;                // tensor types that occur, sorted
  std::map<std::string, ParameterCount> parameters;  // constant tensors by dtype
  ParameterCount parameters_total;
  struct Signature {
    std::string key;
    int subgraph;
    std::vector<std::pair<std::string, int32_t>> inputs;  // name -> tensor index
    std::vector<std::pair<std::string, int32_t>> outputs;
  };
  std::vector<Signature> signatures;
  struct Metadata {
    std::string name;
    int buffer;
    uint64_t bytes;
  };
  std::vector<Metadata> metadata;
  std::vector<std::string> warnings;
  std::vector<OperatorSummary> operators;  // every subgraph, in execution order
};

ModelSummary Summarize(const Model& model);
// Every string in it is UTF-8 (bytes of model strings that are not are written as \xNN), so
// dump() never throws.
nlohmann::json SummaryJson(const ModelSummary& summary);
std::string SummaryText(const ModelSummary& summary);

// "1x224x224x3" (dynamic dims from the signature as "?"), "scalar" for rank 0.
std::string ShapeText(const std::vector<int32_t>& shape, const std::vector<int32_t>& signature = {});

}  // namespace litescope
