// What a Keras layer converter sees and uses: the layer (name, class, config, input values, saved
// weights) and helpers that append TFLite nodes and constants to the graph, named after the layer
// ("conv2d/kernel", "conv2d/bias"; the layer's final output is renamed "conv2d" by the caller).
//
//   Status ConvertRelu(LayerContext& ctx) {
//     ctx.outputs = {ctx.Unary(tflite::BuiltinOperator_RELU, ctx.input())};
//     return Status::Ok();
//   }
//
// Config values are read with nlohmann::json's value()/at(); a type mismatch throws, and the
// front end turns that into an error naming the layer.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "converter/frontends/import_options.h"
#include "converter/frontends/keras/keras_reader.h"
#include "converter/ir/graph.h"

namespace litescope::keras {

struct LayerInfo {
  std::string name;        // the layer's name in its model
  std::string class_name;  // "Conv2D"
  const nlohmann::json* config = nullptr;
  std::vector<int> inputs;  // value ids, in call order
  std::vector<Weight> weights;
  std::string keras_version;
};

class LayerContext {
 public:
  // `unique_name` turns a wanted value name into one not used yet.
  LayerContext(ir::Model& model, const ImportOptions& options, LayerInfo info,
               std::function<std::string(const std::string&)> unique_name);

  const std::string& name() const { return info_.name; }
  const std::string& class_name() const { return info_.class_name; }
  const nlohmann::json& config() const { return *info_.config; }
  const std::vector<int>& inputs() const { return info_.inputs; }
  int input(size_t i = 0) const { return info_.inputs.at(i); }
  const std::string& keras_version() const { return info_.keras_version; }
  bool keras3() const { return !info_.keras_version.empty() && info_.keras_version[0] == '3'; }
  const ImportOptions& options() const { return options_; }
  ir::Graph& graph() { return model_.main(); }
  const ir::Value& value(int v) const { return model_.main().values[static_cast<size_t>(v)]; }
  std::string source() const { return info_.name + " (" + info_.class_name + ")"; }

  // Errors that name the layer: "layer conv2d (Conv2D): <message>".
  Status Error(const std::string& message) const;
  Status Unsupported(const std::string& message) const;
  Status ExpectInputs(size_t count) const;

  // A saved weight by its short name ("kernel" for "conv2d/kernel:0"), else the `position`-th
  // weight of the layer (older files name weights differently); null if there is neither.
  const Weight* FindWeight(std::string_view short_name, int position) const;
  // The same, as an error naming the layer and the weight when it is missing or has not `rank`.
  Result<const Weight*> RequireWeight(std::string_view short_name, int position, size_t rank) const;

  // Config helpers for Keras' int-or-tuple arguments (kernel_size, strides, ...).
  std::vector<int> Ints(const char* key, size_t count, int fallback) const;

  // Constants named "<layer>/<suffix>".
  int Constant(const std::string& suffix, ir::Dims shape, std::vector<float> data);
  int ConstantInt(const std::string& suffix, ir::Dims shape, std::vector<int32_t> data);
  int ScalarConstant(const std::string& suffix, float v) { return Constant(suffix, {}, {v}); }
  int ShapeConstant(const std::string& suffix, const ir::Dims& dims) {
    return ConstantInt(suffix, {static_cast<int32_t>(dims.size())}, dims);
  }

  // Appends a node with one new output value "<layer>/<suffix>" of `shape` (unknown when not
  // given: the front end infers it when someone needs it) and returns that value.
  int Emit(tflite::BuiltinOperator op, tflite::BuiltinOptionsUnion options, std::vector<int> node_inputs,
           const std::string& suffix, std::optional<ir::Dims> shape = std::nullopt);
  // An elementwise op of one input: the output has the input's shape.
  int Unary(tflite::BuiltinOperator op, int in, const std::string& suffix = "");
  // ADD / SUB / MUL / DIV / MAXIMUM / MINIMUM with numpy broadcasting of the shapes.
  int Binary(tflite::BuiltinOperator op, int a, int b, const std::string& suffix = "",
             tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE);
  int Reshape(int in, const ir::Dims& new_shape, const std::string& suffix = "reshape");
  int Transpose(int in, const std::vector<int32_t>& perm, const std::string& suffix = "transpose");

  // The static shape of value `v`; values whose shape the front end did not set are computed by
  // preparing the graph built so far in the engine (passes/infer_shapes.h).
  Result<ir::Dims> Shape(int v);

  // The fused activation TFLite applies inside an op for Keras' `activation` (relu, relu6,
  // linear), or nullopt when the activation needs ops of its own (ApplyActivation).
  static std::optional<tflite::ActivationFunctionType> Fusable(const std::string& activation);
  // The ops of a Keras activation function applied to `in`; `in` itself for "linear".
  Result<int> ApplyActivation(const std::string& activation, int in);
  // Emits `op` with the layer's `activation` fused when TFLite can fuse it, and the rest after.
  // `options_with` builds the options table for a given fused activation.
  Result<int> EmitWithActivation(tflite::BuiltinOperator op,
                                 const std::function<tflite::BuiltinOptionsUnion(tflite::ActivationFunctionType)>& options_with,
                                 std::vector<int> node_inputs, const std::string& suffix, const std::string& activation,
                                 std::optional<ir::Dims> shape = std::nullopt);

  // The converter's outputs, in Keras' output order.
  std::vector<int> outputs;

 private:
  std::string ValueName(const std::string& suffix) const;

  ir::Model& model_;
  const ImportOptions& options_;
  LayerInfo info_;
  std::function<std::string(const std::string&)> unique_name_;
};

// Keras' activation names, new and old ("relu", "keras.activations.relu" in Keras 3 configs,
// {"class_name": ...} objects) reduced to the plain name.
std::string ActivationName(const nlohmann::json& activation);

// Converts one layer class; fills ctx.outputs.
using LayerConverter = Status (*)(LayerContext& ctx);

// The layer table (keras_layers.cc): the converter of a Keras class, or null.
LayerConverter FindLayerConverter(std::string_view class_name);
// Every supported class name, for documentation and error messages.
std::vector<std::string_view> SupportedLayerClasses();

}  // namespace litescope::keras
