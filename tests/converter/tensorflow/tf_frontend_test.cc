// Hand-built TensorFlow graphs through ImportTensorFlow, run in the interpreter and compared with
// values computed here: a SavedModel with variables (two shards), nested function calls and a
// RestoreV2 key mapping; While loops (a captured variable, an unsupported op in the body, a loop
// that changes nothing); and one frozen graph per mapped op family.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "converter/frontends/tensorflow/tf_frontend.h"
#include "tests/converter/onnx/onnx_test_util.h"
#include "tests/converter/tensorflow/tf_test_util.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT

std::vector<float> Floats(const HostTensor& t) {
  const float* f = reinterpret_cast<const float*>(t.bytes.data());
  return {f, f + t.bytes.size() / 4};
}

// A SavedModel computing y = -relu(x @ W) through StatefulPartitionedCall -> function -> nested
// PartitionedCall, with W a variable whose checkpoint key only the restore function knows.
void WriteDenseSavedModel(const std::filesystem::path& dir, int shards) {
  tfproto::GraphDef g;
  TfPlaceholder(&g, "serving_default_x", {-1, 2});
  tfproto::NodeDef* var = TfNode(&g, "VarHandleOp", "dense/kernel");
  SetStr(var, "shared_name", "dense/kernel");
  TfNode(&g, "VarHandleOp", "dense/bias_unused");
  tfproto::NodeDef* call = TfNode(&g, "StatefulPartitionedCall", "StatefulPartitionedCall", {"serving_default_x", "dense/kernel", "^dense/bias_unused"});
  (*call->mutable_attr())["f"].mutable_func()->set_name("__inference_serve");
  TfPlaceholder(&g, "saver_filename", {});
  tfproto::NodeDef* restore_call = TfNode(&g, "StatefulPartitionedCall", "StatefulPartitionedCall_1", {"saver_filename", "dense/kernel"});
  (*restore_call->mutable_attr())["f"].mutable_func()->set_name("__inference__traced_restore");

  tfproto::FunctionDef* serve = g.mutable_library()->add_function();
  serve->mutable_signature()->set_name("__inference_serve");
  serve->mutable_signature()->add_input_arg()->set_name("x");
  serve->mutable_signature()->add_input_arg()->set_name("matmul_readvariableop_resource");
  serve->mutable_signature()->add_output_arg()->set_name("identity");
  auto* body = serve->mutable_node_def();
  TfNodeDef(body, "ReadVariableOp", "MatMul/ReadVariableOp", {"matmul_readvariableop_resource"});
  TfNodeDef(body, "MatMul", "MatMul", {"x", "MatMul/ReadVariableOp:value:0"});
  TfNodeDef(body, "Relu", "Relu", {"MatMul:product:0", "^MatMul/ReadVariableOp"});
  tfproto::NodeDef* inner = TfNodeDef(body, "PartitionedCall", "PartitionedCall", {"Relu:activations:0"});
  (*inner->mutable_attr())["f"].mutable_func()->set_name("__inference_negate");
  TfNodeDef(body, "Identity", "Identity", {"PartitionedCall:output:0"});
  (*serve->mutable_ret())["identity"] = "Identity:output:0";

  tfproto::FunctionDef* neg = g.mutable_library()->add_function();
  neg->mutable_signature()->set_name("__inference_negate");
  neg->mutable_signature()->add_input_arg()->set_name("a");
  neg->mutable_signature()->add_output_arg()->set_name("out");
  TfNodeDef(neg->mutable_node_def(), "Neg", "Neg", {"a"});
  (*neg->mutable_ret())["out"] = "Neg:y:0";

  tfproto::FunctionDef* restore = g.mutable_library()->add_function();
  restore->mutable_signature()->set_name("__inference__traced_restore");
  restore->mutable_signature()->add_input_arg()->set_name("file_prefix");
  restore->mutable_signature()->add_input_arg()->set_name("assignvariableop_dense_kernel");
  auto* rb = restore->mutable_node_def();
  tfproto::NodeDef* names = TfNodeDef(rb, "Const", "RestoreV2/tensor_names");
  tfproto::TensorProto* nt = (*names->mutable_attr())["value"].mutable_tensor();
  nt->set_dtype(tfproto::DT_STRING);
  SetShape(nt->mutable_tensor_shape(), {2});
  nt->add_string_val("layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE");
  nt->add_string_val("_CHECKPOINTABLE_OBJECT_GRAPH");
  TfNodeDef(rb, "RestoreV2", "RestoreV2", {"file_prefix", "RestoreV2/tensor_names:output:0"});
  TfNodeDef(rb, "Identity", "Identity", {"RestoreV2:tensors:0"});
  TfNodeDef(rb, "AssignVariableOp", "AssignVariableOp", {"assignvariableop_dense_kernel", "Identity:output:0"});

  WriteSavedModel(dir, g, "serving_default", {{"x", "serving_default_x:0", {-1, 2}}}, {{"y", "StatefulPartitionedCall:0", {}}});
  WriteBundle((dir / "variables" / "variables").string(),
              {{"layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE", tfproto::DT_FLOAT, {2, 3}, {1, 2, 3, -4, -5, -6}},
               {"other/a", tfproto::DT_FLOAT, {1}, {7}},
               {"other/b", tfproto::DT_FLOAT, {2}, {8, 9}},
               {"other/c", tfproto::DT_FLOAT, {1}, {10}}},
              shards);
}

