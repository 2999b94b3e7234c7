#include "engine/model/model_builder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/model/options.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

using testing::BuildAndLoad;
using testing::ExpectSameViews;
using testing::Serialize;
using testing::Unpack;

template <typename T>
std::vector<T> Vec(std::span<const T> s) {
  return {s.begin(), s.end()};
}

template <typename T>
std::vector<uint8_t> RawBytes(const std::vector<T>& values) {
  auto* p = reinterpret_cast<const uint8_t*>(values.data());
  return {p, p + values.size() * sizeof(T)};
}

std::vector<uint8_t> Text(const std::string& s) { return {s.begin(), s.end()}; }

const std::vector<int8_t> kWeightValues = {1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12};
const std::vector<int32_t> kBiasValues = {100, -200, 300};
const std::vector<uint8_t> kCustomOptions = {1, 2, 3, 0xff};

// Tensor indices of RichModel().
enum : int32_t { kInput, kWeights, kBias, kFcOut, kGeluOut, kCustomOut, kHloOut };

// One model that uses every part of the format the builder writes: per-tensor and per-channel
// quantization, an op code >= 127 (GELU) and one from builtin_options_2 (STABLEHLO_ADD), a
// custom op with options bytes, a shape signature, a second subgraph, a signature, metadata
// and a description.
ModelBuilder RichModel() {
  ModelBuilder b;
  QuantParams in_q{.scale = {0.5f}, .zero_point = {-3}, .min = {-62.5f}, .max = {65.0f}};
  int input = b.AddTensor("input", tflite::TensorType_INT8, {1, 4}, 0, in_q);
  QuantParams w_q{.scale = {0.1f, 0.2f, 0.3f}, .zero_point = {0, 0, 0}, .quantized_dimension = 0};
  int weights = b.AddConstTensor("fc/weights", tflite::TensorType_INT8, {3, 4}, kWeightValues, w_q);
  int bias = b.AddConstTensor("fc/bias", tflite::TensorType_INT32, {3}, kBiasValues);
  int fc_out = b.AddTensor("fc/out", tflite::TensorType_INT8, {1, 3}, 0, {.scale = {0.25f}, .zero_point = {1}});
  tflite::FullyConnectedOptionsT fc;
  fc.fused_activation_function = tflite::ActivationFunctionType_RELU;
  b.AddOperator(tflite::BuiltinOperator_FULLY_CONNECTED, {input, weights, bias}, {fc_out}, Options(fc), 0, 2);

  int gelu_out = b.AddTensor("gelu/out", tflite::TensorType_INT8, {1, 3}, 0, {.scale = {0.25f}, .zero_point = {1}});
  tflite::GeluOptionsT gelu;
  gelu.approximate = true;
  b.AddOperator(tflite::BuiltinOperator_GELU, {fc_out}, {gelu_out}, Options(gelu));

  int custom_out = b.AddTensor("custom/out", tflite::TensorType_FLOAT32, {1, 3});
  b.AddCustomOperator("MyCustomOp", {gelu_out}, {custom_out}, kCustomOptions);

  int hlo_out = b.AddTensor("hlo/out", tflite::TensorType_FLOAT32, {1, 3});
  b.AddOperator(tflite::BuiltinOperator_STABLEHLO_ADD, {custom_out, custom_out}, {hlo_out});

  b.model().subgraphs[0]->tensors[static_cast<size_t>(input)]->shape_signature = {-1, 4};
  b.SetInputs({input});
  b.SetOutputs({hlo_out});

  int helper = b.AddSubgraph("helper");
  int x = b.AddTensor("x", tflite::TensorType_FLOAT32, {2}, 0, {}, helper);
  int y = b.AddTensor("y", tflite::TensorType_FLOAT32, {2}, 0, {}, helper);
  b.AddOperator(tflite::BuiltinOperator_RELU, {x}, {y}, {}, helper);
  b.SetInputs({x}, helper);
  b.SetOutputs({y}, helper);

  b.AddSignature("serving_default", 0, {{"x", input}}, {{"y", hlo_out}});
  b.AddSignature("helper", helper, {{"in", x}}, {{"out", y}});
  std::vector<uint8_t> version = Text("2.3.0");
  version.resize(16, 0);
  b.AddMetadata("min_runtime_version", version);
  b.AddMetadata("notes", Text("made by a test"));
  b.SetDescription("rich model");
  return b;
}

