// ModelBuilder: writes .tflite files. Tests build their small models with it; the converter and
// the quantizer write through it; FromModel() starts from a loaded model for a rewrite.
//
//   ModelBuilder b;
//   int in  = b.AddTensor("input", tflite::TensorType_FLOAT32, {1, 4});
//   int w   = b.AddConstTensor<float>("weights", tflite::TensorType_FLOAT32, {3, 4}, weights);
//   int out = b.AddTensor("output", tflite::TensorType_FLOAT32, {1, 3});
//   tflite::FullyConnectedOptionsT fc;
//   b.AddOperator(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, -1}, {out}, Options(fc));
//   b.SetInputs({in});
//   b.SetOutputs({out});
//   Status s = b.WriteFile("fc.tflite");
//
// Buffers larger in total than `WriteOptions::inline_limit` are stored after the FlatBuffer and
// referenced by offset/size, so models over 2 GB can be written.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/model/model.h"
#include "engine/schema/tflite_generated.h"

namespace litescope {

struct QuantParams {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t quantized_dimension = 0;
  std::vector<float> min;
  std::vector<float> max;
};

// Wraps an options table (e.g. tflite::Conv2DOptionsT) into the union AddOperator takes.
template <typename OptionsT>
tflite::BuiltinOptionsUnion Options(const OptionsT& options) {
  tflite::BuiltinOptionsUnion u;
  u.Set(OptionsT(options));  // Set() needs a non-const value
  return u;
}

struct WriteOptions {
  // Above this many bytes of buffer data, buffers go after the FlatBuffer (offset/size).
  uint64_t inline_limit = uint64_t{1} << 30;
};

// A written model: the FlatBuffer followed by out-of-line buffer data at the given offsets.
struct SerializedModel {
  std::vector<uint8_t> flatbuffer;
  struct Tail {
    uint64_t offset;
    std::vector<uint8_t> bytes;
  };
  std::vector<Tail> tail;

  // The whole file in one vector (for tests and in-memory loads).
  std::vector<uint8_t> Bytes() const;
};

class ModelBuilder {
 public:
  ModelBuilder();  // an empty model with one subgraph and the empty buffer 0
  // Everything in `model` (tables, options, data, signatures, metadata) as a builder.
  static ModelBuilder FromModel(const Model& model);

  ModelBuilder(ModelBuilder&&) = default;
  ModelBuilder& operator=(ModelBuilder&&) = default;

  int AddSubgraph(const std::string& name);
  int AddBuffer(std::span<const uint8_t> bytes);
  int AddTensor(const std::string& name, tflite::TensorType type, std::vector<int32_t> shape,
                int buffer = 0, const QuantParams& quant = {}, int subgraph = 0);
  template <typename T>
  int AddConstTensor(const std::string& name, tflite::TensorType type, std::vector<int32_t> shape,
                     std::span<const T> values, const QuantParams& quant = {}, int subgraph = 0) {
    auto bytes = std::as_bytes(values);
    int buffer = AddBuffer({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
    return AddTensor(name, type, std::move(shape), buffer, quant, subgraph);
  }
  template <typename T>
  int AddConstTensor(const std::string& name, tflite::TensorType type, std::vector<int32_t> shape,
                     const std::vector<T>& values, const QuantParams& quant = {}, int subgraph = 0) {
    return AddConstTensor(name, type, std::move(shape), std::span<const T>(values), quant, subgraph);
  }
  int AddOperator(tflite::BuiltinOperator op, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
                  tflite::BuiltinOptionsUnion options = {}, int subgraph = 0, int version = 1);
  int AddCustomOperator(const std::string& custom_code, std::vector<int32_t> inputs,
                        std::vector<int32_t> outputs, std::vector<uint8_t> custom_options = {},
                        int subgraph = 0);
  void SetInputs(std::vector<int32_t> tensors, int subgraph = 0);
  void SetOutputs(std::vector<int32_t> tensors, int subgraph = 0);
  void AddSignature(const std::string& key, int subgraph,
                    const std::vector<std::pair<std::string, int32_t>>& inputs,
                    const std::vector<std::pair<std::string, int32_t>>& outputs);
  void AddMetadata(const std::string& name, std::span<const uint8_t> bytes);
  void SetDescription(const std::string& description);

  // Direct access to the object tree for anything the helpers above do not cover.
  tflite::ModelT& model() { return *model_; }

  // Serializes the model. Leaves the builder unchanged.
  Result<SerializedModel> Finish(const WriteOptions& options = {});
  // Serializes and writes atomically; refuses to write over any of `sources`.
  Status WriteFile(const std::string& path, const std::vector<std::string>& sources = {},
                   const WriteOptions& options = {});

 private:
  int OpCodeIndex(tflite::BuiltinOperator op, const std::string& custom_code, int version);

  std::unique_ptr<tflite::ModelT> model_;
};

}  // namespace litescope