TEST(TensorFlowFrontend, SavedModelWithVariablesAndNestedFunctions) {
  for (int shards : {1, 3}) {
    const std::filesystem::path dir = TempDir("tf_dense_" + std::to_string(shards));
    WriteDenseSavedModel(dir, shards);
    ConversionReport report;
    Result<ir::Model> m = ImportTensorFlow(dir.string(), {}, &report);
    ASSERT_TRUE(m.ok()) << m.status().message();
    EXPECT_FALSE(report.warnings.empty());  // the unknown batch became 1
    Result<std::vector<HostTensor>> out = RunIr(*m, {MakeHost(tflite::TensorType_FLOAT32, {1, 2}, std::vector<float>{1, 0.5f})});
    ASSERT_TRUE(out.ok()) << out.status().message();
    // x @ W = [1 - 2, 2 - 2.5, 3 - 3] = [-1, -0.5, 0]; -relu = [0, 0, 0]... use a sign that shows.
    const std::vector<float> y = Floats((*out)[0]);
    const float w[2][3] = {{1, 2, 3}, {-4, -5, -6}};
    for (int j = 0; j < 3; ++j) EXPECT_FLOAT_EQ(y[static_cast<size_t>(j)], -std::max(0.0f, 1 * w[0][j] + 0.5f * w[1][j])) << j;
    EXPECT_EQ(m->main().values[static_cast<size_t>(m->main().outputs[0])].name, "y");
  }
}

TEST(TensorFlowFrontend, SignatureChoiceListsTheOnesThatExist) {
  const std::filesystem::path dir = TempDir("tf_sig");
  WriteDenseSavedModel(dir, 1);
  ImportOptions o;
  o.signature = "nope";
  Result<ir::Model> m = ImportTensorFlow(dir.string(), o, nullptr);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("no signature 'nope' (it has: serving_default)"), std::string::npos) << m.status().message();
}