TEST(ModelBuilderTest, TensorsShapesAndData) {
  ModelBuilder b = RichModel();
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->warnings(), std::vector<std::string>{});
  SubgraphView sg = m->subgraph(0);
  EXPECT_EQ(sg.name(), "main");
  ASSERT_EQ(sg.tensor_count(), 7);
  EXPECT_EQ(Vec(sg.inputs()), std::vector<int32_t>{kInput});
  EXPECT_EQ(Vec(sg.outputs()), std::vector<int32_t>{kHloOut});

  TensorView input = sg.tensor(kInput);
  EXPECT_EQ(input.index(), kInput);
  EXPECT_EQ(input.name(), "input");
  EXPECT_EQ(input.type(), tflite::TensorType_INT8);
  EXPECT_EQ(Vec(input.shape()), (std::vector<int32_t>{1, 4}));
  EXPECT_EQ(Vec(input.shape_signature()), (std::vector<int32_t>{-1, 4}));
  EXPECT_FALSE(input.is_constant());
  EXPECT_FALSE(input.is_variable());
  EXPECT_EQ(input.buffer_index(), 0);
  EXPECT_TRUE(input.data().empty());

  TensorView weights = sg.tensor(kWeights);
  EXPECT_EQ(weights.name(), "fc/weights");
  EXPECT_EQ(Vec(weights.shape()), (std::vector<int32_t>{3, 4}));
  EXPECT_TRUE(weights.is_constant());
  EXPECT_EQ(Vec(weights.data()), RawBytes(kWeightValues));
  EXPECT_TRUE(weights.shape_signature().empty());

  TensorView bias = sg.tensor(kBias);
  EXPECT_EQ(bias.type(), tflite::TensorType_INT32);
  EXPECT_EQ(Vec(bias.data()), RawBytes(kBiasValues));
  EXPECT_NE(bias.buffer_index(), weights.buffer_index());
  EXPECT_EQ(Vec(m->buffer(bias.buffer_index())), RawBytes(kBiasValues));
  EXPECT_TRUE(m->buffer(0).empty());

  SubgraphView helper = m->subgraph(1);
  EXPECT_EQ(helper.name(), "helper");
  EXPECT_EQ(helper.tensor_count(), 2);
  EXPECT_EQ(helper.tensor(1).name(), "y");
}

TEST(ModelBuilderTest, PerTensorAndPerChannelQuantization) {
  ModelBuilder b = RichModel();
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  QuantizationView in = m->subgraph(0).tensor(kInput).quantization();
  EXPECT_FALSE(in.empty());
  EXPECT_FALSE(in.per_channel());
  EXPECT_EQ(Vec(in.scale), std::vector<float>{0.5f});
  EXPECT_EQ(Vec(in.zero_point), std::vector<int64_t>{-3});
  EXPECT_EQ(Vec(in.min), std::vector<float>{-62.5f});
  EXPECT_EQ(Vec(in.max), std::vector<float>{65.0f});
  EXPECT_FALSE(in.has_custom_details);

  QuantizationView w = m->subgraph(0).tensor(kWeights).quantization();
  EXPECT_TRUE(w.per_channel());
  EXPECT_EQ(Vec(w.scale), (std::vector<float>{0.1f, 0.2f, 0.3f}));
  EXPECT_EQ(Vec(w.zero_point), (std::vector<int64_t>{0, 0, 0}));
  EXPECT_EQ(w.quantized_dimension, 0);
  EXPECT_TRUE(w.min.empty());

  QuantizationView none = m->subgraph(0).tensor(kCustomOut).quantization();
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(m->subgraph(0).tensor(kCustomOut).fb().quantization(), nullptr);
}

TEST(ModelBuilderTest, PerChannelOnAnotherDimension) {
  ModelBuilder b;
  std::vector<int8_t> w(2 * 3, 1);
  QuantParams q{.scale = {1.f, 2.f, 3.f}, .zero_point = {0, 1, 2}, .quantized_dimension = 1};
  b.AddConstTensor("w", tflite::TensorType_INT8, {2, 3}, w, q);
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  QuantizationView view = m->subgraph(0).tensor(0).quantization();
  EXPECT_EQ(view.quantized_dimension, 1);
  EXPECT_EQ(Vec(view.zero_point), (std::vector<int64_t>{0, 1, 2}));
}

