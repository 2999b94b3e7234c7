// The bad-input corpus: malformed models generated here (ModelBuilder's object tree edited
// before Finish(), or bytes edited after it). Each must give a non-ok Status whose message names
// the problem, and none may crash (run this suite under ASan + UBSan).
#include <gtest/gtest.h>

#include <climits>
#include <cstddef>
#include <cstring>
#include <functional>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "engine/model/model.h"
#include "engine/model/model_builder.h"
#include "engine/model/summary.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

using testing::Serialize;
using testing::SmallConvModel;

constexpr const char* kLabel = "bad.tflite";

tflite::TensorT& Tensor(ModelBuilder& b, int i, int subgraph = 0) {
  return *b.model().subgraphs[static_cast<size_t>(subgraph)]->tensors[static_cast<size_t>(i)];
}

tflite::OperatorT& Op(ModelBuilder& b, int i, int subgraph = 0) {
  return *b.model().subgraphs[static_cast<size_t>(subgraph)]->operators[static_cast<size_t>(i)];
}

void SetQuantization(tflite::TensorT& t, std::vector<float> scale, std::vector<int64_t> zero_point, int32_t dim) {
  t.quantization = std::make_unique<tflite::QuantizationParametersT>();
  t.quantization->scale = std::move(scale);
  t.quantization->zero_point = std::move(zero_point);
  t.quantization->quantized_dimension = dim;
}

// Adds `op` to `subgraph` with options calling other subgraphs; it reads and writes tensor 0.
void AddCall(ModelBuilder& b, tflite::BuiltinOperator op, tflite::BuiltinOptionsUnion options, int subgraph) {
  b.AddOperator(op, {0}, {0}, std::move(options), subgraph);
}

tflite::BuiltinOptionsUnion While(int cond, int body) {
  tflite::WhileOptionsT o;
  o.cond_subgraph_index = cond;
  o.body_subgraph_index = body;
  return Options(o);
}

tflite::BuiltinOptionsUnion If(int then_branch, int else_branch) {
  tflite::IfOptionsT o;
  o.then_subgraph_index = then_branch;
  o.else_subgraph_index = else_branch;
  return Options(o);
}

// A subgraph with one float tensor "x" (index 0) as input and output.
int AddPlainSubgraph(ModelBuilder& b) {
  int sg = b.AddSubgraph("sub");
  int x = b.AddTensor("x", tflite::TensorType_FLOAT32, {1}, 0, {}, sg);
  b.SetInputs({x}, sg);
  b.SetOutputs({x}, sg);
  return sg;
}

// Loads `bytes`; expects a clean failure whose message starts with the label and contains
// `expected`.
void ExpectLoadError(std::vector<uint8_t> bytes, const std::string& expected,
                     StatusCode code = StatusCode::kInvalidArgument) {
  Result<std::unique_ptr<Model>> m = Model::FromBytes(std::move(bytes), kLabel);
  ASSERT_FALSE(m.ok()) << "loaded, but expected an error containing \"" << expected << "\"";
  const std::string& message = m.status().message();
  EXPECT_EQ(m.status().code(), code) << message;
  EXPECT_EQ(message.rfind(std::string("failed to load ") + kLabel + ": ", 0), 0u) << message;
  EXPECT_NE(message.find(expected), std::string::npos) << "expected \"" << expected << "\" in: " << message;
}

// Everything a caller may do with a model that loaded: the summary in all three forms, and a
// rewrite that must load again and read the same through every view.
void ExerciseLoadedModel(const Model& model) {
  ModelSummary s = Summarize(model);
  EXPECT_FALSE(SummaryJson(s).dump().empty());
  EXPECT_FALSE(SummaryText(s).empty());
  ModelBuilder rewrite = ModelBuilder::FromModel(model);
  Result<SerializedModel> serialized = rewrite.Finish();
  ASSERT_TRUE(serialized.ok()) << serialized.status().message();
  Result<std::unique_ptr<Model>> again = Model::FromBytes(serialized->Bytes(), "rewritten");
  ASSERT_TRUE(again.ok()) << "a model that loaded no longer loads after FromModel: " << again.status().message();
  testing::ExpectSameViews(model, **again);
}

