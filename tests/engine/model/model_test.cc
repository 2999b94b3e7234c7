#include "engine/model/model.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/model/model_builder.h"
#include "engine/model/validate.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

using testing::BuildAndLoad;
using testing::SmallConvModel;

template <typename T>
std::vector<T> Vec(std::span<const T> s) {
  return {s.begin(), s.end()};
}

// Expects exactly one warning, containing `text`.
void ExpectOneWarning(const Model& model, const std::string& text) {
  ASSERT_EQ(model.warnings().size(), 1u) << ::testing::PrintToString(model.warnings());
  EXPECT_NE(model.warnings()[0].find(text), std::string::npos) << model.warnings()[0];
}

std::vector<uint8_t> Padded(const std::string& s, size_t size) {
  std::vector<uint8_t> bytes(s.begin(), s.end());
  bytes.resize(size, 0);
  return bytes;
}

TEST(ModelTest, LoadsAFile) {
  std::filesystem::path path = testing::TempDir("model_load") / "conv.tflite";
  ModelBuilder b = SmallConvModel();
  ASSERT_TRUE(b.WriteFile(path.string()).ok());
  std::unique_ptr<Model> m = testing::LoadOrFail(path.string());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->path(), path.string());
  EXPECT_EQ(m->file_bytes().size(), std::filesystem::file_size(path));
  EXPECT_EQ(m->schema_version(), 3u);
  EXPECT_TRUE(m->warnings().empty());
  EXPECT_TRUE(m->description().empty());
  EXPECT_TRUE(m->signatures().empty());
  EXPECT_TRUE(m->metadata().empty());
  EXPECT_EQ(m->min_runtime_version(), "");
  ASSERT_EQ(m->subgraph_count(), 1);
  EXPECT_EQ(m->buffer_count(), 3);
  ASSERT_EQ(m->subgraph(0).operator_count(), 1);
  EXPECT_EQ(m->subgraph(0).op(0).name(), "CONV_2D");
}

TEST(ModelTest, AMissingFileIsNamedInTheError) {
  std::filesystem::path path = testing::TempDir("model_missing") / "absent.tflite";
  Result<std::unique_ptr<Model>> m = Model::Load(path.string());
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kIoError);
  EXPECT_EQ(m.status().message().rfind("failed to load model: cannot open " + path.string(), 0), 0u)
      << m.status().message();
}

TEST(ModelTest, ADirectoryIsNotAModel) {
  std::filesystem::path dir = testing::TempDir("model_directory");
  Result<std::unique_ptr<Model>> m = Model::Load(dir.string());
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("is not a regular file"), std::string::npos) << m.status().message();
}

TEST(ModelTest, MessagesNameTheLabelOfBytesInMemory) {
  Result<std::unique_ptr<Model>> m = Model::FromBytes({}, "upload #3");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().message(), "failed to load upload #3: the file is empty");
}

TEST(ModelTest, RankOnePerChannelTensorWithAnOutOfRangeDimensionLoadsWithAWarning) {
  // What person_detect.tflite does: 1-D per-channel biases with quantized_dimension 3.
  ModelBuilder b = SmallConvModel();
  tflite::QuantizationParametersT& q = *(b.model().subgraphs[0]->tensors[2]->quantization =
                                             std::make_unique<tflite::QuantizationParametersT>());
  q.scale = {0.1f, 0.2f, 0.3f};
  q.zero_point = {0, 0, 0};
  q.quantized_dimension = 3;
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  ExpectOneWarning(*m, "tensor 2 (bias) has quantized_dimension 3 but rank 1; using dimension 0");
  QuantizationView view = m->subgraph(0).tensor(2).quantization();
  EXPECT_EQ(view.quantized_dimension, 0);
  EXPECT_TRUE(view.per_channel());
  EXPECT_EQ(m->subgraph(0).tensor(2).fb().quantization()->quantized_dimension(), 3);
}

TEST(ModelTest, PerTensorQuantizationWithAnOutOfRangeDimensionWarns) {
  ModelBuilder b = SmallConvModel();
  b.model().subgraphs[0]->tensors[0]->quantization = std::make_unique<tflite::QuantizationParametersT>();
  b.model().subgraphs[0]->tensors[0]->quantization->scale = {0.5f};
  b.model().subgraphs[0]->tensors[0]->quantization->zero_point = {0};
  b.model().subgraphs[0]->tensors[0]->quantization->quantized_dimension = 7;
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  ExpectOneWarning(*m, "quantized_dimension 7 out of range for rank 4; ignored");
  EXPECT_EQ(m->subgraph(0).tensor(0).quantization().quantized_dimension, 0);
}