TEST(ModelBuilderTest, OperatorsAndInputs) {
  ModelBuilder b = RichModel();
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  std::vector<OperatorView> ops = m->subgraph(0).operators();
  ASSERT_EQ(ops.size(), 4u);
  std::vector<std::string> names;
  for (const OperatorView& op : ops) names.push_back(op.name());
  EXPECT_EQ(names, (std::vector<std::string>{"FULLY_CONNECTED", "GELU", "CUSTOM:MyCustomOp", "STABLEHLO_ADD"}));

  EXPECT_EQ(ops[0].index(), 0);
  EXPECT_EQ(ops[0].builtin(), tflite::BuiltinOperator_FULLY_CONNECTED);
  EXPECT_EQ(ops[0].code().version, 2);
  EXPECT_EQ(Vec(ops[0].inputs()), (std::vector<int32_t>{kInput, kWeights, kBias}));
  EXPECT_EQ(Vec(ops[0].outputs()), std::vector<int32_t>{kFcOut});
  EXPECT_TRUE(ops[0].intermediates().empty());
  EXPECT_EQ(ops[0].options_type(), tflite::BuiltinOptions_FullyConnectedOptions);
  EXPECT_TRUE(ops[0].custom_options().empty());

  EXPECT_EQ(ops[1].options_type(), tflite::BuiltinOptions_GeluOptions);
  EXPECT_TRUE(ops[1].fb().builtin_options_as_GeluOptions()->approximate());
  EXPECT_EQ(ops[3].options_type(), tflite::BuiltinOptions_NONE);
  EXPECT_EQ(Vec(ops[3].inputs()), (std::vector<int32_t>{kCustomOut, kCustomOut}));

  ASSERT_EQ(m->subgraph(1).operator_count(), 1);
  EXPECT_EQ(m->subgraph(1).op(0).name(), "RELU");
}

TEST(ModelBuilderTest, OpCodesAtOrAbove127UseThePlaceholder) {
  ModelBuilder b = RichModel();
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  for (const OperatorView& op : m->subgraph(0).operators()) {
    SCOPED_TRACE(op.name());
    const tflite::OperatorCode* code = m->fb().operator_codes()->Get(op.fb().opcode_index());
    EXPECT_EQ(code->builtin_code(), op.builtin());
    if (op.builtin() >= 127) {
      EXPECT_EQ(code->deprecated_builtin_code(), 127);  // PLACEHOLDER_FOR_GREATER_OP_CODES
    } else {
      EXPECT_EQ(code->deprecated_builtin_code(), static_cast<int8_t>(op.builtin()));
    }
  }
  EXPECT_EQ(m->subgraph(0).op(1).builtin(), tflite::BuiltinOperator_GELU);
  EXPECT_EQ(static_cast<int>(tflite::BuiltinOperator_GELU), 150);
  EXPECT_EQ(m->subgraph(0).op(3).builtin(), tflite::BuiltinOperator_STABLEHLO_ADD);
}

TEST(ModelBuilderTest, OpCodesAreSharedPerOperatorAndVersion) {
  ModelBuilder b;
  int t0 = b.AddTensor("t0", tflite::TensorType_FLOAT32, {2});
  int t1 = b.AddTensor("t1", tflite::TensorType_FLOAT32, {2});
  int t2 = b.AddTensor("t2", tflite::TensorType_FLOAT32, {2});
  int t3 = b.AddTensor("t3", tflite::TensorType_FLOAT32, {2});
  int t4 = b.AddTensor("t4", tflite::TensorType_FLOAT32, {2});
  b.AddOperator(tflite::BuiltinOperator_RELU, {t0}, {t1});
  b.AddOperator(tflite::BuiltinOperator_RELU, {t1}, {t2});
  b.AddOperator(tflite::BuiltinOperator_RELU, {t2}, {t3}, {}, 0, 3);
  b.AddCustomOperator("A", {t3}, {t4});
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  ASSERT_EQ(m->op_codes().size(), 3u);
  EXPECT_EQ(m->subgraph(0).op(0).fb().opcode_index(), m->subgraph(0).op(1).fb().opcode_index());
  EXPECT_NE(m->subgraph(0).op(1).fb().opcode_index(), m->subgraph(0).op(2).fb().opcode_index());
  EXPECT_EQ(m->subgraph(0).op(2).code().version, 3);
  EXPECT_EQ(m->op_codes()[2].custom_code, "A");
}