// Loads `bytes`, which may or may not be valid: a failure must carry a message, a success
// must survive ExerciseLoadedModel. Returns whether it loaded.
bool LoadOrFailCleanly(std::vector<uint8_t> bytes) {
  Result<std::unique_ptr<Model>> m = Model::FromBytes(std::move(bytes), kLabel);
  if (!m.ok()) {
    EXPECT_NE(m.status().code(), StatusCode::kOk);
    EXPECT_GT(m.status().message().size(), std::string("failed to load bad.tflite: ").size());
    return false;
  }
  ExerciseLoadedModel(**m);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Models broken through the object tree: one case per rule of the loader.

struct BadModel {
  std::string name;
  std::function<void(ModelBuilder&)> edit;  // applied to SmallConvModel()
  std::string error;                        // a distinctive part of the message
  StatusCode code = StatusCode::kInvalidArgument;
};

void PrintTo(const BadModel& bad, std::ostream* os) { *os << bad.name; }

std::vector<BadModel> BadModels() {
  using B = ModelBuilder&;
  const int32_t kMax = INT32_MAX;
  return {
      {"TensorBufferMinusOne", [](B b) { Tensor(b, 1).buffer = 0xFFFFFFFFu; },
       "tensor 1 (weights) refers to buffer 4294967295 but the model has 3 buffers"},
      {"TensorBufferMillion", [](B b) { Tensor(b, 1).buffer = 1'000'000; },
       "tensor 1 (weights) refers to buffer 1000000 but the model has 3 buffers"},
      {"TensorInLaterSubgraphNamesTheSubgraph",
       [](B b) { Tensor(b, 0, AddPlainSubgraph(b)).buffer = 50; },
       "subgraph 1 tensor 0 (x) refers to buffer 50"},
      {"OperatorInputMinusTwo", [](B b) { Op(b, 0).inputs[0] = -2; },
       "operator 0 (CONV_2D) input 0 is tensor -2 but the subgraph has 4 tensors"},
      {"OperatorInputMillion", [](B b) { Op(b, 0).inputs[1] = 1'000'000; },
       "operator 0 (CONV_2D) input 1 is tensor 1000000 but the subgraph has 4 tensors"},
      {"OperatorOutputMinusOne", [](B b) { Op(b, 0).outputs[0] = -1; },
       "operator 0 (CONV_2D) output 0 is tensor -1"},
      {"OperatorIntermediateOutOfRange", [](B b) { Op(b, 0).intermediates = {4}; },
       "operator 0 (CONV_2D) intermediate 0 is tensor 4"},
      {"OpcodeIndexOutOfRange", [](B b) { Op(b, 0).opcode_index = 5; },
       "operator 0 uses operator code 5 but the model has 1"},
      {"SubgraphInputOutOfRange", [](B b) { b.SetInputs({9}); }, "input 0 is tensor 9 but the subgraph has 4"},
      {"SubgraphOutputMinusOne", [](B b) { b.SetOutputs({-1}); }, "output 0 is tensor -1 but the subgraph has 4"},
      {"BufferSmallerThanShape", [](B b) { b.model().buffers[1]->data.resize(20); },
       "tensor 1 (weights) needs 24 bytes, buffer 1 holds 20"},
      {"BufferLargerThanShape", [](B b) { b.model().buffers[2]->data.resize(16); },
       "tensor 2 (bias) needs 12 bytes, buffer 2 holds 16"},
      {"NegativeDimension", [](B b) { Tensor(b, 0).shape = {1, 4, -5, 2}; },
       "tensor 0 (input): dimension 2 is -5 (dimensions must be >= 0)"},
      {"ShapeProductOverflowsInt64", [=](B b) { Tensor(b, 0).shape = {kMax, kMax, kMax, kMax}; },
       "tensor 0 (input): the shape has more than 2^36 elements"},
      {"TwoToThe40Elements", [](B b) { Tensor(b, 3).shape = {1 << 20, 1 << 20}; },
       "tensor 3 (output): the shape has more than 2^36 elements"},
      {"TwoToThe37Bytes", [](B b) { Tensor(b, 3).shape = {1 << 30, 32}; },  // 2^35 floats
       "tensor 3 (output) needs 137438953472 bytes, more than the limit of 2^36"},
      {"ShapeSignatureBelowMinusOne", [](B b) { Tensor(b, 0).shape_signature = {-1, 4, -2, 2}; },
       "tensor 0 (input) has shape_signature dimension -2 (must be >= -1)"},
      {"UnknownTensorType", [](B b) { Tensor(b, 0).type = static_cast<tflite::TensorType>(99); },
       "tensor 0 (input) has unknown type 99"},
      {"PerChannelScalesNotMatchingTheChannels",
       [](B b) { SetQuantization(Tensor(b, 1), {0.1f, 0.2f}, {0, 0}, 0); },
       "tensor 1 (weights) has 2 per-channel scales but dimension 0 has size 3"},
      {"PerChannelDimensionOutOfRange", [](B b) { SetQuantization(Tensor(b, 1), {1, 1, 1}, {0, 0, 0}, 4); },
       "tensor 1 (weights) has quantized_dimension 4 but rank 4"},
      {"PerChannelNegativeDimension", [](B b) { SetQuantization(Tensor(b, 1), {1, 1, 1}, {0, 0, 0}, -1); },
       "tensor 1 (weights) has quantized_dimension -1 but rank 4"},
      {"ScaleAndZeroPointCountsDiffer", [](B b) { SetQuantization(Tensor(b, 1), {1, 1, 1}, {0, 0}, 0); },
       "tensor 1 (weights) has 3 scales but 2 zero points (must be equal)"},
      {"ScalesWithoutZeroPoints", [](B b) { SetQuantization(Tensor(b, 1), {1, 1, 1}, {}, 0); },
       "tensor 1 (weights) has 3 scales but 0 zero points (must be equal)"},
      {"QuantizationIsCheckedInAModelWithoutBuffers",
       [](B b) {
         for (auto& t : b.model().subgraphs[0]->tensors) t->buffer = 0;
         b.model().buffers.clear();
         SetQuantization(Tensor(b, 1), {1, 1}, {0, 0}, 0);
       },
       "tensor 1 (weights) has 2 per-channel scales but dimension 0 has size 3"},
      {"WhileCallsItsOwnSubgraph", [](B b) { AddCall(b, tflite::BuiltinOperator_WHILE, While(0, 0), 0); },
       "subgraph calls loop: 0 -> 0"},
      {"WhileWithoutOptionsCallsSubgraphZero", [](B b) { AddCall(b, tflite::BuiltinOperator_WHILE, {}, 0); },
       "subgraph calls loop: 0 -> 0"},
      {"IfLoopThroughTwoSubgraphs",
       [](B b) {
         int one = AddPlainSubgraph(b), two = AddPlainSubgraph(b);
         AddCall(b, tflite::BuiltinOperator_IF, If(two, two), one);
         AddCall(b, tflite::BuiltinOperator_IF, If(one, 0), two);
       },
       "subgraph calls loop: 1 -> 2 -> 1"},
      {"LoopReachedFromSubgraphZero",
       [](B b) {
         int one = AddPlainSubgraph(b), two = AddPlainSubgraph(b);
         AddCall(b, tflite::BuiltinOperator_WHILE, While(one, one), 0);
         tflite::CallOnceOptionsT once;
         once.init_subgraph_index = two;
         AddCall(b, tflite::BuiltinOperator_CALL_ONCE, Options(once), one);
         AddCall(b, tflite::BuiltinOperator_IF, If(one, two), two);
       },
       "subgraph calls loop: 1 -> 2 -> 1"},
      {"WhileCallsSubgraph99", [](B b) { AddCall(b, tflite::BuiltinOperator_WHILE, While(0, 99), 0); },
       "operator 1 (WHILE) calls subgraph 99 but the model has 1 subgraphs"},
      {"IfCallsANegativeSubgraph", [](B b) { AddCall(b, tflite::BuiltinOperator_IF, If(-1, 0), 0); },
       "operator 1 (IF) calls subgraph -1"},
      {"BufferOffsetPastTheEnd",
       [](B b) {
         b.model().buffers[1]->data.clear();
         b.model().buffers[1]->offset = 1'000'000;
         b.model().buffers[1]->size = 24;
       },
       "buffer 1 points to bytes 1000000..1000024 but the file has only"},
      {"BufferSizePastTheEnd",
       [](B b) {
         b.model().buffers[1]->data.clear();
         b.model().buffers[1]->offset = 16;
         b.model().buffers[1]->size = uint64_t{1} << 40;
       },
       "buffer 1 points to bytes 16..1099511627792 but the file has only"},
      {"BufferWithDataAndOffset", [](B b) { b.model().buffers[1]->offset = 64; },
       "buffer 1 has both inline data and an offset"},
      {"LargeCustomOptionsPastTheEnd",
       [](B b) {
         Op(b, 0).large_custom_options_offset = 1 << 20;
         Op(b, 0).large_custom_options_size = 4;
       },
       "operator 0 (CONV_2D) custom options points to bytes 1048576..1048580"},
      {"SignatureWithAMissingSubgraph", [](B b) { b.AddSignature("serve", 5, {{"x", 0}}, {}); },
       "signature 0 (serve) refers to subgraph 5 but the model has 1"},
      {"SignatureWithAMissingTensor", [](B b) { b.AddSignature("serve", 0, {{"x", 0}}, {{"y", 42}}); },
       "signature 0 (serve) names tensor 42 but subgraph 0 has 4 tensors"},
      {"MetadataWithAMissingBuffer",
       [](B b) {
         b.AddMetadata("notes", std::vector<uint8_t>{1});
         b.model().metadata[0]->buffer = 77;
       },
       "metadata 0 refers to buffer 77 but the model has 4 buffers"},
      {"CustomOpWithoutCustomCode",
       [](B b) {
         b.model().operator_codes[0]->builtin_code = tflite::BuiltinOperator_CUSTOM;
         b.model().operator_codes[0]->deprecated_builtin_code = tflite::BuiltinOperator_CUSTOM;
       },
       "operator code 0 is CUSTOM but has no custom_code"},
      {"ConvWithOneInput", [](B b) { Op(b, 0).inputs = {0}; }, "operator 0 (CONV_2D) has 1 inputs; CONV_2D takes 2 to 3"},
      {"ConvWithFourInputs", [](B b) { Op(b, 0).inputs = {0, 1, 2, 2}; }, "has 4 inputs; CONV_2D takes 2 to 3"},
      {"ConvWithTwoOutputs", [](B b) { Op(b, 0).outputs = {3, 3}; }, "has 2 outputs; CONV_2D gives 1"},
      {"NoSubgraphs", [](B b) { b.model().subgraphs.clear(); }, "the model has no subgraphs"},
      {"SchemaVersion4", [](B b) { b.model().version = 4; }, "schema version 4 is newer than 3, the version we read",
       StatusCode::kUnsupported},
  };
}

class BadModelTest : public ::testing::TestWithParam<BadModel> {};

TEST_P(BadModelTest, FailsWithAClearMessage) {
  ModelBuilder b = SmallConvModel();
  GetParam().edit(b);
  std::vector<uint8_t> bytes = Serialize(b);
  ASSERT_FALSE(bytes.empty());
  ExpectLoadError(std::move(bytes), GetParam().error, GetParam().code);
}

std::string CaseName(const ::testing::TestParamInfo<BadModel>& param) { return param.param.name; }

INSTANTIATE_TEST_SUITE_P(Corpus, BadModelTest, ::testing::ValuesIn(BadModels()), CaseName);

// ---------------------------------------------------------------------------------------------
// Broken bytes.

std::vector<uint8_t> SmallModelBytes() {
  ModelBuilder b = SmallConvModel();
  return Serialize(b);
}

TEST(BadBytesTest, EmptyFile) { ExpectLoadError({}, "the file is empty"); }

TEST(BadBytesTest, ThreeByteFile) {
  ExpectLoadError({'T', 'F', 'L'}, "the file has 3 bytes, too few for a .tflite model");
}

TEST(BadBytesTest, WrongIdentifier) {
  std::vector<uint8_t> bytes = SmallModelBytes();
  std::memcpy(bytes.data() + 4, "TFL2", 4);
  ExpectLoadError(bytes, "wrong file identifier 'TFL2' at byte 4 (a .tflite file has 'TFL3')");
  bytes[5] = 0;
  bytes[6] = 0xff;
  ExpectLoadError(bytes, "wrong file identifier 'T\\x00\\xff2'");
}

TEST(BadBytesTest, NotAModelAtAll) {
  std::string text = "{\"this\": \"is json, not a model\"}";
  ExpectLoadError({text.begin(), text.end()}, "is this a TensorFlow Lite model?");
}

// Loads every prefix of `bytes` (0 to size - 1 bytes): each must fail with a message.
void ExpectEveryTruncationFails(const std::vector<uint8_t>& bytes) {
  for (size_t size = 0; size < bytes.size(); ++size) {
    SCOPED_TRACE("truncated to " + std::to_string(size) + " of " + std::to_string(bytes.size()) + " bytes");
    Result<std::unique_ptr<Model>> m =
        Model::FromBytes({bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size)}, kLabel);
    ASSERT_FALSE(m.ok());
    EXPECT_FALSE(m.status().message().empty());
  }
}

