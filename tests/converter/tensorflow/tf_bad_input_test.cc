// Bad TensorFlow sources give clear errors and no output: not a SavedModel, a missing or
// truncated shard, a checksum mismatch, a cycle, a truncated .pb, While/If functions that are
// missing, of the wrong arity, disagreeing or recursive, TensorFlow 1 control flow, and a corruption loop over the
// checkpoint index (every byte flipped, every length truncated: an error or a model, never a crash).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "converter/convert.h"
#include "converter/frontends/tensorflow/tf_frontend.h"
#include "tests/converter/tensorflow/tf_test_util.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;
using namespace testing;  // NOLINT

// x [1,2] -> MatMul by variable w [2,2] (VariableV2: its checkpoint key is its name).
fs::path WriteVariableModel(const std::string& name, int shards = 2) {
  const fs::path dir = TempDir(name);
  tfproto::GraphDef g;
  TfPlaceholder(&g, "x", {1, 2});
  TfNode(&g, "VariableV2", "w");
  TfNode(&g, "MatMul", "y", {"x", "w"});
  WriteSavedModel(dir, g, "serving_default", {{"x", "x:0", {1, 2}}}, {{"y", "y:0", {}}});
  WriteBundle((dir / "variables" / "variables").string(), {{"w", tfproto::DT_FLOAT, {2, 2}, {1, 2, 3, 4}}, {"z", tfproto::DT_FLOAT, {1}, {5}}},
              shards);
  return dir;
}

std::string Error(const fs::path& src, const ImportOptions& o = {}) {
  const fs::path out = src.parent_path() / "out.tflite";
  ConvertOptions co;
  co.import = o;
  Result<ConvertResult> r = Convert(src.string(), out.string(), co);
  EXPECT_FALSE(fs::exists(out)) << "a failed conversion left " << out;
  return r.ok() ? std::string() : r.status().message();
}

TEST(TensorFlowBadInput, VariableModelConverts) {
  const fs::path dir = WriteVariableModel("tf_var_ok");
  Result<ir::Model> m = ImportTensorFlow(dir.string(), {}, nullptr);
  ASSERT_TRUE(m.ok()) << m.status().message();
}

TEST(TensorFlowBadInput, NotASavedModel) {
  const fs::path dir = TempDir("tf_not_sm");
  std::ofstream(dir / "model.txt") << "hello";
  Result<ir::Model> m = ImportTensorFlow(dir.string(), {}, nullptr);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("not a SavedModel directory"), std::string::npos) << m.status().message();
}

TEST(TensorFlowBadInput, MissingAndTruncatedShard) {
  fs::path dir = WriteVariableModel("tf_missing_shard");
  fs::remove(BundleShardPath((dir / "variables" / "variables").string(), 1, 2));
  EXPECT_NE(Error(dir).find("shard"), std::string::npos) << Error(dir);
  dir = WriteVariableModel("tf_short_shard");
  fs::resize_file(BundleShardPath((dir / "variables" / "variables").string(), 0, 2), 3);
  EXPECT_NE(Error(dir).find("truncated"), std::string::npos) << Error(dir);
}