TEST(ModelTest, AnOlderSchemaVersionWarns) {
  ModelBuilder b = SmallConvModel();
  b.model().version = 2;
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->schema_version(), 2u);
  ExpectOneWarning(*m, "schema version 2 is older than 3");
}

TEST(ModelTest, OperatorCodeVersionZeroIsReadAsOne) {
  ModelBuilder b = SmallConvModel();
  b.model().operator_codes[0]->version = 0;
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  ExpectOneWarning(*m, "operator code 0 has version 0; treating it as version 1");
  EXPECT_EQ(m->subgraph(0).op(0).code().version, 1);
}

TEST(ModelTest, DataInBufferZeroWarns) {
  ModelBuilder b = SmallConvModel();
  int empty = b.AddBuffer({});  // the activations must not read buffer 0 (its data would be theirs)
  for (int t : {0, 3}) b.model().subgraphs[0]->tensors[static_cast<size_t>(t)]->buffer = static_cast<uint32_t>(empty);
  b.model().buffers[0]->data = {1, 2, 3};
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  ExpectOneWarning(*m, "buffer 0 holds data");
}

TEST(ModelTest, ShapeSignatureOfAnotherRankWarns) {
  ModelBuilder b = SmallConvModel();
  b.model().subgraphs[0]->tensors[0]->shape_signature = {-1, 4, 4};
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  ExpectOneWarning(*m, "tensor 0 (input) has a shape_signature of rank 3 but a shape of rank 4");
}

TEST(ModelTest, ABuiltinNewerThanOurSchemaLoadsWithAWarning) {
  ModelBuilder b = SmallConvModel();
  b.model().operator_codes[0]->builtin_code = static_cast<tflite::BuiltinOperator>(400);
  b.model().operator_codes[0]->deprecated_builtin_code = 127;
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  ExpectOneWarning(*m, "operator code 0 is builtin 400, newer than this version of Litescope knows");
  EXPECT_EQ(m->subgraph(0).op(0).name(), "OP_400");
}

TEST(ModelTest, MinRuntimeVersion) {
  struct Case {
    std::vector<uint8_t> bytes;
    std::string expected;
  };
  for (const Case& c : {Case{Padded("1.14.0", 16), "1.14.0"}, Case{Padded("2.10.0", 6), "2.10.0"},
                        Case{Padded("", 16), ""}}) {
    ModelBuilder b = SmallConvModel();
    b.AddMetadata("other", Padded("9.9.9", 8));
    b.AddMetadata("min_runtime_version", c.bytes);
    std::unique_ptr<Model> m = BuildAndLoad(b);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->min_runtime_version(), c.expected);
  }
}

TEST(ModelTest, OmittedOptionalInputsLoad) {
  ModelBuilder b;
  int in = b.AddTensor("in", tflite::TensorType_FLOAT32, {1, 2});
  int w = b.AddConstTensor("w", tflite::TensorType_FLOAT32, {3, 2}, std::vector<float>(6, 1.0f));
  int out = b.AddTensor("out", tflite::TensorType_FLOAT32, {1, 3});
  b.AddOperator(tflite::BuiltinOperator_FULLY_CONNECTED, {in, w, -1}, {out}, Options(tflite::FullyConnectedOptionsT{}));
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  EXPECT_EQ(Vec(m->subgraph(0).op(0).inputs()), (std::vector<int32_t>{in, w, -1}));
}

TEST(ModelTest, AModelWithoutBuffersLoads) {
  ModelBuilder b;
  int in = b.AddTensor("in", tflite::TensorType_FLOAT32, {4});
  int out = b.AddTensor("out", tflite::TensorType_FLOAT32, {4});
  b.AddOperator(tflite::BuiltinOperator_RELU, {in}, {out});
  b.model().buffers.clear();
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->buffer_count(), 0);
  EXPECT_FALSE(m->subgraph(0).tensor(0).is_constant());
}

TEST(ModelTest, TensorsMayShareABuffer) {
  ModelBuilder b;
  std::vector<float> values = {1, 2, 3, 4};
  int a = b.AddConstTensor("a", tflite::TensorType_FLOAT32, {4}, values);
  int shared = static_cast<int>(b.model().subgraphs[0]->tensors[static_cast<size_t>(a)]->buffer);
  b.AddTensor("b", tflite::TensorType_FLOAT32, {2, 2}, shared);
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  EXPECT_EQ(Vec(m->subgraph(0).tensor(0).data()), Vec(m->subgraph(0).tensor(1).data()));
  EXPECT_EQ(m->subgraph(0).tensor(0).data().data(), m->subgraph(0).tensor(1).data().data());
}

