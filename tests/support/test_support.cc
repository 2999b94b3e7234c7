#include "tests/support/test_support.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <span>

#include "engine/model/options.h"

namespace litescope::testing {
namespace {

template <typename T>
std::vector<T> Vec(std::span<const T> s) {
  return {s.begin(), s.end()};
}

bool SameBytes(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return std::ranges::equal(a, b);
}

// Bit for bit, so that a NaN read from a damaged file equals itself.
bool SameFloats(std::span<const float> a, std::span<const float> b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size_bytes()) == 0);
}

// "name=text" per decoded option field, so that two operators' options compare as text.
std::vector<std::string> OptionTexts(const OperatorView& op) {
  std::vector<std::string> out;
  for (const OptionField& f : DecodeOptions(op)) out.push_back(f.name + "=" + f.text);
  return out;
}

void ExpectSameTensor(const TensorView& a, const TensorView& b) {
  SCOPED_TRACE("tensor " + std::to_string(a.index()) + " (" + std::string(a.name()) + ")");
  EXPECT_EQ(a.name(), b.name());
  EXPECT_EQ(a.type(), b.type());
  EXPECT_EQ(Vec(a.shape()), Vec(b.shape()));
  EXPECT_EQ(Vec(a.shape_signature()), Vec(b.shape_signature()));
  EXPECT_EQ(a.is_variable(), b.is_variable());
  EXPECT_EQ(a.has_rank(), b.has_rank());
  EXPECT_EQ(a.is_constant(), b.is_constant());
  EXPECT_EQ(a.data().size(), b.data().size());
  EXPECT_TRUE(SameBytes(a.data(), b.data())) << "the data bytes differ";
  QuantizationView qa = a.quantization(), qb = b.quantization();
  EXPECT_TRUE(SameFloats(qa.scale, qb.scale)) << ::testing::PrintToString(Vec(qa.scale)) << " vs "
                                              << ::testing::PrintToString(Vec(qb.scale));
  EXPECT_EQ(Vec(qa.zero_point), Vec(qb.zero_point));
  EXPECT_TRUE(SameFloats(qa.min, qb.min)) << "min differs";
  EXPECT_TRUE(SameFloats(qa.max, qb.max)) << "max differs";
  EXPECT_EQ(qa.quantized_dimension, qb.quantized_dimension);
  EXPECT_EQ(qa.has_custom_details, qb.has_custom_details);
  EXPECT_EQ(a.sparsity() != nullptr, b.sparsity() != nullptr);
}

void ExpectSameOperator(const OperatorView& a, const OperatorView& b) {
  SCOPED_TRACE("operator " + std::to_string(a.index()) + " (" + a.name() + ")");
  EXPECT_EQ(a.name(), b.name());
  EXPECT_EQ(a.code().version, b.code().version);
  EXPECT_EQ(Vec(a.inputs()), Vec(b.inputs()));
  EXPECT_EQ(Vec(a.outputs()), Vec(b.outputs()));
  EXPECT_EQ(Vec(a.intermediates()), Vec(b.intermediates()));
  EXPECT_EQ(OptionsTypeName(a), OptionsTypeName(b));
  EXPECT_EQ(OptionTexts(a), OptionTexts(b));
  EXPECT_EQ(Vec(a.custom_options()), Vec(b.custom_options()));
  EXPECT_EQ(a.custom_options_format(), b.custom_options_format());
}

void ExpectSameSubgraph(const SubgraphView& a, const SubgraphView& b) {
  SCOPED_TRACE("subgraph " + std::to_string(a.index()));
  EXPECT_EQ(a.name(), b.name());
  EXPECT_EQ(Vec(a.inputs()), Vec(b.inputs()));
  EXPECT_EQ(Vec(a.outputs()), Vec(b.outputs()));
  ASSERT_EQ(a.tensor_count(), b.tensor_count());
  ASSERT_EQ(a.operator_count(), b.operator_count());
  for (int t = 0; t < a.tensor_count(); ++t) ExpectSameTensor(a.tensor(t), b.tensor(t));
  for (int o = 0; o < a.operator_count(); ++o) ExpectSameOperator(a.op(o), b.op(o));
}

std::vector<std::pair<std::string, int32_t>> Names(const std::vector<SignatureTensor>& list) {
  std::vector<std::pair<std::string, int32_t>> out;
  for (const SignatureTensor& t : list) out.emplace_back(std::string(t.name), t.tensor_index);
  return out;
}

}  // namespace

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

std::vector<uint8_t> Serialize(ModelBuilder& builder, const WriteOptions& options) {
  Result<SerializedModel> serialized = builder.Finish(options);
  EXPECT_TRUE(serialized.ok()) << serialized.status().message();
  if (!serialized.ok()) return {};
  return serialized->Bytes();
}

std::unique_ptr<Model> BuildAndLoad(ModelBuilder& builder, const WriteOptions& options) {
  std::vector<uint8_t> bytes = Serialize(builder, options);
  if (bytes.empty()) return nullptr;
  Result<std::unique_ptr<Model>> model = Model::FromBytes(std::move(bytes), "built");
  EXPECT_TRUE(model.ok()) << model.status().message();
  if (!model.ok()) return nullptr;
  return std::move(model).value();
}

