// Every model in ../shared/golden whose golden came from an independent runtime and whose ops
// we have kernels for (and MobileNetV1 of ../shared/bench) must match that golden within the tolerance the golden's README gives:
// float32 outputs max|a - g| <= 1e-4 * max|g|. Models with an op we do not run yet are listed
// (skipped with the reason), so the coverage is visible in the test log.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/model/npy.h"
#include "engine/runtime/interpreter.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

std::vector<std::string> GoldenModels() {
  std::vector<std::string> out;
  std::optional<std::filesystem::path> shared = testing::SharedDir();
  if (!shared) return out;
  std::ifstream in(*shared / "golden" / "index.json");
  nlohmann::json index = nlohmann::json::parse(in, nullptr, false);
  if (index.is_discarded()) return out;
  for (auto& [name, entry] : index.items()) {
    if (entry.value("model", "").ends_with(".tflite")) out.push_back(name);
  }
  return out;
}

// Runs `model` on the given .npy inputs and compares every float32 output with its golden.
// `tolerances[o]` is the relative bound of output o: max|a - g| <= tolerance * max|g|.
void ExpectMatchesGolden(const std::filesystem::path& model_path, const std::vector<std::filesystem::path>& inputs,
                         const std::vector<std::filesystem::path>& goldens, const std::vector<double>& tolerances) {
  Result<std::unique_ptr<Model>> model = Model::Load(model_path.string());
  ASSERT_TRUE(model.ok()) << model.status().message();
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(**model, BuiltinOps());
  if (!it.ok()) GTEST_SKIP() << it.status().message();
  for (size_t i = 0; i < inputs.size(); ++i) {
    Result<NpyArray> input = ReadNpy(inputs[i].string());
    ASSERT_TRUE(input.ok()) << input.status().message();
    Tensor* t = (*it)->input(static_cast<int>(i));
    ASSERT_EQ(input->data.size(), t->bytes());
    std::memcpy(t->raw(), input->data.data(), input->data.size());
  }
  Status s = (*it)->Invoke();
  ASSERT_TRUE(s.ok()) << s.message();
  for (size_t o = 0; o < goldens.size(); ++o) {
    Result<NpyArray> expected = ReadNpy(goldens[o].string());
    ASSERT_TRUE(expected.ok()) << expected.status().message();
    const Tensor& actual = *(*it)->output(static_cast<int>(o));
    ASSERT_EQ(actual.shape, expected->shape);
    const float* a = actual.data<float>();
    const float* g = reinterpret_cast<const float*>(expected->data.data());
    double max_g = 0, max_diff = 0;
    for (int64_t k = 0; k < actual.elements(); ++k) {
      max_g = std::max(max_g, std::fabs(double(g[k])));
      max_diff = std::max(max_diff, std::fabs(double(a[k]) - double(g[k])));
    }
    EXPECT_LE(max_diff, tolerances[o] * max_g) << "output " << o << " of " << model_path;
    ::testing::Test::RecordProperty("max_abs_diff_" + std::to_string(o), std::to_string(max_diff));
  }
}

// The factor of index.json's float rule "max|a - golden| <= F * max|golden|".
double RelativeTolerance(const std::string& compare) {
  const std::string prefix = "max|a - golden| <= ";
  EXPECT_TRUE(compare.starts_with(prefix) && compare.ends_with(" * max|golden|")) << "unknown rule: " << compare;
  return compare.starts_with(prefix) ? std::stod(compare.substr(prefix.size())) : 1e-4;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, MatchesReferenceRuntime) {
  const std::filesystem::path shared = *testing::SharedDir();
  const std::filesystem::path golden = shared / "golden" / GetParam();
  std::ifstream in(shared / "golden" / "index.json");
  nlohmann::json entry = nlohmann::json::parse(in)[GetParam()];
  std::vector<std::filesystem::path> inputs, outputs;
  std::vector<double> tolerances;
  for (const auto& input : entry["inputs"]) inputs.push_back(golden / input["file"].get<std::string>());
  for (const auto& output : entry["outputs"]) {
    if (output["dtype"] != "float32") GTEST_SKIP() << "quantized outputs: the quantized kernels come next";
    outputs.push_back(golden / output["file"].get<std::string>());
    tolerances.push_back(RelativeTolerance(output["tolerance"]["compare"].get<std::string>()));
  }
  ExpectMatchesGolden(shared / "models" / entry["model"].get<std::string>(), inputs, outputs, tolerances);
}

INSTANTIATE_TEST_SUITE_P(Shared, GoldenTest, ::testing::ValuesIn(GoldenModels()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenTest);

// MobileNetV1-224 of ../shared/bench (random weights), against real TFLite.
TEST(GoldenBench, MobileNetV1Float) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  const std::filesystem::path bench = *testing::SharedDir() / "bench";
  ExpectMatchesGolden(bench / "mobilenet_v1_f32.tflite", {bench / "golden" / "input_0.npy"},
                      {bench / "golden" / "tflite_wasm" / "output_0.npy"}, {1e-4});
}

TEST(GoldenCorpus, SharedFolderPresent) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  EXPECT_FALSE(GoldenModels().empty());
}

}  // namespace
}  // namespace litescope
