// Walks a Keras model_config into the IR: Sequential and Functional models (Keras 2 list-style
// and Keras 3 dict-style inbound_nodes), shared layers (one conversion per call), nested models
// (a model used as a layer is converted inline, its values prefixed "<model>/"), graph inputs
// from InputLayer shapes. Each layer goes to its converter from the layer table.
//
//   ModelWalker walker(file, options, report, model);
//   Status s = walker.Run();    // fills model.main(): inputs, nodes, outputs
#pragma once

#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "converter/frontends/import_options.h"
#include "converter/frontends/keras/keras_reader.h"
#include "converter/ir/graph.h"

namespace litescope::keras {

class ModelWalker {
 public:
  ModelWalker(const KerasFile& file, const ImportOptions& options, ConversionReport* report, ir::Model& model);

  Status Run();

 private:
  // A model ({"class_name", "config"}) applied to `inputs` (null: the top-level model, whose
  // InputLayers become graph inputs). `prefix` names its values; `pool` holds the weights of
  // the top-level layer that encloses a nested model (null at the top level).
  Result<std::vector<int>> BuildModel(const nlohmann::json& model, const std::vector<int>* inputs, const std::string& prefix,
                                      const std::vector<Weight>* pool, int depth);
  Result<std::vector<int>> BuildFunctional(const nlohmann::json& config, const std::vector<int>* inputs,
                                           const std::string& prefix, const std::vector<Weight>* pool, int depth);
  Result<std::vector<int>> BuildSequential(const nlohmann::json& config, const std::vector<int>* inputs,
                                           const std::string& prefix, const std::vector<Weight>* pool, int depth);
  // One call (the `call`-th inbound node) of a layer.
  Result<std::vector<int>> CallLayer(const nlohmann::json& layer, const std::vector<int>& inputs, const std::string& prefix,
                                     const std::vector<Weight>* pool, int call, int depth);
  Result<std::vector<int>> CustomOp(const std::string& name, const std::string& class_name, const std::vector<int>& inputs,
                                    const std::string& reason);
  Result<int> MakeInput(const nlohmann::json& layer_config, const std::string& name);
  Result<std::vector<Weight>> WeightsOf(const std::string& layer, const std::vector<Weight>* pool);
  std::string UniqueName(const std::string& wanted);

  const KerasFile& file_;
  const ImportOptions& options_;
  ConversionReport* report_;
  ir::Model& model_;
  std::set<std::string> names_;
  std::deque<std::vector<Weight>> pools_;  // nested models' weights (stable addresses)
  int layers_total_ = 0, layers_done_ = 0;
};

}  // namespace litescope::keras