// TensorFlow 2's while_v2 inside a tf.function: StatefulPartitionedCall -> serve(x, w_resource) ->
// While(i, x, w_resource) whose body reads the variable through its resource argument and hands
// the resource back. The variable becomes a constant held by the body, not a loop value.
TEST(TensorFlowFrontend, WhileReadsACapturedVariableAsAConstant) {
  const std::filesystem::path dir = TempDir("tf_while_var");
  tfproto::GraphDef g;
  TfPlaceholder(&g, "serving_default_x", {1, 2});
  SetStr(TfNode(&g, "VarHandleOp", "w"), "shared_name", "w");
  tfproto::NodeDef* call = TfNode(&g, "StatefulPartitionedCall", "StatefulPartitionedCall", {"serving_default_x", "w"});
  (*call->mutable_attr())["f"].mutable_func()->set_name("serve");
  auto function = [&](const std::string& name, std::vector<std::string> args, std::vector<std::string> rets) {
    tfproto::FunctionDef* f = g.mutable_library()->add_function();
    f->mutable_signature()->set_name(name);
    for (const std::string& a : args) f->mutable_signature()->add_input_arg()->set_name(a);
    for (size_t i = 0; i < rets.size(); ++i) {
      f->mutable_signature()->add_output_arg()->set_name("out" + std::to_string(i));
      (*f->mutable_ret())["out" + std::to_string(i)] = rets[i];
    }
    return f->mutable_node_def();
  };
  auto* serve = function("serve", {"x", "w_resource"}, {"while:output:1"});
  TfConst(serve, "i0", tfproto::DT_INT32, {}, std::vector<int32_t>{0});
  tfproto::NodeDef* loop = TfNodeDef(serve, "While", "while", {"i0:output:0", "x", "w_resource"});
  (*loop->mutable_attr())["cond"].mutable_func()->set_name("cond");
  (*loop->mutable_attr())["body"].mutable_func()->set_name("body");
  auto* cond = function("cond", {"i", "x", "w"}, {"lt:z:0"});
  TfConst(cond, "two", tfproto::DT_INT32, {}, std::vector<int32_t>{2});
  TfNodeDef(cond, "Less", "lt", {"i", "two:output:0"});
  auto* body = function("body", {"i", "x", "w"}, {"i1:z:0", "mm:product:0", "w"});
  TfConst(body, "one", tfproto::DT_INT32, {}, std::vector<int32_t>{1});
  TfNodeDef(body, "AddV2", "i1", {"i", "one:output:0"});
  TfNodeDef(body, "ReadVariableOp", "read", {"w"});
  TfNodeDef(body, "MatMul", "mm", {"x", "read:value:0"});
  WriteSavedModel(dir, g, "serving_default", {{"x", "serving_default_x:0", {1, 2}}}, {{"y", "StatefulPartitionedCall:0", {}}});
  WriteBundle((dir / "variables" / "variables").string(), {{"w", tfproto::DT_FLOAT, {2, 2}, {1, 2, 3, 4}}});

  Result<ir::Model> m = ImportTensorFlow(dir.string(), {}, nullptr);
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_EQ(m->subgraphs.size(), 3u);
  const ir::Node& w = m->main().nodes.back();
  ASSERT_EQ(w.op, tflite::BuiltinOperator_WHILE);
  EXPECT_EQ(w.inputs.size(), 2u);  // i and x; the weights stay in the body
  const ir::Graph& body_graph = m->subgraphs[static_cast<size_t>(w.options.AsWhileOptions()->body_subgraph_index)];
  EXPECT_EQ(body_graph.inputs.size(), 2u);
  EXPECT_TRUE(std::any_of(body_graph.values.begin(), body_graph.values.end(), [](const ir::Value& v) { return v.is_constant() && v.elements() == 4; }));
  // [1, 0.5] @ [[1, 2], [3, 4]] = [2.5, 4]; again: [14.5, 21].
  Result<std::vector<HostTensor>> out = RunIr(*m, {MakeHost(tflite::TensorType_FLOAT32, {1, 2}, std::vector<float>{1, 0.5f})});
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(Floats((*out)[0]), (std::vector<float>{14.5f, 21}));
}

// With --allow-custom-ops a While whose body holds an unsupported op becomes one CUSTOM op, and
// the subgraphs converted before the failure are gone.
TEST(TensorFlowFrontend, UnsupportedOpInAWhileBodyMakesTheWhileACustomOp) {
  tfproto::GraphDef g;
  TfPlaceholder(&g, "x", {2});
  tfproto::NodeDef* loop = TfNode(&g, "While", "y", {"x"});
  (*loop->mutable_attr())["cond"].mutable_func()->set_name("cond");
  (*loop->mutable_attr())["body"].mutable_func()->set_name("body");
  for (const std::string name : {"cond", "body"}) {  // cond: [2] is not empty, so true
    tfproto::FunctionDef* f = g.mutable_library()->add_function();
    f->mutable_signature()->set_name(name);
    f->mutable_signature()->add_input_arg()->set_name("a");
    f->mutable_signature()->add_output_arg()->set_name("r");
    if (name == "body") TfNodeDef(f->mutable_node_def(), "NoSuchOp", "n", {"a"});
    (*f->mutable_ret())["r"] = name == "body" ? "n:output:0" : "a";
  }
  ImportOptions o;
  o.allow_custom_ops = true;
  ConversionReport report;
  Result<ir::Model> m = ImportTensorFlow(SaveProto(g, TempDir("tf_while_custom") / "w.pb"), o, &report);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->subgraphs.size(), 1u);
  ASSERT_EQ(m->main().nodes.size(), 1u);
  EXPECT_EQ(m->main().nodes[0].custom_code, "While");
  ASSERT_FALSE(report.unsupported.empty());
  EXPECT_EQ(report.unsupported.back().type, "While");
}