TEST(ModelBuilderTest, LegacyOpCodesWithOnlyTheDeprecatedFieldResolve) {
  ModelBuilder b = testing::SmallConvModel();
  tflite::OperatorCodeT& code = *b.model().operator_codes[0];
  code.builtin_code = tflite::BuiltinOperator_ADD;  // 0: what files from before the field hold
  code.deprecated_builtin_code = tflite::BuiltinOperator_CONV_2D;
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->subgraph(0).op(0).builtin(), tflite::BuiltinOperator_CONV_2D);
  EXPECT_EQ(m->subgraph(0).op(0).name(), "CONV_2D");
}

TEST(ModelBuilderTest, CustomOperatorsKeepTheirOptionsBytes) {
  ModelBuilder b = RichModel();
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  OperatorView custom = m->subgraph(0).op(2);
  EXPECT_EQ(custom.builtin(), tflite::BuiltinOperator_CUSTOM);
  EXPECT_EQ(custom.code().custom_code, "MyCustomOp");
  EXPECT_EQ(OpCodeName(custom.code()), "CUSTOM:MyCustomOp");
  EXPECT_EQ(Vec(custom.custom_options()), kCustomOptions);
  EXPECT_EQ(custom.custom_options_format(), tflite::CustomOptionsFormat_FLEXBUFFERS);
  EXPECT_EQ(custom.options_type(), tflite::BuiltinOptions_NONE);
}

TEST(ModelBuilderTest, SignaturesMetadataAndDescription) {
  ModelBuilder b = RichModel();
  std::unique_ptr<Model> m = BuildAndLoad(b);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->description(), "rich model");
  EXPECT_EQ(m->schema_version(), 3u);
  EXPECT_EQ(m->subgraph_count(), 2);

  std::vector<SignatureView> sigs = m->signatures();
  ASSERT_EQ(sigs.size(), 2u);
  EXPECT_EQ(sigs[0].key, "serving_default");
  EXPECT_EQ(sigs[0].subgraph_index, 0);
  ASSERT_EQ(sigs[0].inputs.size(), 1u);
  EXPECT_EQ(sigs[0].inputs[0].name, "x");
  EXPECT_EQ(sigs[0].inputs[0].tensor_index, kInput);
  ASSERT_EQ(sigs[0].outputs.size(), 1u);
  EXPECT_EQ(sigs[0].outputs[0].name, "y");
  EXPECT_EQ(sigs[0].outputs[0].tensor_index, kHloOut);
  EXPECT_EQ(sigs[1].key, "helper");
  EXPECT_EQ(sigs[1].subgraph_index, 1);

  std::vector<MetadataView> meta = m->metadata();
  ASSERT_EQ(meta.size(), 2u);
  EXPECT_EQ(meta[0].name, "min_runtime_version");
  EXPECT_EQ(meta[0].data.size(), 16u);
  EXPECT_EQ(meta[1].name, "notes");
  EXPECT_EQ(Vec(meta[1].data), Text("made by a test"));
  EXPECT_EQ(Vec(m->buffer(meta[1].buffer_index)), Text("made by a test"));
  EXPECT_EQ(m->min_runtime_version(), "2.3.0");
}

