// Reading what a TensorFlow user hands over: a SavedModel directory (saved_model.pb with its
// signatures, and variables/ as a tensor bundle) or a frozen GraphDef (.pb), down to one graph,
// its input and output tensors, and where each variable's value lives in the checkpoint.
//
//   Result<TfSource> src = ReadSavedModel("kws_ref_model", "serving_default");
//   Result<TfSource> pb = ReadFrozenGraph("frozen.pb", {"input"}, {"logits"});
//   for (const TfPort& in : src->inputs) std::cout << in.name << " <- " << in.tensor;
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "converter/frontends/tensorflow/proto/tf_saved_model.pb.h"
#include "converter/frontends/tensorflow/tf_bundle.h"

namespace litescope {

struct TfPort {
  std::string name;    // the model's name for it: the signature key, or the tensor name
  std::string tensor;  // "node:index" in the graph
  int dtype = 0;       // tfproto::DataType, 0 when the source does not say
  std::optional<ir::Dims> shape;  // -1 for unknown dimensions
};

struct TfSource {
  std::shared_ptr<const tfproto::SavedModel> saved_model;  // owns `graph` for a SavedModel
  std::shared_ptr<const tfproto::GraphDef> frozen;         // owns `graph` for a frozen graph
  const tfproto::GraphDef* graph = nullptr;
  std::vector<TfPort> inputs, outputs;
  // Variable node (VarHandleOp, VariableV2) of the top-level graph -> its checkpoint key.
  std::map<std::string, std::string> variable_keys;
  std::optional<TfBundle> bundle;  // the SavedModel's variables, when it has any
  std::string variables_prefix;    // ".../variables/variables"
  std::string description;         // "TensorFlow 2.3.2 SavedModel, signature serving_default"
};

bool IsSavedModelDir(const std::string& path);

// `signature`: the key to convert; empty picks "serving_default" (or the only signature).
Result<TfSource> ReadSavedModel(const std::string& dir, const std::string& signature);

// `inputs`/`outputs`: tensor names ("x" or "x:1"); empty picks the Placeholders and the sinks.
Result<TfSource> ReadFrozenGraph(const std::string& path, const std::vector<std::string>& inputs, const std::vector<std::string>& outputs);

}  // namespace litescope