// A loop whose only value is a constant the body hands back computes nothing: no WHILE is emitted.
TEST(TensorFlowFrontend, WhileThatChangesNothingEmitsNothing) {
  tfproto::GraphDef g;
  TfPlaceholder(&g, "x", {1});
  TfConstF(&g, "c", {}, {5});
  tfproto::NodeDef* loop = TfNode(&g, "While", "w", {"c"});
  (*loop->mutable_attr())["cond"].mutable_func()->set_name("cond");
  (*loop->mutable_attr())["body"].mutable_func()->set_name("body");
  TfNode(&g, "AddV2", "y", {"x", "w"});
  for (const std::string name : {"cond", "body"}) {
    tfproto::FunctionDef* f = g.mutable_library()->add_function();
    f->mutable_signature()->set_name(name);
    f->mutable_signature()->add_input_arg()->set_name("a");
    f->mutable_signature()->add_output_arg()->set_name("r");
    if (name == "cond") TfConst(f->mutable_node_def(), "three", tfproto::DT_FLOAT, {}, std::vector<float>{3});
    if (name == "cond") TfNodeDef(f->mutable_node_def(), "Less", "lt", {"a", "three:output:0"});
    (*f->mutable_ret())["r"] = name == "cond" ? "lt:z:0" : "a";
  }
  ImportOptions o;
  o.outputs = {"y"};
  Result<ir::Model> m = ImportTensorFlow(SaveProto(g, TempDir("tf_while_nothing") / "w.pb"), o, nullptr);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->subgraphs.size(), 1u);
  for (const ir::Node& n : m->main().nodes) EXPECT_NE(n.op, tflite::BuiltinOperator_WHILE);
  Result<std::vector<HostTensor>> out = RunIr(*m, {MakeHost(tflite::TensorType_FLOAT32, {1}, std::vector<float>{1})});
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(Floats((*out)[0]), std::vector<float>{6});
}

// --- frozen graphs, one per op family ---

struct Frozen {
  tfproto::GraphDef g;
  std::vector<HostTensor> inputs;
};

Result<std::vector<HostTensor>> RunFrozen(const Frozen& f, const std::string& name, const ImportOptions& o = {}) {
  const std::string path = SaveProto(f.g, TempDir("tf_frozen_" + name) / "frozen.pb");
  Result<ir::Model> m = ImportTensorFlow(path, o, nullptr);
  if (!m.ok()) return m.status();
  return RunIr(*m, f.inputs);
}

HostTensor F32(std::vector<int32_t> shape, std::vector<float> v) { return MakeHost(tflite::TensorType_FLOAT32, std::move(shape), v); }

void ExpectNear(const std::vector<float>& a, const std::vector<float>& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-4f * (1 + std::fabs(b[i]))) << what << " [" << i << "]";
}

TEST(TensorFlowFrontend, UnaryOps) {
  const std::vector<float> x = {-2.0f, -0.5f, 0.25f, 1.5f, 3.0f, 7.0f};
  struct Case {
    const char* op;
    std::function<float(float)> f;
  };
  const std::vector<Case> cases = {
      {"Relu", [](float v) { return std::max(v, 0.0f); }},
      {"Relu6", [](float v) { return std::min(std::max(v, 0.0f), 6.0f); }},
      {"Elu", [](float v) { return v > 0 ? v : std::expm1(v); }},
      {"Sigmoid", [](float v) { return 1 / (1 + std::exp(-v)); }},
      {"Tanh", [](float v) { return std::tanh(v); }},
      {"Square", [](float v) { return v * v; }},
      {"Exp", [](float v) { return std::exp(v); }},
      {"Abs", [](float v) { return std::fabs(v); }},
      {"Neg", [](float v) { return -v; }},
      {"Floor", [](float v) { return std::floor(v); }},
      {"Identity", [](float v) { return v; }},
      {"StopGradient", [](float v) { return v; }},
  };
  for (const Case& c : cases) {
    Frozen f;
    TfPlaceholder(&f.g, "x", {2, 3});
    TfNode(&f.g, c.op, "y", {"x"});
    f.inputs = {F32({2, 3}, x)};
    Result<std::vector<HostTensor>> out = RunFrozen(f, c.op);
    ASSERT_TRUE(out.ok()) << c.op << ": " << out.status().message();
    std::vector<float> want;
    for (float v : x) want.push_back(c.f(v));
    ExpectNear(Floats((*out)[0]), want, c.op);
  }
  // Sqrt, Rsqrt and Log on positive values.
  const std::vector<float> p = {0.25f, 1.0f, 4.0f};
  for (const char* op : {"Sqrt", "Rsqrt", "Log"}) {
    Frozen f;
    TfPlaceholder(&f.g, "x", {3});
    TfNode(&f.g, op, "y", {"x"});
    f.inputs = {F32({3}, p)};
    Result<std::vector<HostTensor>> out = RunFrozen(f, op);
    ASSERT_TRUE(out.ok()) << op << ": " << out.status().message();
    std::vector<float> want;
    for (float v : p) want.push_back(std::string(op) == "Sqrt" ? std::sqrt(v) : std::string(op) == "Rsqrt" ? 1 / std::sqrt(v) : std::log(v));
    ExpectNear(Floats((*out)[0]), want, op);
  }
}

