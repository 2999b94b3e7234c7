// Helpers shared by the test binaries: where ../shared is, and building models in memory.
//
//   std::optional<std::filesystem::path> dir = SharedDir();   // nullopt: the test should skip
//   LITESCOPE_SKIP_WITHOUT_SHARED();                           // GTEST_SKIP with a message
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/model.h"
#include "engine/model/model_builder.h"

namespace litescope::testing {

// ../shared (LITESCOPE_SHARED_DIR at configure time, or $LITESCOPE_SHARED_DIR), if it exists.
std::optional<std::filesystem::path> SharedDir();

// Every .tflite under shared/models, relative to shared/models, sorted.
std::vector<std::string> SharedTfliteModels();

// Serializes `builder` and loads the bytes; fails the test on error.
std::unique_ptr<Model> BuildAndLoad(ModelBuilder& builder);

// A fresh empty directory under the test temp dir.
std::filesystem::path TempDir(const std::string& name);

// The path of the litescope-cli binary under test.
std::string CliPath();

}  // namespace litescope::testing

#define LITESCOPE_SKIP_WITHOUT_SHARED()                                                        \
  do {                                                                                         \
    if (!::litescope::testing::SharedDir()) {                                                  \
      GTEST_SKIP() << "../shared is absent (set LITESCOPE_SHARED_DIR to run this test)";       \
    }                                                                                          \
  } while (0)
