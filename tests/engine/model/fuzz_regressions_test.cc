// Every input the fuzzer once broke the loader with (tests/fuzz/regressions) must now either be
// refused with a message or load and go through everything the inspector does, in every build.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "engine/model/model_builder.h"
#include "engine/model/summary.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

TEST(FuzzRegressions, EachInputIsRefusedOrInspectable) {
  std::filesystem::path dir = std::filesystem::path(LITESCOPE_SOURCE_DIR) / "tests" / "fuzz" / "regressions";
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    SCOPED_TRACE(entry.path().filename().string());
    std::ifstream in(entry.path(), std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Result<std::unique_ptr<Model>> model = Model::FromBytes(bytes, entry.path().filename().string());
    ++seen;
    if (!model.ok()) {
      EXPECT_FALSE(model.status().message().empty());
      continue;
    }
    ModelSummary summary = Summarize(**model);
    EXPECT_FALSE(SummaryJson(summary).dump().empty());
    EXPECT_FALSE(SummaryText(summary).empty());
    Result<SerializedModel> rewritten = ModelBuilder::FromModel(**model).Finish();
    ASSERT_TRUE(rewritten.ok()) << rewritten.status().message();
    EXPECT_TRUE(Model::FromBytes(rewritten->Bytes(), "rewritten").ok());
  }
  EXPECT_GE(seen, 5);
}

}  // namespace
}  // namespace litescope
