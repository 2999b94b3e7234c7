// Reading a Keras 2 / tf.keras full-model .h5 file through the libhdf5 C API: the root attributes
// `model_config` (the architecture as JSON), `keras_version` and `backend`, and the weights of
// every top-level layer (`model_weights/<layer>`, listed by its `weight_names` attribute). HDF5's
// own error printing is silenced; its error stack becomes the message of the returned Status.
//
//   Result<KerasFile> f = KerasFile::Open("net.h5");
//   const nlohmann::json& config = f->model_config();
//   Result<std::vector<Weight>> w = f->LayerWeights("conv2d");   // kernel, bias, in saving order
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "converter/ir/graph.h"
#include "engine/base/status.h"

namespace litescope::keras {

// One saved weight, converted to float32 whatever its stored numeric type.
struct Weight {
  std::string name;  // as saved: "conv2d/kernel:0", "model_1/dense/bias:0"
  ir::Dims shape;
  std::vector<float> data;
};

class KerasFile {
 public:
  static Result<KerasFile> Open(const std::string& path);

  KerasFile(KerasFile&&) noexcept;
  KerasFile& operator=(KerasFile&&) noexcept;
  ~KerasFile();

  const std::string& path() const { return path_; }
  const nlohmann::json& model_config() const { return model_config_; }
  const std::string& keras_version() const { return keras_version_; }
  const std::string& backend() const { return backend_; }
  // The names of the layers with a weights group (the `layer_names` attribute).
  const std::vector<std::string>& weighted_layers() const { return layer_names_; }

  // Every weight of the top-level layer `layer` (a nested model's group holds all of its inner
  // layers' weights), in the order Keras saved them; empty for a layer without weights.
  Result<std::vector<Weight>> LayerWeights(const std::string& layer) const;

 private:
  KerasFile() = default;

  std::string path_;
  int64_t file_ = -1;  // hid_t
  int64_t weights_group_ = -1;
  nlohmann::json model_config_;
  std::string keras_version_, backend_;
  std::vector<std::string> layer_names_;
};

}  // namespace litescope::keras
