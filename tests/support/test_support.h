// Helpers shared by the test binaries: where ../shared is, building models in memory, and
// comparing two loaded models view by view.
//
//   std::optional<std::filesystem::path> dir = SharedDir();   // nullopt: the test should skip
//   LITESCOPE_SKIP_WITHOUT_SHARED();                           // GTEST_SKIP with a message
//   ModelBuilder b = SmallConvModel();
//   std::unique_ptr<Model> m = BuildAndLoad(b, {.inline_limit = 0});
//   ExpectSameViews(*original, *m);
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/model.h"
#include "engine/model/model_builder.h"
#include "resources/samples/sample_models.h"

namespace litescope::testing {

// ../shared (LITESCOPE_SHARED_DIR at configure time, or $LITESCOPE_SHARED_DIR), if it exists.
std::optional<std::filesystem::path> SharedDir();

// Every .tflite under shared/models, relative to shared/models, sorted.
std::vector<std::string> SharedTfliteModels();

// Serializes `builder` into one file image; fails the test (and returns empty) on error.
std::vector<uint8_t> Serialize(ModelBuilder& builder, const WriteOptions& options = {});

// Serializes `builder` and loads the bytes; fails the test on error.
std::unique_ptr<Model> BuildAndLoad(ModelBuilder& builder, const WriteOptions& options = {});

// Loads a file; fails the test on error.
std::unique_ptr<Model> LoadOrFail(const std::string& path);

// The model's object tree, for comparing two models with tflite::ModelT's operator==.
std::unique_ptr<tflite::ModelT> Unpack(const Model& model);

// Expects `actual` to read exactly like `expected` through every view: op codes, subgraphs,
// tensors (shape, type, quantization, data bytes), operators (inputs, outputs, decoded options,
// custom options), signatures, metadata bytes and description. File layout (where buffers are
// stored) may differ.
void ExpectSameViews(const Model& expected, const Model& actual);

// A valid one-operator model: input [1,4,4,2] FLOAT32 -> CONV_2D (weights [3,1,1,2], bias [3],
// SAME, stride 1) -> output [1,4,4,3]. Tensors 0 input, 1 weights, 2 bias, 3 output; buffers 1
// (weights) and 2 (bias) hold data.
ModelBuilder SmallConvModel();

// A fresh empty directory under the test temp dir, unique to this process and removed when it
// exits.
std::filesystem::path TempDir(const std::string& name);

// The path of the litescope-cli binary under test.
std::string CliPath();

// ../shared/oracle/tflite_wasm_run.js (real TFLite in WebAssembly), or nullopt when Node.js or
// the oracle's npm packages are not set up; tests then skip with a message.
std::optional<std::filesystem::path> TfliteOracleScript();

}  // namespace litescope::testing

#define LITESCOPE_SKIP_WITHOUT_SHARED()                                                        \
  do {                                                                                         \
    if (!::litescope::testing::SharedDir()) {                                                  \
      GTEST_SKIP() << "../shared is absent (set LITESCOPE_SHARED_DIR to run this test)";       \
    }                                                                                          \
  } while (0)
