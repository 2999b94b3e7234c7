// Small models and files for the quantization tests: one-op float / int8 model pairs built with
// ModelBuilder, an interpreter over them, and BMP and .npy files written into a test folder.
//
//   TinyModel f = TinyModel::Unary(tflite::BuiltinOperator_RELU, tflite::TensorType_FLOAT32, {1, 4, 4, 3});
//   WriteBmp(dir / "cat" / "a.bmp", 4, 4, 3, 7);
#pragma once

#include <gtest/gtest.h>
#include <stb/stb_image_write.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "engine/model/npy.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"
#include "tests/support/test_support.h"

namespace litescope::testing {

// A model loaded from a ModelBuilder together with its interpreter.
struct TinyModel {
  std::unique_ptr<Model> model;
  std::unique_ptr<Interpreter> it;

  static TinyModel Load(ModelBuilder& b, const InterpreterOptions& options = {}) {
    TinyModel m;
    m.model = BuildAndLoad(b);
    Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(*m.model, BuiltinOps(), options);
    EXPECT_TRUE(it.ok()) << it.status().message();
    if (it.ok()) m.it = std::move(it).value();
    return m;
  }

  // input -> OP -> output, both of `type` (with `quant`, if any) and `shape`.
  static ModelBuilder UnaryBuilder(tflite::BuiltinOperator op, tflite::TensorType type, std::vector<int32_t> shape,
                                   const QuantParams& quant = {}) {
    ModelBuilder b;
    const int in = b.AddTensor("input", type, shape, 0, quant);
    const int out = b.AddTensor("output", type, shape, 0, quant);
    b.AddOperator(op, {in}, {out});
    b.SetInputs({in});
    b.SetOutputs({out});
    return b;
  }
  static TinyModel Unary(tflite::BuiltinOperator op, tflite::TensorType type, std::vector<int32_t> shape,
                         const QuantParams& quant = {}) {
    ModelBuilder b = UnaryBuilder(op, type, std::move(shape), quant);
    return Load(b);
  }
};

// A BMP of `width` x `height` x `channels` whose pixel bytes are (seed + 13 * i) % 256.
inline void WriteBmp(const std::filesystem::path& path, int width, int height, int channels, int seed) {
  std::filesystem::create_directories(path.parent_path());
  std::vector<uint8_t> pixels(static_cast<size_t>(width * height * channels));
  for (size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<uint8_t>((seed + 13 * i) % 256);
  ASSERT_NE(stbi_write_bmp(path.string().c_str(), width, height, channels, pixels.data()), 0) << path;
}

inline void WriteFloatNpy(const std::filesystem::path& path, std::vector<int32_t> shape, const std::vector<float>& values) {
  NpyArray a{tflite::TensorType_FLOAT32, std::move(shape), {}};
  a.data.resize(values.size() * sizeof(float));
  std::memcpy(a.data.data(), values.data(), a.data.size());
  ASSERT_TRUE(WriteNpy(path.string(), a).ok()) << path;
}

inline void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace litescope::testing
