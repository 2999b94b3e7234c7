// WHILE, IF, CALL_ONCE and resource variables, on models built here, checked by hand and
// against real TFLite.
#include <gtest/gtest.h>

#include "engine/runtime/interpreter.h"
#include "tests/support/op_case.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

using testing::OpCase;
using tflite::TensorType_FLOAT32;

NpyArray Floats(Shape shape, std::vector<float> v) {
  NpyArray a{TensorType_FLOAT32, std::move(shape), {}};
  a.data.resize(v.size() * 4);
  std::memcpy(a.data.data(), v.data(), a.data.size());
  return a;
}

NpyArray Bool(bool v) { return {tflite::TensorType_BOOL, {}, {static_cast<uint8_t>(v)}}; }

// while (i < limit) { i = i + 1; acc = acc * 2 }   (i, acc are float)
ModelBuilder CountingLoop(float limit) {
  ModelBuilder b;
  int i = b.AddTensor("i", TensorType_FLOAT32, {});
  int acc = b.AddTensor("acc", TensorType_FLOAT32, {2});
  int i_out = b.AddTensor("i_out", TensorType_FLOAT32, {});
  int acc_out = b.AddTensor("acc_out", TensorType_FLOAT32, {2});
  tflite::WhileOptionsT w;
  w.cond_subgraph_index = 1;
  w.body_subgraph_index = 2;
  b.AddOperator(tflite::BuiltinOperator_WHILE, {i, acc}, {i_out, acc_out}, Options(w));
  b.SetInputs({i, acc});
  b.SetOutputs({i_out, acc_out});

  int cond = b.AddSubgraph("cond");
  int ci = b.AddTensor("i", TensorType_FLOAT32, {}, 0, {}, cond);
  int cacc = b.AddTensor("acc", TensorType_FLOAT32, {2}, 0, {}, cond);
  int lim = b.AddConstTensor("limit", TensorType_FLOAT32, {}, std::vector<float>{limit}, {}, cond);
  int less = b.AddTensor("less", tflite::TensorType_BOOL, {}, 0, {}, cond);
  b.AddOperator(tflite::BuiltinOperator_LESS, {ci, lim}, {less}, {}, cond);
  b.SetInputs({ci, cacc}, cond);
  b.SetOutputs({less}, cond);

  int body = b.AddSubgraph("body");
  int bi = b.AddTensor("i", TensorType_FLOAT32, {}, 0, {}, body);
  int bacc = b.AddTensor("acc", TensorType_FLOAT32, {2}, 0, {}, body);
  int one = b.AddConstTensor("one", TensorType_FLOAT32, {}, std::vector<float>{1}, {}, body);
  int two = b.AddConstTensor("two", TensorType_FLOAT32, {}, std::vector<float>{2}, {}, body);
  int bi2 = b.AddTensor("i_next", TensorType_FLOAT32, {}, 0, {}, body);
  int bacc2 = b.AddTensor("acc_next", TensorType_FLOAT32, {2}, 0, {}, body);
  b.AddOperator(tflite::BuiltinOperator_ADD, {bi, one}, {bi2}, Options(tflite::AddOptionsT{}), body);
  b.AddOperator(tflite::BuiltinOperator_MUL, {bacc, two}, {bacc2}, Options(tflite::MulOptionsT{}), body);
  b.SetInputs({bi, bacc}, body);
  b.SetOutputs({bi2, bacc2}, body);
  return b;
}

// out = cond ? x * 3 : x + 1
ModelBuilder Branch() {
  ModelBuilder b;
  int c = b.AddTensor("cond", tflite::TensorType_BOOL, {});
  int x = b.AddTensor("x", TensorType_FLOAT32, {3});
  int out = b.AddTensor("out", TensorType_FLOAT32, {3});
  tflite::IfOptionsT o;
  o.then_subgraph_index = 1;
  o.else_subgraph_index = 2;
  b.AddOperator(tflite::BuiltinOperator_IF, {c, x}, {out}, Options(o));
  b.SetInputs({c, x});
  b.SetOutputs({out});
  for (int branch = 1; branch <= 2; ++branch) {
    int sg = b.AddSubgraph(branch == 1 ? "then" : "else");
    int in = b.AddTensor("x", TensorType_FLOAT32, {3}, 0, {}, sg);
    int k = b.AddConstTensor("k", TensorType_FLOAT32, {}, std::vector<float>{branch == 1 ? 3.0f : 1.0f}, {}, sg);
    int r = b.AddTensor("r", TensorType_FLOAT32, {3}, 0, {}, sg);
    if (branch == 1) b.AddOperator(tflite::BuiltinOperator_MUL, {in, k}, {r}, Options(tflite::MulOptionsT{}), sg);
    else b.AddOperator(tflite::BuiltinOperator_ADD, {in, k}, {r}, Options(tflite::AddOptionsT{}), sg);
    b.SetInputs({in}, sg);
    b.SetOutputs({r}, sg);
  }
  return b;
}