TEST(TensorFlowBadInput, ChecksumMismatch) {
  const fs::path dir = WriteVariableModel("tf_crc", 1);
  const std::string shard = BundleShardPath((dir / "variables" / "variables").string(), 0, 1);
  std::fstream f(shard, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(1);
  f.put('\x7f');
  f.close();
  EXPECT_NE(Error(dir).find("checksum mismatch"), std::string::npos) << Error(dir);
}

TEST(TensorFlowBadInput, CycleAndTruncatedGraph) {
  const fs::path dir = TempDir("tf_cycle");
  tfproto::GraphDef g;
  TfPlaceholder(&g, "x", {2});
  TfNode(&g, "Add", "a", {"x", "b"});
  TfNode(&g, "Relu", "b", {"a"});
  TfNode(&g, "Neg", "y", {"b"});
  const std::string pb = SaveProto(g, dir / "cycle.pb");
  EXPECT_NE(Error(pb).find("cycle"), std::string::npos) << Error(pb);
  std::string bytes = g.SerializeAsString();
  std::ofstream(dir / "short.pb", std::ios::binary) << bytes.substr(0, bytes.size() - 3);
  EXPECT_NE(Error(dir / "short.pb").find("does not parse"), std::string::npos) << Error(dir / "short.pb");
}

// y = While(x) with the given cond and body functions; `library` adds them.
std::string WhileError(const std::string& name, const std::function<void(tfproto::GraphDef*)>& library) {
  tfproto::GraphDef g;
  TfPlaceholder(&g, "x", {2});
  tfproto::NodeDef* w = TfNode(&g, "While", "y", {"x"});
  (*w->mutable_attr())["cond"].mutable_func()->set_name("cond");
  (*w->mutable_attr())["body"].mutable_func()->set_name("body");
  library(&g);
  return Error(SaveProto(g, TempDir(name) / "while.pb"));
}

tfproto::FunctionDef* AddFunction(tfproto::GraphDef* g, const std::string& name, int args, std::vector<std::string> rets) {
  tfproto::FunctionDef* f = g->mutable_library()->add_function();
  f->mutable_signature()->set_name(name);
  for (int i = 0; i < args; ++i) f->mutable_signature()->add_input_arg()->set_name("a" + std::to_string(i));
  for (size_t i = 0; i < rets.size(); ++i) {
    f->mutable_signature()->add_output_arg()->set_name("r" + std::to_string(i));
    (*f->mutable_ret())["r" + std::to_string(i)] = rets[i];
  }
  return f;
}

TEST(TensorFlowBadInput, ControlFlowErrorsNameTheProblem) {
  // No body function in the library.
  std::string e = WhileError("tf_while_nobody", [](tfproto::GraphDef* g) { AddFunction(g, "cond", 1, {"a0"}); });
  EXPECT_NE(e.find("node y (While), body function body: y/body calls function body, which the graph's library does not define"), std::string::npos) << e;
  // A body that gives two values for one loop value.
  e = WhileError("tf_while_arity", [](tfproto::GraphDef* g) {
    AddFunction(g, "cond", 1, {"a0"});
    AddFunction(g, "body", 1, {"a0", "a0"});
  });
  EXPECT_NE(e.find("the body function takes 1 and gives 2 values for 1 loop values"), std::string::npos) << e;
  // A cond that gives two values.
  e = WhileError("tf_while_cond", [](tfproto::GraphDef* g) {
    AddFunction(g, "cond", 1, {"a0", "a0"});
    AddFunction(g, "body", 1, {"a0"});
  });
  EXPECT_NE(e.find("cond function cond gives 2 values; a condition is one"), std::string::npos) << e;
  // A body that runs the same loop again, forever.
  e = WhileError("tf_while_recursive", [](tfproto::GraphDef* g) {
    AddFunction(g, "cond", 1, {"a0"});
    tfproto::FunctionDef* body = AddFunction(g, "body", 1, {"inner:output:0"});
    tfproto::NodeDef* inner = TfNodeDef(body->mutable_node_def(), "While", "inner", {"a0"});
    (*inner->mutable_attr())["cond"].mutable_func()->set_name("cond");
    (*inner->mutable_attr())["body"].mutable_func()->set_name("body");
  });
  EXPECT_NE(e.find("While/If functions nest deeper than 32 (recursion?)"), std::string::npos) << e;

  // If branches that disagree on their output types.
  tfproto::GraphDef g;
  TfPlaceholder(&g, "c", {}, tfproto::DT_BOOL);
  TfPlaceholder(&g, "x", {2});
  tfproto::NodeDef* n = TfNode(&g, "If", "y", {"c", "x"});
  (*n->mutable_attr())["then_branch"].mutable_func()->set_name("then");
  (*n->mutable_attr())["else_branch"].mutable_func()->set_name("else");
  AddFunction(&g, "then", 1, {"a0"});
  tfproto::FunctionDef* other = AddFunction(&g, "else", 1, {"s:y:0"});
  tfproto::NodeDef* shape = TfNodeDef(other->mutable_node_def(), "Shape", "s", {"a0"});
  SetType(shape, "out_type", tfproto::DT_INT32);
  e = Error(SaveProto(g, TempDir("tf_if_types") / "if.pb"));
  EXPECT_NE(e.find("node y (If): the then_branch and else_branch functions give different numbers or types of values"), std::string::npos) << e;

  // TensorFlow 1 control flow: Switch and Merge.
  tfproto::GraphDef v1;
  TfPlaceholder(&v1, "c", {}, tfproto::DT_BOOL);
  TfPlaceholder(&v1, "x", {2});
  TfNode(&v1, "Switch", "s", {"x", "c"});
  TfNode(&v1, "Neg", "n", {"s:1"});
  TfNode(&v1, "Merge", "y", {"s", "n"});
  e = Error(SaveProto(v1, TempDir("tf_v1_cond") / "v1.pb"));
  EXPECT_NE(e.find("TensorFlow 1 control flow (Switch, Merge, Enter, Exit, NextIteration) is not supported; export the model with control flow v2"),
            std::string::npos)
      << e;
}

TEST(TensorFlowBadInput, CorruptedIndexNeverCrashes) {
  const fs::path dir = WriteVariableModel("tf_fuzz", 1);
  const std::string index = (dir / "variables" / "variables.index").string();
  std::ifstream in(index, std::ios::binary);
  const std::string good((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t failures = 0;
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x5a);
    std::ofstream(index, std::ios::binary | std::ios::trunc) << bad;
    // Blocks are CRC-checked and the footer validated; only the footer's padding may change unseen.
    failures += !ImportTensorFlow(dir.string(), {}, nullptr).ok();
    std::ofstream(index, std::ios::binary | std::ios::trunc) << good.substr(0, i);
    EXPECT_FALSE(ImportTensorFlow(dir.string(), {}, nullptr).ok()) << "length " << i;
  }
  EXPECT_GE(failures, good.size() - 60);  // unread: footer padding, the metaindex handle and block
}

}  // namespace
}  // namespace litescope