TEST(TensorFlowFrontend, BinaryOpsBroadcast) {
  const std::vector<float> a = {1, -2, 3, -4, 5, -6}, b = {0.5f, 2, -3};
  struct Case {
    const char* op;
    std::function<float(float, float)> f;
  };
  const std::vector<Case> cases = {
      {"Add", [](float u, float v) { return u + v; }},     {"AddV2", [](float u, float v) { return u + v; }},
      {"Sub", [](float u, float v) { return u - v; }},     {"Mul", [](float u, float v) { return u * v; }},
      {"RealDiv", [](float u, float v) { return u / v; }}, {"Maximum", [](float u, float v) { return std::max(u, v); }},
      {"Minimum", [](float u, float v) { return std::min(u, v); }},
      {"BiasAdd", [](float u, float v) { return u + v; }},
  };
  for (const Case& c : cases) {
    Frozen f;
    TfPlaceholder(&f.g, "a", {2, 3});
    TfConstF(&f.g, "b", {3}, b);
    TfNode(&f.g, c.op, "y", {"a", "b"});
    f.inputs = {F32({2, 3}, a)};
    Result<std::vector<HostTensor>> out = RunFrozen(f, c.op);
    ASSERT_TRUE(out.ok()) << c.op << ": " << out.status().message();
    std::vector<float> want;
    for (size_t i = 0; i < a.size(); ++i) want.push_back(c.f(a[i], b[i % 3]));
    ExpectNear(Floats((*out)[0]), want, c.op);
  }
}

TEST(TensorFlowFrontend, LeakyReluSoftmaxLogSoftmax) {
  const std::vector<float> x = {1, 2, 3, -1, 0, 1};
  Frozen f;
  TfPlaceholder(&f.g, "x", {2, 3});
  SetFloat(TfNode(&f.g, "LeakyRelu", "lr", {"x"}), "alpha", 0.1f);
  TfNode(&f.g, "Softmax", "sm", {"x"});
  TfNode(&f.g, "LogSoftmax", "lsm", {"x"});
  f.inputs = {F32({2, 3}, x)};
  Result<std::vector<HostTensor>> out = RunFrozen(f, "act");
  ASSERT_TRUE(out.ok()) << out.status().message();
  ASSERT_EQ(out->size(), 3u);
  std::vector<float> lr, sm, lsm;
  for (int r = 0; r < 2; ++r) {
    float sum = 0;
    for (int c = 0; c < 3; ++c) sum += std::exp(x[static_cast<size_t>(r * 3 + c)]);
    for (int c = 0; c < 3; ++c) {
      const float v = x[static_cast<size_t>(r * 3 + c)];
      lr.push_back(v > 0 ? v : 0.1f * v);
      sm.push_back(std::exp(v) / sum);
      lsm.push_back(v - std::log(sum));
    }
  }
  ExpectNear(Floats((*out)[0]), lr, "LeakyRelu");
  ExpectNear(Floats((*out)[1]), sm, "Softmax");
  ExpectNear(Floats((*out)[2]), lsm, "LogSoftmax");
}