std::unique_ptr<Model> LoadOrFail(const std::string& path) {
  Result<std::unique_ptr<Model>> model = Model::Load(path);
  EXPECT_TRUE(model.ok()) << model.status().message();
  if (!model.ok()) return nullptr;
  return std::move(model).value();
}

std::unique_ptr<tflite::ModelT> Unpack(const Model& model) {
  return std::unique_ptr<tflite::ModelT>(model.fb().UnPack());
}

void ExpectSameViews(const Model& a, const Model& b) {
  EXPECT_EQ(a.schema_version(), b.schema_version());
  EXPECT_EQ(a.description(), b.description());
  EXPECT_EQ(a.min_runtime_version(), b.min_runtime_version());
  EXPECT_EQ(a.warnings(), b.warnings());
  ASSERT_EQ(a.op_codes().size(), b.op_codes().size());
  for (size_t i = 0; i < a.op_codes().size(); ++i) {
    EXPECT_EQ(OpCodeName(a.op_codes()[i]), OpCodeName(b.op_codes()[i])) << "operator code " << i;
    EXPECT_EQ(a.op_codes()[i].version, b.op_codes()[i].version) << "operator code " << i;
  }
  ASSERT_EQ(a.subgraph_count(), b.subgraph_count());
  for (int s = 0; s < a.subgraph_count(); ++s) ExpectSameSubgraph(a.subgraph(s), b.subgraph(s));

  std::vector<SignatureView> sa = a.signatures(), sb = b.signatures();
  ASSERT_EQ(sa.size(), sb.size());
  for (size_t i = 0; i < sa.size(); ++i) {
    EXPECT_EQ(sa[i].key, sb[i].key);
    EXPECT_EQ(sa[i].subgraph_index, sb[i].subgraph_index);
    EXPECT_EQ(Names(sa[i].inputs), Names(sb[i].inputs));
    EXPECT_EQ(Names(sa[i].outputs), Names(sb[i].outputs));
  }
  std::vector<MetadataView> ma = a.metadata(), mb = b.metadata();
  ASSERT_EQ(ma.size(), mb.size());
  for (size_t i = 0; i < ma.size(); ++i) {
    EXPECT_EQ(ma[i].name, mb[i].name);
    EXPECT_TRUE(SameBytes(ma[i].data, mb[i].data)) << "metadata " << ma[i].name << " differs";
  }
}

ModelBuilder SmallConvModel() {
  ModelBuilder b;
  int input = b.AddTensor("input", tflite::TensorType_FLOAT32, {1, 4, 4, 2});
  int weights = b.AddConstTensor("weights", tflite::TensorType_FLOAT32, {3, 1, 1, 2},
                                 std::vector<float>{1, 2, 3, 4, 5, 6});
  int bias = b.AddConstTensor("bias", tflite::TensorType_FLOAT32, {3}, std::vector<float>{0.5f, 0, -0.5f});
  int output = b.AddTensor("output", tflite::TensorType_FLOAT32, {1, 4, 4, 3});
  tflite::Conv2DOptionsT conv;
  conv.padding = tflite::Padding_SAME;
  conv.stride_w = conv.stride_h = 1;
  b.AddOperator(tflite::BuiltinOperator_CONV_2D, {input, weights, bias}, {output}, Options(conv));
  b.SetInputs({input});
  b.SetOutputs({output});
  return b;
}

namespace {

// Removes the directories TempDir made when the test process exits, unless LITESCOPE_KEEP_TEMP is
// set (to look at the models and oracle outputs of a failing case).
struct TempDirs {
  std::vector<std::filesystem::path> made;
  ~TempDirs() {
    if (std::getenv("LITESCOPE_KEEP_TEMP") != nullptr) return;
    std::error_code ec;
    for (const std::filesystem::path& dir : made) std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace

std::filesystem::path TempDir(const std::string& name) {
  static TempDirs dirs;
  // The pid keeps parallel ctest processes (and build trees) out of each other's way.
  std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / ("litescope_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  dirs.made.push_back(dir);
  return dir;
}

std::string CliPath() { return LITESCOPE_CLI_PATH; }

std::optional<std::filesystem::path> TfliteOracleScript() {
  std::optional<std::filesystem::path> shared = SharedDir();
  if (!shared || std::system("node --version > /dev/null 2>&1") != 0) return std::nullopt;
  const char* dir = std::getenv("LITESCOPE_ORACLE_DIR");
  const char* home = std::getenv("HOME");
  std::filesystem::path modules = dir ? std::filesystem::path(dir) / "node_modules"
                                      : std::filesystem::path(home ? home : "/") / ".cache/litescope-oracle/node_modules";
  if (!std::filesystem::exists(modules / "@tensorflow")) return std::nullopt;
  return *shared / "oracle" / "tflite_wasm_run.js";
}

}  // namespace litescope::testing