// A running sum kept in a resource variable initialised to [10, 20] by a CALL_ONCE subgraph.
ModelBuilder Accumulator() {
  ModelBuilder b;
  tflite::VarHandleOptionsT handle;
  handle.shared_name = "total";
  int x = b.AddTensor("x", TensorType_FLOAT32, {2});
  int h = b.AddTensor("h", tflite::TensorType_RESOURCE, {});
  int cur = b.AddTensor("current", TensorType_FLOAT32, {2});
  int sum = b.AddTensor("sum", TensorType_FLOAT32, {2});
  tflite::CallOnceOptionsT once;
  once.init_subgraph_index = 1;
  b.AddOperator(tflite::BuiltinOperator_CALL_ONCE, {}, {}, Options(once));
  b.AddOperator(tflite::BuiltinOperator_VAR_HANDLE, {}, {h}, Options(handle));
  b.AddOperator(tflite::BuiltinOperator_READ_VARIABLE, {h}, {cur}, Options(tflite::ReadVariableOptionsT{}));
  b.AddOperator(tflite::BuiltinOperator_ADD, {cur, x}, {sum}, Options(tflite::AddOptionsT{}));
  b.AddOperator(tflite::BuiltinOperator_ASSIGN_VARIABLE, {h, sum}, {}, Options(tflite::AssignVariableOptionsT{}));
  b.SetInputs({x});
  b.SetOutputs({sum});
  int init = b.AddSubgraph("init");
  int ih = b.AddTensor("h", tflite::TensorType_RESOURCE, {}, 0, {}, init);
  int start = b.AddConstTensor("start", TensorType_FLOAT32, {2}, std::vector<float>{10, 20}, {}, init);
  b.AddOperator(tflite::BuiltinOperator_VAR_HANDLE, {}, {ih}, Options(handle), init);
  b.AddOperator(tflite::BuiltinOperator_ASSIGN_VARIABLE, {ih, start}, {}, Options(tflite::AssignVariableOptionsT{}), init);
  return b;
}

std::vector<float> LastOutput(OpCase& c) {
  Result<std::vector<NpyArray>> out = c.RunOurs();
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? testing::Values<float>(out->back()) : std::vector<float>{};
}

TEST(ControlFlow, WhileCountsToTheLimit) {
  OpCase c("while", CountingLoop(5), {Floats({}, {0}), Floats({2}, {1, 2})});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(testing::Values<float>((*out)[0]), (std::vector<float>{5}));
  EXPECT_EQ(testing::Values<float>((*out)[1]), (std::vector<float>{32, 64}));
}

TEST(ControlFlow, WhileThatNeverRuns) {
  OpCase c("while0", CountingLoop(-1), {Floats({}, {0}), Floats({2}, {1, 2})});
  EXPECT_EQ(LastOutput(c), (std::vector<float>{1, 2}));
}

TEST(ControlFlow, IfPicksTheBranch) {
  OpCase yes("if_then", Branch(), {Bool(true), Floats({3}, {1, 2, 3})});
  OpCase no("if_else", Branch(), {Bool(false), Floats({3}, {1, 2, 3})});
  EXPECT_EQ(LastOutput(yes), (std::vector<float>{3, 6, 9}));
  EXPECT_EQ(LastOutput(no), (std::vector<float>{2, 3, 4}));
}

TEST(ControlFlow, MatchesTflite) {
  OpCase w("while", CountingLoop(7), {Floats({}, {0.5f}), Floats({2}, {1, -3})});
  OpCase yes("if_then", Branch(), {Bool(true), Floats({3}, {1, 2, 3})});
  OpCase no("if_else", Branch(), {Bool(false), Floats({3}, {1, 2, 3})});
  OpCase acc("accumulator", Accumulator(), {Floats({2}, {1, 2})});
  testing::ExpectMatchesTflite({&w, &yes, &no, &acc}, 0);
}

TEST(ControlFlow, VariablesPersistAcrossInvokes) {
  ModelBuilder b = Accumulator();
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(*model, BuiltinOps());
  ASSERT_TRUE(it.ok()) << it.status().message();
  float* x = (*it)->input(0)->data<float>();
  x[0] = 1, x[1] = 2;
  ASSERT_TRUE((*it)->Invoke().ok());
  EXPECT_EQ((*it)->output(0)->data<float>()[0], 11);
  ASSERT_TRUE((*it)->Invoke().ok());
  EXPECT_EQ((*it)->output(0)->data<float>()[0], 12);
  EXPECT_EQ((*it)->output(0)->data<float>()[1], 24);
}

TEST(ControlFlow, WhileWithMismatchedBodyIsRefused) {
  ModelBuilder b = CountingLoop(5);
  b.model().subgraphs[2]->outputs = {b.model().subgraphs[2]->outputs[0]};  // body gives 1 of 2 values
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(*model, BuiltinOps());
  ASSERT_FALSE(it.ok());
  EXPECT_NE(it.status().message().find("body subgraph 2 gives 1 outputs, the op needs 2"), std::string::npos)
      << it.status().message();
}

TEST(ControlFlow, CancelStopsAnEndlessLoop) {
  ModelBuilder b = CountingLoop(1e30f);
  std::unique_ptr<Model> model = testing::BuildAndLoad(b);
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(*model, BuiltinOps());
  ASSERT_TRUE(it.ok()) << it.status().message();
  Interpreter* interpreter = it->get();
  std::thread canceller([interpreter] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    interpreter->Cancel();
  });
  Status s = interpreter->Invoke();
  canceller.join();
  EXPECT_EQ(s.code(), StatusCode::kCancelled) << s.message();
}

}  // namespace
}  // namespace litescope