TEST(TensorFlowFrontend, Conv2DBiasAddFusedBatchNormRelu) {
  // x [1,3,3,1], 2x2 filter HWIO [2,2,1,2], VALID -> [1,2,2,2]; BN folds into the conv later.
  Frozen f;
  TfPlaceholder(&f.g, "x", {1, 3, 3, 1});
  const std::vector<float> w = {1, -1, 2, 0.5f, -1, 1, 0.5f, 2};
  TfConstF(&f.g, "w", {2, 2, 1, 2}, w);
  tfproto::NodeDef* conv = TfNode(&f.g, "Conv2D", "conv", {"x", "w"});
  SetStr(conv, "padding", "VALID");
  SetInts(conv, "strides", {1, 1, 1, 1});
  TfConstF(&f.g, "bias", {2}, {0.5f, -1});
  TfNode(&f.g, "BiasAdd", "biased", {"conv", "bias"});
  for (const char* n : {"gamma", "beta", "mean", "var"}) TfConstF(&f.g, n, {2}, {std::string(n) == "var" ? 4.0f : 1.0f, 0.5f});
  tfproto::NodeDef* bn = TfNode(&f.g, "FusedBatchNormV3", "bn", {"biased", "gamma", "beta", "mean", "var"});
  SetFloat(bn, "epsilon", 0.0f);
  SetBool(bn, "is_training", false);
  TfNode(&f.g, "Relu", "y", {"bn:0"});
  std::vector<float> x(9);
  for (int i = 0; i < 9; ++i) x[static_cast<size_t>(i)] = static_cast<float>(i) - 4;
  f.inputs = {F32({1, 3, 3, 1}, x)};
  Result<std::vector<HostTensor>> out = RunFrozen(f, "conv");
  ASSERT_TRUE(out.ok()) << out.status().message();
  const float gamma[2] = {1, 0.5f}, beta[2] = {1, 0.5f}, mean[2] = {1, 0.5f}, var[2] = {4, 0.5f}, bias[2] = {0.5f, -1};
  std::vector<float> want;
  for (int oh = 0; oh < 2; ++oh)
    for (int ow = 0; ow < 2; ++ow)
      for (int o = 0; o < 2; ++o) {
        float acc = bias[o];
        for (int kh = 0; kh < 2; ++kh)
          for (int kw = 0; kw < 2; ++kw) acc += x[static_cast<size_t>((oh + kh) * 3 + ow + kw)] * w[static_cast<size_t>((kh * 2 + kw) * 2 + o)];
        want.push_back(std::max(0.0f, (acc - mean[o]) * gamma[o] / std::sqrt(var[o]) + beta[o]));
      }
  ExpectNear(Floats((*out)[0]), want, "conv+bias+bn+relu");
}

TEST(TensorFlowFrontend, DepthwiseMaxPoolAvgPoolMatMul) {
  Frozen f;
  TfPlaceholder(&f.g, "x", {1, 2, 2, 2});
  TfConstF(&f.g, "dw", {1, 1, 2, 1}, {2, -1});
  tfproto::NodeDef* d = TfNode(&f.g, "DepthwiseConv2dNative", "d", {"x", "dw"});
  SetStr(d, "padding", "SAME");
  for (const char* op : {"MaxPool", "AvgPool"}) {
    tfproto::NodeDef* p = TfNode(&f.g, op, op, {"d"});
    SetStr(p, "padding", "VALID");
    SetInts(p, "ksize", {1, 2, 2, 1});
    SetInts(p, "strides", {1, 2, 2, 1});
  }
  TfConstI(&f.g, "shape", {2}, {1, 2});
  TfNode(&f.g, "Reshape", "flat", {"MaxPool", "shape"});
  TfConstF(&f.g, "m", {2, 1}, {1, 10});
  TfNode(&f.g, "MatMul", "mm", {"flat", "m"});
  TfNode(&f.g, "BatchMatMulV2", "bmm", {"flat", "m"});
  const std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8};  // NHWC, channels (a, b)
  f.inputs = {F32({1, 2, 2, 2}, x)};
  ImportOptions o;
  o.outputs = {"AvgPool", "mm", "bmm"};
  Result<std::vector<HostTensor>> out = RunFrozen(f, "dw", o);
  ASSERT_TRUE(out.ok()) << out.status().message();
  // depthwise: channel a x2, channel b x-1 -> a: 2,6,10,14; b: -2,-4,-6,-8
  ExpectNear(Floats((*out)[0]), {8, -5}, "AvgPool");
  ExpectNear(Floats((*out)[1]), {14 - 20.0f}, "MatMul");
  ExpectNear(Floats((*out)[2]), {14 - 20.0f}, "BatchMatMulV2");
}

}  // namespace
}  // namespace litescope