TEST(ModelBuilderTest, OutOfLineBuffersFollowTheFlatBuffer) {
  ModelBuilder b = RichModel();
  Result<SerializedModel> serialized = b.Finish({.inline_limit = 0});
  ASSERT_TRUE(serialized.ok()) << serialized.status().message();
  std::vector<uint8_t> file = serialized->Bytes();
  ASSERT_FALSE(serialized->tail.empty());

  const tflite::Model* root = tflite::GetModel(serialized->flatbuffer.data());
  int out_of_line = 0;
  for (flatbuffers::uoffset_t i = 0; i < root->buffers()->size(); ++i) {
    SCOPED_TRACE("buffer " + std::to_string(i));
    const tflite::Buffer* buffer = root->buffers()->Get(i);
    EXPECT_TRUE(buffer->data() == nullptr || buffer->data()->size() == 0) << "data left inline";
    if (i == 0) {
      EXPECT_EQ(buffer->offset(), 0u);  // the empty buffer stays empty
      continue;
    }
    ++out_of_line;
    EXPECT_GE(buffer->offset(), serialized->flatbuffer.size());
    EXPECT_EQ(buffer->offset() % 16, 0u);
    EXPECT_GT(buffer->size(), 0u);
    EXPECT_LE(buffer->offset() + buffer->size(), file.size());
    EXPECT_EQ(Vec(std::span<const uint8_t>(file).subspan(buffer->offset(), buffer->size())),
              b.model().buffers[i]->data);
  }
  EXPECT_EQ(out_of_line, static_cast<int>(serialized->tail.size()));

  Result<std::unique_ptr<Model>> loaded = Model::FromBytes(file, "out-of-line");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ModelBuilder inline_builder = RichModel();
  std::unique_ptr<Model> inline_model = BuildAndLoad(inline_builder);
  ASSERT_TRUE(inline_model);
  ExpectSameViews(*inline_model, **loaded);
  EXPECT_EQ((*loaded)->min_runtime_version(), "2.3.0");  // metadata is out of line too
}

TEST(ModelBuilderTest, InlineLimitIsTheTotalOfBufferBytes) {
  uint64_t total = 0;
  ModelBuilder b = RichModel();
  for (const auto& buffer : b.model().buffers) total += buffer->data.size();
  Result<SerializedModel> at_limit = b.Finish({.inline_limit = total});
  ASSERT_TRUE(at_limit.ok());
  EXPECT_TRUE(at_limit->tail.empty());
  Result<SerializedModel> over = b.Finish({.inline_limit = total - 1});
  ASSERT_TRUE(over.ok());
  EXPECT_FALSE(over->tail.empty());
}

TEST(ModelBuilderTest, FinishLeavesTheBuilderUnchanged) {
  ModelBuilder b = RichModel();
  std::unique_ptr<tflite::ModelT> before = std::make_unique<tflite::ModelT>(b.model());
  std::vector<uint8_t> first = Serialize(b, {.inline_limit = 0});
  EXPECT_TRUE(*before == b.model());
  std::vector<uint8_t> second = Serialize(b, {.inline_limit = 0});
  EXPECT_EQ(first, second);
  EXPECT_EQ(Serialize(b), Serialize(b));  // deterministic
}

TEST(ModelBuilderTest, WriteFileThenLoad) {
  std::filesystem::path dir = testing::TempDir("builder_write");
  ModelBuilder b = RichModel();
  std::unique_ptr<Model> in_memory = BuildAndLoad(b);
  ASSERT_TRUE(in_memory);
  for (uint64_t limit : {uint64_t{1} << 30, uint64_t{0}}) {
    SCOPED_TRACE("inline_limit " + std::to_string(limit));
    std::string path = (dir / ("model_" + std::to_string(limit) + ".tflite")).string();
    ASSERT_TRUE(b.WriteFile(path, {}, {.inline_limit = limit}).ok());
    std::unique_ptr<Model> loaded = testing::LoadOrFail(path);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->path(), path);
    EXPECT_EQ(Vec(loaded->file_bytes()), Serialize(b, {.inline_limit = limit}));
    ExpectSameViews(*in_memory, *loaded);
  }
}

TEST(ModelBuilderTest, WriteFileRefusesToOverwriteItsSource) {
  std::filesystem::path dir = testing::TempDir("builder_source");
  std::string path = (dir / "model.tflite").string();
  ModelBuilder b = testing::SmallConvModel();
  ASSERT_TRUE(b.WriteFile(path).ok());
  std::unique_ptr<Model> source = testing::LoadOrFail(path);
  ASSERT_TRUE(source);
  ModelBuilder rewrite = ModelBuilder::FromModel(*source);
  rewrite.SetDescription("rewritten");
  Status s = rewrite.WriteFile(path, {source->path()});
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("refusing to write"), std::string::npos) << s.message();
  EXPECT_TRUE(rewrite.WriteFile((dir / "rewritten.tflite").string(), {source->path()}).ok());
}