TEST(BadBytesTest, EveryTruncationFails) {
  std::vector<uint8_t> bytes = SmallModelBytes();
  ASSERT_GT(bytes.size(), 100u);
  ExpectEveryTruncationFails(bytes);
}

TEST(BadBytesTest, EveryTruncationOfAnOutOfLineModelFails) {
  ModelBuilder b = SmallConvModel();
  std::vector<uint8_t> bytes = Serialize(b, {.inline_limit = 0});
  ExpectEveryTruncationFails(bytes);
  // Cutting into the weights is reported as such.
  bytes.pop_back();
  ExpectLoadError(bytes, "but the file has only " + std::to_string(bytes.size()) + " bytes (truncated file?)");
}

TEST(BadBytesTest, CorruptRootOffset) {
  std::vector<uint8_t> good = SmallModelBytes();
  for (uint32_t root : {uint32_t{0}, uint32_t{2}, static_cast<uint32_t>(good.size()), uint32_t{0xFFFFFFF0u}}) {
    SCOPED_TRACE("root offset " + std::to_string(root));
    std::vector<uint8_t> bytes = good;
    std::memcpy(bytes.data(), &root, sizeof root);
    ExpectLoadError(bytes, "the FlatBuffer structure is corrupt");
  }
}

// Every byte of a small model changed in three ways, one byte at a time.
TEST(BadBytesTest, SingleByteChangesLoadOrFailCleanly) {
  std::vector<uint8_t> good = SmallModelBytes();
  int loaded = 0;
  for (size_t i = 0; i < good.size(); ++i) {
    for (uint8_t mask : {uint8_t{0x01}, uint8_t{0x80}, uint8_t{0xFF}}) {
      SCOPED_TRACE("byte " + std::to_string(i) + " ^ " + std::to_string(mask));
      std::vector<uint8_t> bytes = good;
      bytes[i] ^= mask;
      loaded += LoadOrFailCleanly(std::move(bytes));
      if (HasFatalFailure()) return;
    }
  }
  EXPECT_GT(loaded, 0);  // changed weights still load: the test did reach ExerciseLoadedModel
  RecordProperty("loaded", loaded);
}

