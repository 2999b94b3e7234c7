// Every .tflite in ../shared/models (real files from TFLite's converter, TFLM, Coral, MLPerf
// Tiny): it loads, reads as ../shared/models/expected/ophist.json says, survives a rewrite by
// ModelBuilder unchanged, and runs or is refused at prepare with a clear message. Skips with a message when ../shared is absent.
#include <gtest/gtest.h>

#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "engine/model/model.h"
#include "engine/model/model_builder.h"
#include "engine/model/summary.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;

fs::path ModelsDir() { return *testing::SharedDir() / "models"; }

// expected/ophist.json: per model path, {"subgraphs", "tensors", "ops", "dtypes"}.
const nlohmann::json& Expected() {
  static const nlohmann::json expected = [] {
    std::ifstream in(ModelsDir() / "expected" / "ophist.json");
    return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  }();
  return expected;
}

bool HasWarningContaining(const Model& model, const std::string& text) {
  for (const std::string& w : model.warnings()) {
    if (w.find(text) != std::string::npos) return true;
  }
  return false;
}

class SharedModelTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    path_ = (ModelsDir() / GetParam()).string();
    model_ = testing::LoadOrFail(path_);
    ASSERT_TRUE(model_);
  }

  std::string path_;
  std::unique_ptr<Model> model_;
};

TEST(SharedModelsTest, EveryExpectedModelIsThere) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  ASSERT_FALSE(Expected().is_discarded()) << "cannot parse " << ModelsDir() / "expected" / "ophist.json";
  std::set<std::string> expected, found;
  for (const auto& [name, _] : Expected().items()) expected.insert(name);
  for (const std::string& name : testing::SharedTfliteModels()) found.insert(name);
  EXPECT_FALSE(found.empty());
  EXPECT_EQ(found, expected);
}

TEST_P(SharedModelTest, LoadsWithOnlyKnownWarnings) {
  bool bad_quantized_dimension = fs::path(GetParam()).filename() == "person_detect.tflite";
  EXPECT_EQ(HasWarningContaining(*model_, "quantized_dimension"), bad_quantized_dimension)
      << ::testing::PrintToString(model_->warnings());
  if (bad_quantized_dimension) {
    EXPECT_TRUE(HasWarningContaining(*model_, "has quantized_dimension 3 but rank 1; using dimension 0"));
  }
  std::string all;
  for (const std::string& w : model_->warnings()) all += w + "\n";
  RecordProperty("warnings", all);
}

TEST_P(SharedModelTest, MatchesTheExpectedOpHistogram) {
  ASSERT_TRUE(Expected().contains(GetParam())) << GetParam() << " is not in expected/ophist.json";
  const nlohmann::json& expected = Expected()[GetParam()];
  ModelSummary s = Summarize(*model_);
  EXPECT_EQ(nlohmann::json(s.op_histogram), expected["ops"]);
  EXPECT_EQ(s.subgraphs.size(), expected["subgraphs"].get<size_t>());
  EXPECT_EQ(s.tensor_count, expected["tensors"].get<int>());
  EXPECT_EQ(nlohmann::json(s.dtypes), expected["dtypes"]);
  // Every operator's options decode (the JSON and text forms use them).
  EXPECT_EQ(SummaryJson(s)["operators"].size(), static_cast<size_t>(s.operator_count));
  EXPECT_FALSE(SummaryText(s).empty());
}

TEST_P(SharedModelTest, RoundTripsThroughFromModel) {
  ModelBuilder b = ModelBuilder::FromModel(*model_);
  std::unique_ptr<Model> copy = testing::BuildAndLoad(b);
  ASSERT_TRUE(copy);
  EXPECT_TRUE(*testing::Unpack(*model_) == *testing::Unpack(*copy));
  testing::ExpectSameViews(*model_, *copy);
}

TEST_P(SharedModelTest, RoundTripsThroughFilesInlineAndOutOfLine) {
  fs::path dir = testing::TempDir("corpus_round_trip");
  ModelBuilder b = ModelBuilder::FromModel(*model_);
  for (uint64_t limit : {uint64_t{1} << 30, uint64_t{0}}) {
    SCOPED_TRACE("inline_limit " + std::to_string(limit));
    std::string out = (dir / ("copy_" + std::to_string(limit) + ".tflite")).string();
    ASSERT_TRUE(b.WriteFile(out, {path_}, {.inline_limit = limit}).ok());
    std::unique_ptr<Model> copy = testing::LoadOrFail(out);
    ASSERT_TRUE(copy);
    testing::ExpectSameViews(*model_, *copy);
    if (limit != 0) {  // out of line, the object trees differ in Buffer.offset/size
      EXPECT_TRUE(*testing::Unpack(*model_) == *testing::Unpack(*copy));
    }
  }
}

// Every model either runs or is refused at prepare with a message that names the node, with its
// inputs all zeros and then random bytes (NaNs, huge values, out-of-range indices): a kernel may
// return an error for such values, never crash (run under ASan and UBSan by `scripts/test asan`).
// Zeros must run, except where an input is a shape (TRANSPOSE_CONV's output_shape): then the
// error names the node and the shape.
TEST_P(SharedModelTest, RunsOrIsRefusedAtPrepare) {
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(*model_, BuiltinOps());
  if (!it.ok()) {
    EXPECT_NE(it.status().message().find("node "), std::string::npos) << it.status().message();
    RecordProperty("refused", it.status().message());
    return;
  }
  for (int i = 0; i < (*it)->input_count(); ++i) std::memset((*it)->input(i)->raw(), 0, (*it)->input(i)->bytes());
  Status zeros = (*it)->Invoke();
  const bool shape_error = zeros.message().find("node ") != std::string::npos &&
                           zeros.message().find("shape") != std::string::npos;
  EXPECT_TRUE(zeros.ok() || shape_error) << "zero inputs: " << zeros.message();
  uint32_t state = 12345;
  for (int i = 0; i < (*it)->input_count(); ++i) {
    Tensor& t = *(*it)->input(i);
    for (size_t b = 0; b < t.bytes(); ++b) t.raw()[b] = static_cast<uint8_t>((state = state * 1664525u + 1013904223u) >> 24);
  }
  Status garbage = (*it)->Invoke();
  if (!garbage.ok()) EXPECT_FALSE(garbage.message().empty());
  RecordProperty("random_bytes", garbage.ok() ? "ran" : garbage.message());
}

std::string TestName(const ::testing::TestParamInfo<std::string>& param) {
  std::string name = fs::path(param.param).replace_extension().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// Without ../shared the list is empty and only EveryExpectedModelIsThere runs (and skips).
INSTANTIATE_TEST_SUITE_P(Shared, SharedModelTest, ::testing::ValuesIn(testing::SharedTfliteModels()), TestName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SharedModelTest);

}  // namespace
}  // namespace litescope
