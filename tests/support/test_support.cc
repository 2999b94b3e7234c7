#include "tests/support/test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

namespace litescope::testing {

std::optional<std::filesystem::path> SharedDir() {
  const char* env = std::getenv("LITESCOPE_SHARED_DIR");
  std::filesystem::path dir = env != nullptr ? env : LITESCOPE_SHARED_DIR;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir / "models", ec)) return std::nullopt;
  return std::filesystem::canonical(dir, ec);
}

std::vector<std::string> SharedTfliteModels() {
  std::vector<std::string> out;
  std::optional<std::filesystem::path> dir = SharedDir();
  if (!dir) return out;
  std::filesystem::path models = *dir / "models";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(models)) {
    if (entry.is_regular_file() && entry.path().extension() == ".tflite") {
      out.push_back(std::filesystem::relative(entry.path(), models).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::unique_ptr<Model> BuildAndLoad(ModelBuilder& builder) {
  Result<SerializedModel> serialized = builder.Finish();
  EXPECT_TRUE(serialized.ok()) << serialized.status().message();
  if (!serialized.ok()) return nullptr;
  Result<std::unique_ptr<Model>> model = Model::FromBytes(serialized->Bytes(), "built");
  EXPECT_TRUE(model.ok()) << model.status().message();
  if (!model.ok()) return nullptr;
  return std::move(model).value();
}

std::filesystem::path TempDir(const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / ("litescope_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string CliPath() { return LITESCOPE_CLI_PATH; }

}  // namespace litescope::testing