TEST(BadBytesTest, RandomByteFlipsLoadOrFailCleanly) {
  ModelBuilder b = SmallConvModel();
  b.AddSignature("serve", 0, {{"in", 0}}, {{"out", 3}});
  b.AddMetadata("min_runtime_version", std::vector<uint8_t>{'1', '.', '0', 0});
  b.AddCustomOperator("Custom", {3}, {0}, {1, 2, 3});
  for (const WriteOptions& options : {WriteOptions{}, WriteOptions{.inline_limit = 0}}) {
    std::vector<uint8_t> good = Serialize(b, options);
    int loaded = 0;
    std::mt19937 rng(20240611);
    std::uniform_int_distribution<size_t> position(0, good.size() - 1);
    std::uniform_int_distribution<int> flips(1, 8), byte(0, 255);
    for (int round = 0; round < 2000; ++round) {
      std::vector<uint8_t> bytes = good;
      int n = flips(rng);
      for (int k = 0; k < n; ++k) bytes[position(rng)] = static_cast<uint8_t>(byte(rng));
      SCOPED_TRACE("round " + std::to_string(round));
      loaded += LoadOrFailCleanly(std::move(bytes));
      if (HasFatalFailure()) return;
    }
    EXPECT_GT(loaded, 0);  // some flips only touch weights: those models reach ExerciseLoadedModel
    RecordProperty(options.inline_limit == 0 ? "loaded_out_of_line" : "loaded_inline", loaded);
  }
}

TEST(BadBytesTest, GarbageWithAValidIdentifierNeverCrashes) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> length(8, 2048);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<uint32_t> small_offset(0, 64);
  int loaded = 0;
  for (int round = 0; round < 1000; ++round) {
    std::vector<uint8_t> bytes(length(rng));
    for (uint8_t& v : bytes) v = static_cast<uint8_t>(byte(rng));
    std::memcpy(bytes.data() + 4, "TFL3", 4);
    if (round % 2 == 0) {  // a plausible root offset gets the verifier past its first check
      uint32_t root = small_offset(rng);
      std::memcpy(bytes.data(), &root, sizeof root);
    }
    SCOPED_TRACE("round " + std::to_string(round));
    loaded += LoadOrFailCleanly(std::move(bytes));
    if (HasFatalFailure()) return;
  }
  RecordProperty("loaded", loaded);
}

}  // namespace
}  // namespace litescope