TEST(ModelBuilderTest, RoundTripThroughFromModelIsIdentical) {
  ModelBuilder b = RichModel();
  std::unique_ptr<Model> original = BuildAndLoad(b);
  ASSERT_TRUE(original);
  ModelBuilder again = ModelBuilder::FromModel(*original);
  std::unique_ptr<Model> copy = BuildAndLoad(again);
  ASSERT_TRUE(copy);
  EXPECT_TRUE(*Unpack(*original) == *Unpack(*copy));
  EXPECT_TRUE(*Unpack(*original) == b.model());
  ExpectSameViews(*original, *copy);
  EXPECT_EQ(Vec(original->file_bytes()), Vec(copy->file_bytes()));
}

TEST(ModelBuilderTest, RoundTripOfAnOutOfLineModelComesBackInline) {
  ModelBuilder b = RichModel();
  std::unique_ptr<Model> out_of_line = BuildAndLoad(b, {.inline_limit = 0});
  ASSERT_TRUE(out_of_line);
  ModelBuilder again = ModelBuilder::FromModel(*out_of_line);
  std::unique_ptr<Model> copy = BuildAndLoad(again);
  ASSERT_TRUE(copy);
  ModelBuilder inline_builder = RichModel();
  std::unique_ptr<Model> inline_model = BuildAndLoad(inline_builder);
  ASSERT_TRUE(inline_model);
  EXPECT_TRUE(*Unpack(*inline_model) == *Unpack(*copy));
  ExpectSameViews(*out_of_line, *copy);
}

// Custom options larger than 2 GB sit after the FlatBuffer too (large_custom_options_offset).
// The builder never writes them, but FromModel must bring them back inline.
TEST(ModelBuilderTest, LargeCustomOptionsFromTheFileComeBackInline) {
  const std::vector<uint8_t> options = {10, 20, 30, 40, 50};
  ModelBuilder b = RichModel();
  tflite::OperatorT& custom = *b.model().subgraphs[0]->operators[2];
  custom.custom_options.clear();
  custom.large_custom_options_offset = 2;  // any value > 1 makes the field stored; patched below
  custom.large_custom_options_size = options.size();
  Result<SerializedModel> serialized = b.Finish();
  ASSERT_TRUE(serialized.ok());
  std::vector<uint8_t> file = serialized->Bytes();
  uint64_t offset = (file.size() + 15) / 16 * 16;
  file.resize(offset);
  file.insert(file.end(), options.begin(), options.end());
  tflite::Operator* op = tflite::GetMutableModel(file.data())
                             ->mutable_subgraphs()->GetMutableObject(0)
                             ->mutable_operators()->GetMutableObject(2);
  ASSERT_TRUE(op->mutate_large_custom_options_offset(offset));

  Result<std::unique_ptr<Model>> loaded = Model::FromBytes(file, "large custom options");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(Vec((*loaded)->subgraph(0).op(2).custom_options()), options);

  ModelBuilder again = ModelBuilder::FromModel(**loaded);
  const tflite::OperatorT& rebuilt = *again.model().subgraphs[0]->operators[2];
  EXPECT_EQ(rebuilt.custom_options, options);
  EXPECT_EQ(rebuilt.large_custom_options_offset, 0u);
  std::unique_ptr<Model> copy = BuildAndLoad(again);
  ASSERT_TRUE(copy);
  ExpectSameViews(**loaded, *copy);
}

TEST(ModelBuilderTest, OptionsWrapsAnOptionsTable) {
  tflite::SoftmaxOptionsT softmax;
  softmax.beta = 2.0f;
  tflite::BuiltinOptionsUnion u = Options(softmax);
  EXPECT_EQ(u.type, tflite::BuiltinOptions_SoftmaxOptions);
  ASSERT_NE(u.AsSoftmaxOptions(), nullptr);
  EXPECT_EQ(u.AsSoftmaxOptions()->beta, 2.0f);
}

}  // namespace
}  // namespace litescope
