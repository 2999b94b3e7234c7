#include "engine/runtime/interpreter.h"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/support/test_support.h"

namespace litescope {
namespace {

using tflite::TensorType_FLOAT32;

std::unique_ptr<Interpreter> Create(const Model& model, const OpRegistry& ops = BuiltinOps(),
                                    InterpreterOptions options = {}) {
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(model, ops, options);
  EXPECT_TRUE(it.ok()) << it.status().message();
  return it.ok() ? std::move(it).value() : nullptr;
}

void Fill(Tensor* t, std::vector<float> values) {
  ASSERT_EQ(static_cast<size_t>(t->elements()), values.size());
  std::copy(values.begin(), values.end(), t->data<float>());
}

std::vector<float> Values(const Tensor* t) { return {t->data<float>(), t->data<float>() + t->elements()}; }

// x[2,3] + y[3] -> relu -> * 2 -> out
ModelBuilder AddThenMul() {
  ModelBuilder b;
  int x = b.AddTensor("x", TensorType_FLOAT32, {2, 3});
  int y = b.AddConstTensor("y", TensorType_FLOAT32, {3}, std::vector<float>{1, -10, 0.5f});
  int sum = b.AddTensor("sum", TensorType_FLOAT32, {2, 3});
  tflite::AddOptionsT add;
  add.fused_activation_function = tflite::ActivationFunctionType_RELU;
  b.AddOperator(tflite::BuiltinOperator_ADD, {x, y}, {sum}, Options(add));
  int two = b.AddConstTensor("two", TensorType_FLOAT32, {}, std::vector<float>{2});
  int out = b.AddTensor("out", TensorType_FLOAT32, {2, 3});
  b.AddOperator(tflite::BuiltinOperator_MUL, {sum, two}, {out}, Options(tflite::MulOptionsT{}));
  b.SetInputs({x});
  b.SetOutputs({out});
  return b;
}

TEST(Interpreter, BroadcastAddWithReluThenMul) {
  ModelBuilder b = AddThenMul();
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  std::unique_ptr<Interpreter> it = Create(*model);
  Fill(it->input(0), {1, 2, 3, -4, 5, -6});
  ASSERT_TRUE(it->Invoke().ok());
  EXPECT_EQ(Values(it->output(0)), (std::vector<float>{4, 0, 7, 0, 0, 0}));
}

TEST(Interpreter, KeepIntermediatesKeepsEveryTensor) {
  ModelBuilder b = AddThenMul();
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  InterpreterOptions options;
  options.keep_intermediates = true;
  std::unique_ptr<Interpreter> it = Create(*model, BuiltinOps(), options);
  Fill(it->input(0), {1, 2, 3, -4, 5, -6});
  ASSERT_TRUE(it->Invoke().ok());
  EXPECT_EQ(Values(it->tensor(2)), (std::vector<float>{2, 0, 3.5f, 0, 0, 0}));
  EXPECT_EQ(it->arena_bytes(), it->naive_bytes());
}

TEST(Interpreter, ArenaReusesMemoryAlongAChain) {
  ModelBuilder b;
  int prev = b.AddTensor("in", TensorType_FLOAT32, {1, 256});
  b.SetInputs({prev});
  for (int i = 0; i < 6; ++i) {
    int next = b.AddTensor("t" + std::to_string(i), TensorType_FLOAT32, {1, 256});
    b.AddOperator(tflite::BuiltinOperator_ADD, {prev, prev}, {next}, Options(tflite::AddOptionsT{}));
    prev = next;
  }
  b.SetOutputs({prev});
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  std::unique_ptr<Interpreter> it = Create(*model);
  EXPECT_LT(it->arena_bytes(), it->naive_bytes());
  EXPECT_EQ(it->naive_bytes(), 7 * 1024u);
  Fill(it->input(0), std::vector<float>(256, 1.0f));
  ASSERT_TRUE(it->Invoke().ok());
  EXPECT_EQ(it->output(0)->data<float>()[255], 64.0f);
  EXPECT_EQ(it->input(0)->data<float>()[0], 1.0f) << "graph inputs survive the invoke";
}

TEST(Interpreter, MissingKernelNamesNodeAndOp) {
  ModelBuilder b;
  int x = b.AddTensor("x", TensorType_FLOAT32, {4});
  int y = b.AddTensor("y", TensorType_FLOAT32, {4});
  int z = b.AddTensor("z", TensorType_FLOAT32, {4});
  b.AddOperator(tflite::BuiltinOperator_ADD, {x, x}, {y}, Options(tflite::AddOptionsT{}));
  b.AddCustomOperator("MyFancyOp", {y}, {z});
  b.SetInputs({x});
  b.SetOutputs({z});
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(*model, BuiltinOps());
  ASSERT_FALSE(it.ok());
  EXPECT_NE(it.status().message().find("node 1 (CUSTOM:MyFancyOp)"), std::string::npos) << it.status().message();
  EXPECT_NE(it.status().message().find("custom op 'MyFancyOp' is not registered"), std::string::npos);
}

// A custom kernel: doubles its input; cancels the interpreter when asked to.
Interpreter* g_to_cancel = nullptr;
class Double : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override { return ctx.ResizeOutput(0, ctx.input(0)->shape); }
  Status Eval(OpContext& ctx) override {
    for (int64_t i = 0; i < ctx.input(0)->elements(); ++i) {
      ctx.output(0)->data<float>()[i] = 2 * ctx.input(0)->data<float>()[i];
    }
    if (g_to_cancel != nullptr) g_to_cancel->Cancel();
    return Status::Ok();
  }
};

ModelBuilder TwoCustomNodes() {
  ModelBuilder b;
  int x = b.AddTensor("x", TensorType_FLOAT32, {2});
  int y = b.AddTensor("y", TensorType_FLOAT32, {2});
  int z = b.AddTensor("z", TensorType_FLOAT32, {2});
  b.AddCustomOperator("Double", {x}, {y});
  b.AddCustomOperator("Double", {y}, {z});
  b.SetInputs({x});
  b.SetOutputs({z});
  return b;
}

TEST(Interpreter, CustomOpRegistration) {
  ModelBuilder b = TwoCustomNodes();
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  OpRegistry ops = BuiltinOps();
  ops.AddCustom("Double", Make<Double>);
  std::unique_ptr<Interpreter> it = Create(*model, ops);
  Fill(it->input(0), {1.5f, -2});
  ASSERT_TRUE(it->Invoke().ok());
  EXPECT_EQ(Values(it->output(0)), (std::vector<float>{6, -8}));
}

TEST(Interpreter, CancelStopsBetweenNodesAndStaysUsable) {
  ModelBuilder b = TwoCustomNodes();
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  OpRegistry ops = BuiltinOps();
  ops.AddCustom("Double", Make<Double>);
  std::unique_ptr<Interpreter> it = Create(*model, ops);
  Fill(it->input(0), {1, 1});
  g_to_cancel = it.get();
  Status s = it->Invoke();
  g_to_cancel = nullptr;
  EXPECT_EQ(s.code(), StatusCode::kCancelled);
  EXPECT_NE(s.message().find("before node 1"), std::string::npos) << s.message();
  ASSERT_TRUE(it->Invoke().ok());
  EXPECT_EQ(Values(it->output(0)), (std::vector<float>{4, 4}));
}

TEST(Interpreter, ResizeDynamicBatch) {
  ModelBuilder b;
  int x = b.AddTensor("x", TensorType_FLOAT32, {1, 2});
  b.model().subgraphs[0]->tensors[static_cast<size_t>(x)]->shape_signature = {-1, 2};
  int w = b.AddConstTensor("w", TensorType_FLOAT32, {3, 2}, std::vector<float>{1, 0, 0, 1, 1, 1});
  int y = b.AddTensor("y", TensorType_FLOAT32, {1, 3});
  b.AddOperator(tflite::BuiltinOperator_FULLY_CONNECTED, {x, w, -1}, {y}, Options(tflite::FullyConnectedOptionsT{}));
  b.SetInputs({x});
  b.SetOutputs({y});
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  std::unique_ptr<Interpreter> it = Create(*model);
  ASSERT_TRUE(it->ResizeInput(0, {3, 2}).ok());
  EXPECT_FALSE(it->Invoke().ok()) << "Invoke before AllocateTensors must be refused";
  ASSERT_TRUE(it->AllocateTensors().ok());
  Fill(it->input(0), {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(it->Invoke().ok());
  EXPECT_EQ(it->output(0)->shape, (Shape{3, 3}));
  EXPECT_EQ(Values(it->output(0)), (std::vector<float>{1, 2, 3, 3, 4, 7, 5, 6, 11}));

  Status bad = it->ResizeInput(0, {3, 5});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("[-1, 2]"), std::string::npos) << bad.message();
}

TEST(Interpreter, PrepareRejectsInconsistentShapes) {
  ModelBuilder b;
  int x = b.AddTensor("x", TensorType_FLOAT32, {1, 4});
  int w = b.AddConstTensor("w", TensorType_FLOAT32, {3, 5}, std::vector<float>(15, 1.0f));
  int y = b.AddTensor("y", TensorType_FLOAT32, {1, 3});
  b.AddOperator(tflite::BuiltinOperator_FULLY_CONNECTED, {x, w, -1}, {y}, Options(tflite::FullyConnectedOptionsT{}));
  b.SetInputs({x});
  b.SetOutputs({y});
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(*model, BuiltinOps());
  ASSERT_FALSE(it.ok());
  EXPECT_NE(it.status().message().find("node 0 (FULLY_CONNECTED)"), std::string::npos) << it.status().message();
}

TEST(Interpreter, NanInputsPropagate) {
  ModelBuilder b = AddThenMul();
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  std::unique_ptr<Interpreter> it = Create(*model);
  Fill(it->input(0), {NAN, 0, 0, 0, 0, INFINITY});
  ASSERT_TRUE(it->Invoke().ok());
  EXPECT_TRUE(std::isnan(it->output(0)->data<float>()[0]) || it->output(0)->data<float>()[0] == 0.0f);
  EXPECT_TRUE(std::isinf(it->output(0)->data<float>()[5]));
}

TEST(Interpreter, SampleClassifierGivesAProbabilityDistribution) {
  ModelBuilder b = SampleClassifier();
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  std::unique_ptr<Interpreter> it = Create(*model);
  for (int64_t i = 0; i < it->input(0)->elements(); ++i) it->input(0)->data<float>()[i] = std::sin(float(i));
  ASSERT_TRUE(it->Invoke().ok());
  float sum = 0;
  for (float p : Values(it->output(0))) sum += p;
  EXPECT_NEAR(sum, 1.0f, 1e-5f);
}

}  // namespace
}  // namespace litescope