TEST(ModelTest, Int4DataMayBePackedOrOnePerByte) {
  for (size_t bytes : {size_t{3}, size_t{5}}) {
    ModelBuilder b;
    b.AddConstTensor("w", tflite::TensorType_INT4, {5}, std::vector<uint8_t>(bytes, 0x11));
    std::unique_ptr<Model> m = BuildAndLoad(b);
    ASSERT_TRUE(m) << bytes << " bytes";
    EXPECT_EQ(m->subgraph(0).tensor(0).data().size(), bytes);
  }
  ModelBuilder b;
  b.AddConstTensor("w", tflite::TensorType_INT4, {5}, std::vector<uint8_t>(4, 0x11));
  Result<std::unique_ptr<Model>> m = Model::FromBytes(testing::Serialize(b));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("tensor 0 (w) needs 3 bytes, buffer 1 holds 4"), std::string::npos)
      << m.status().message();
}

TEST(ModelTest, StringTensorsAreNotSizeChecked) {
  ModelBuilder b;
  b.AddConstTensor("s", tflite::TensorType_STRING, {2}, std::vector<uint8_t>{1, 0, 0, 0, 'x'});
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->subgraph(0).tensor(0).data().size(), 5u);
}

// Builds: subgraph 0 runs WHILE(cond 1, body 2); body 2 runs IF(then 3, else 3) and CALL_ONCE(3).
// Subgraph 3 is reached three ways, which is sharing, not a loop.
ModelBuilder ControlFlowModel() {
  ModelBuilder b;
  for (const char* name : {"cond", "body", "branch"}) {
    int sg = b.AddSubgraph(name);
    int in = b.AddTensor("in", tflite::TensorType_FLOAT32, {1}, 0, {}, sg);
    b.SetInputs({in}, sg);
    b.SetOutputs({in}, sg);
  }
  int x = b.AddTensor("x", tflite::TensorType_FLOAT32, {1});
  int y = b.AddTensor("y", tflite::TensorType_FLOAT32, {1});
  tflite::WhileOptionsT loop;
  loop.cond_subgraph_index = 1;
  loop.body_subgraph_index = 2;
  b.AddOperator(tflite::BuiltinOperator_WHILE, {x}, {y}, Options(loop));
  b.SetInputs({x});
  b.SetOutputs({y});

  int z = b.AddTensor("z", tflite::TensorType_FLOAT32, {1}, 0, {}, 2);
  tflite::IfOptionsT branch;
  branch.then_subgraph_index = 3;
  branch.else_subgraph_index = 3;
  b.AddOperator(tflite::BuiltinOperator_IF, {0, 0}, {z}, Options(branch), 2);
  tflite::CallOnceOptionsT once;
  once.init_subgraph_index = 3;
  b.AddOperator(tflite::BuiltinOperator_CALL_ONCE, {}, {}, Options(once), 2);
  return b;
}

TEST(ModelTest, ControlFlowCallsToSubgraphsInRangeLoad) {
  ModelBuilder b = ControlFlowModel();
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->warnings().empty());
  ASSERT_EQ(m->subgraph_count(), 4);
  OperatorView loop = m->subgraph(0).op(0);
  EXPECT_EQ(loop.name(), "WHILE");
  EXPECT_EQ(CalledSubgraphs(loop.fb(), loop.builtin()), (std::vector<int32_t>{1, 2}));
  OperatorView branch = m->subgraph(2).op(0);
  EXPECT_EQ(branch.name(), "IF");
  EXPECT_EQ(CalledSubgraphs(branch.fb(), branch.builtin()), (std::vector<int32_t>{3, 3}));
  OperatorView once = m->subgraph(2).op(1);
  EXPECT_EQ(CalledSubgraphs(once.fb(), once.builtin()), std::vector<int32_t>{3});
  EXPECT_EQ(m->subgraph(3).name(), "branch");
}

TEST(ModelTest, OperatorViewsOfLaterSubgraphsFindTheirOwnCustomOptions) {
  ModelBuilder b;
  int sg1 = b.AddSubgraph("second");
  for (int sg : {0, sg1}) {
    int in = b.AddTensor("in", tflite::TensorType_FLOAT32, {1}, 0, {}, sg);
    int out = b.AddTensor("out", tflite::TensorType_FLOAT32, {1}, 0, {}, sg);
    b.AddCustomOperator("Op", {in}, {out}, {static_cast<uint8_t>(10 + sg)}, sg);
    b.AddCustomOperator("Op", {out}, {in}, {static_cast<uint8_t>(20 + sg), 0}, sg);
  }
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  EXPECT_EQ(Vec(m->subgraph(0).op(1).custom_options()), (std::vector<uint8_t>{20, 0}));
  EXPECT_EQ(Vec(m->subgraph(1).op(0).custom_options()), std::vector<uint8_t>{11});
  EXPECT_EQ(Vec(m->subgraph(1).op(1).custom_options()), (std::vector<uint8_t>{21, 0}));
}

}  // namespace
}  // namespace litescope
