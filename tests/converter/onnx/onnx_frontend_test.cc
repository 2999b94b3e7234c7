// Hand-built ONNX models through ImportOnnx, run in the interpreter and compared with values
// computed here; the NHWC model I/O, constant folding of shape chains, and the error paths.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "converter/frontends/onnx/onnx_frontend.h"
#include "tests/converter/onnx/onnx_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT

std::string Save(const onnx::ModelProto& m, const std::string& name) {
  const std::string path = (std::filesystem::temp_directory_path() / ("litescope_onnx_" + name + ".onnx")).string();
  std::ofstream out(path, std::ios::binary);
  m.SerializeToOstream(&out);
  return path;
}

onnx::ModelProto NewModel(int opset = 13) {
  onnx::ModelProto m;
  m.set_ir_version(7);
  auto* o = m.add_opset_import();
  o->set_domain("");
  o->set_version(opset);
  m.mutable_graph()->set_name("g");
  return m;
}

std::vector<float> Floats(const HostTensor& t) {
  const float* f = reinterpret_cast<const float*>(t.bytes.data());
  return {f, f + t.bytes.size() / 4};
}

bool HasOp(const ir::Model& m, tflite::BuiltinOperator op) {
  for (const ir::Node& n : m.main().nodes)
    if (n.op == op) return true;
  return false;
}

TEST(OnnxFrontend, ConvReluWithNhwcIo) {
  // x [1, 2, 3, 3] NCHW, W [2, 2, 2, 2], pads 0, stride 1 -> y [1, 2, 2, 2], then Relu.
  onnx::ModelProto m = NewModel();
  onnx::GraphProto* g = m.mutable_graph();
  std::vector<float> w(16), b = {0.5f, -20.0f};
  for (int i = 0; i < 16; ++i) w[static_cast<size_t>(i)] = 0.1f * static_cast<float>(i - 5);
  AddFloatInit(g, "W", {2, 2, 2, 2}, w);
  AddFloatInit(g, "B", {2}, b);
  onnx::NodeProto* conv = AddNode(g, "Conv", {"x", "W", "B"}, {"c"}, "conv_1");
  AttrInts(conv, "kernel_shape", {2, 2});
  AddNode(g, "Relu", {"c"}, {"y"});
  AddValueInfo(g->mutable_input(), "x", onnx::TensorProto::FLOAT, {1, 2, 3, 3}, "N");
  AddValueInfo(g->mutable_output(), "y", onnx::TensorProto::FLOAT, {1, 2, 2, 2});
  ConversionReport report;
  Result<ir::Model> model = ImportOnnx(Save(m, "conv"), {}, &report);
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_FALSE(report.warnings.empty());  // the symbolic batch became 1
  ASSERT_EQ(report.ops.size(), 2u);
  EXPECT_NE(std::find(report.ops[0].tflite_ops.begin(), report.ops[0].tflite_ops.end(), "CONV_2D"), report.ops[0].tflite_ops.end());
  const ir::Graph& graph = model->main();
  EXPECT_EQ(graph.values[static_cast<size_t>(graph.inputs[0])].shape, (ir::Dims{1, 3, 3, 2}));  // NHWC input
  EXPECT_EQ(graph.values[static_cast<size_t>(graph.outputs[0])].name, "y");
  // Input in NCHW order, fed as NHWC.
  std::vector<float> x(18);
  for (int i = 0; i < 18; ++i) x[static_cast<size_t>(i)] = std::sin(static_cast<float>(i));
  std::vector<float> x_nhwc(18);
  for (int c = 0; c < 2; ++c)
    for (int h = 0; h < 3; ++h)
      for (int ww = 0; ww < 3; ++ww) x_nhwc[static_cast<size_t>((h * 3 + ww) * 2 + c)] = x[static_cast<size_t>((c * 3 + h) * 3 + ww)];
  Result<std::vector<HostTensor>> out = RunIr(*model, {MakeHost(tflite::TensorType_FLOAT32, {1, 3, 3, 2}, x_nhwc)});
  ASSERT_TRUE(out.ok()) << out.status().message();
  ASSERT_EQ((*out)[0].shape, (std::vector<int32_t>{1, 2, 2, 2}));  // NHWC output
  const std::vector<float> y = Floats((*out)[0]);
  for (int o = 0; o < 2; ++o)
    for (int oh = 0; oh < 2; ++oh)
      for (int ow = 0; ow < 2; ++ow) {
        float acc = b[static_cast<size_t>(o)];
        for (int c = 0; c < 2; ++c)
          for (int kh = 0; kh < 2; ++kh)
            for (int kw = 0; kw < 2; ++kw)
              acc += w[static_cast<size_t>(((o * 2 + c) * 2 + kh) * 2 + kw)] * x[static_cast<size_t>((c * 3 + oh + kh) * 3 + ow + kw)];
        EXPECT_NEAR(y[static_cast<size_t>((oh * 2 + ow) * 2 + o)], std::max(acc, 0.0f), 1e-5f) << o << " " << oh << " " << ow;
      }
}

TEST(OnnxFrontend, GemmTransBAlphaBeta) {
  onnx::ModelProto m = NewModel();
  onnx::GraphProto* g = m.mutable_graph();
  AddFloatInit(g, "B", {3, 2}, {1, 2, 3, 4, 5, 6});  // transB: [N=3, K=2]
  AddFloatInit(g, "C", {3}, {1, -1, 2});
  onnx::NodeProto* n = AddNode(g, "Gemm", {"a", "B", "C"}, {"y"});
  AttrInt(n, "transB", 1);
  AttrFloat(n, "alpha", 2.0f);
  AttrFloat(n, "beta", 0.5f);
  AddValueInfo(g->mutable_input(), "a", onnx::TensorProto::FLOAT, {2, 2});
  AddValueInfo(g->mutable_output(), "y", onnx::TensorProto::FLOAT, {2, 3});
  Result<ir::Model> model = ImportOnnx(Save(m, "gemm"), {}, nullptr);
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_TRUE(HasOp(*model, tflite::BuiltinOperator_FULLY_CONNECTED));
  const std::vector<float> a = {1, -2, 0.5f, 3};
  Result<std::vector<HostTensor>> out = RunIr(*model, {MakeHost(tflite::TensorType_FLOAT32, {2, 2}, a)});
  ASSERT_TRUE(out.ok()) << out.status().message();
  const std::vector<float> y = Floats((*out)[0]);
  const float bm[3][2] = {{1, 2}, {3, 4}, {5, 6}}, c[3] = {1, -1, 2};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_NEAR(y[static_cast<size_t>(i * 3 + j)], 2.0f * (a[static_cast<size_t>(i * 2)] * bm[j][0] + a[static_cast<size_t>(i * 2 + 1)] * bm[j][1]) + 0.5f * c[j], 1e-5f);
}

TEST(OnnxFrontend, HardSigmoidErfAndSoftmaxOnAxis) {
  onnx::ModelProto m = NewModel();
  onnx::GraphProto* g = m.mutable_graph();
  onnx::NodeProto* hs = AddNode(g, "HardSigmoid", {"x"}, {"h"});
  AttrFloat(hs, "alpha", 0.25f);
  AddNode(g, "Erf", {"x"}, {"e"});
  onnx::NodeProto* sm = AddNode(g, "Softmax", {"x"}, {"s"});
  AttrInt(sm, "axis", 0);
  AddValueInfo(g->mutable_input(), "x", onnx::TensorProto::FLOAT, {2, 3});
  for (const char* o : {"h", "e", "s"}) AddValueInfo(g->mutable_output(), o, onnx::TensorProto::FLOAT, {2, 3});
  Result<ir::Model> model = ImportOnnx(Save(m, "act"), {}, nullptr);
  ASSERT_TRUE(model.ok()) << model.status().message();
  const std::vector<float> x = {-3, -0.5f, 0, 0.7f, 2, 5};
  Result<std::vector<HostTensor>> out = RunIr(*model, {MakeHost(tflite::TensorType_FLOAT32, {2, 3}, x)});
  ASSERT_TRUE(out.ok()) << out.status().message();
  const std::vector<float> h = Floats((*out)[0]), e = Floats((*out)[1]), s = Floats((*out)[2]);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_NEAR(h[i], std::clamp(0.25f * x[i] + 0.5f, 0.0f, 1.0f), 1e-6f);
    EXPECT_NEAR(e[i], std::erf(x[i]), 1e-6f);
    const size_t col = i % 3;
    const float denom = std::exp(x[col]) + std::exp(x[col + 3]);
    EXPECT_NEAR(s[i], std::exp(x[i]) / denom, 1e-6f);
  }
}

TEST(OnnxFrontend, ShapeChainsFoldToConstants) {
  // y = Reshape(x, Concat(Gather(Shape(x), 0), [-1])): the target folds, no SHAPE op remains.
  onnx::ModelProto m = NewModel();
  onnx::GraphProto* g = m.mutable_graph();
  AddInt64Init(g, "zero", {1}, {0});
  AddInt64Init(g, "minus_one", {1}, {-1});
  AddNode(g, "Shape", {"x"}, {"shape"});
  AddNode(g, "Gather", {"shape", "zero"}, {"batch"});
  onnx::NodeProto* cat = AddNode(g, "Concat", {"batch", "minus_one"}, {"target"});
  AttrInt(cat, "axis", 0);
  AddNode(g, "Reshape", {"x", "target"}, {"y"});
  AddValueInfo(g->mutable_input(), "x", onnx::TensorProto::FLOAT, {2, 3, 4});
  AddValueInfo(g->mutable_output(), "y", onnx::TensorProto::FLOAT, {2, 12});
  Result<ir::Model> model = ImportOnnx(Save(m, "fold"), {}, nullptr);
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_FALSE(HasOp(*model, tflite::BuiltinOperator_SHAPE));
  EXPECT_FALSE(HasOp(*model, tflite::BuiltinOperator_CONCATENATION));
  EXPECT_EQ(model->main().nodes.size(), 1u);
  std::vector<float> x(24);
  for (size_t i = 0; i < 24; ++i) x[i] = static_cast<float>(i);
  Result<std::vector<HostTensor>> out = RunIr(*model, {MakeHost(tflite::TensorType_FLOAT32, {2, 3, 4}, x)});
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ((*out)[0].shape, (std::vector<int32_t>{2, 12}));
  EXPECT_EQ(Floats((*out)[0]), x);
}

TEST(OnnxFrontend, UnsupportedOpNamesTheNodeOrBecomesCustom) {
  onnx::ModelProto m = NewModel();
  onnx::GraphProto* g = m.mutable_graph();
  AddNode(g, "NonMaxSuppression", {"x"}, {"y"}, "nms_3");
  AddValueInfo(g->mutable_input(), "x", onnx::TensorProto::FLOAT, {2, 3});
  AddValueInfo(g->mutable_output(), "y", onnx::TensorProto::FLOAT, {2, 3});
  const std::string path = Save(m, "custom");
  Result<ir::Model> refused = ImportOnnx(path, {}, nullptr);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("node nms_3 (NonMaxSuppression)"), std::string::npos) << refused.status().message();
  ImportOptions o;
  o.allow_custom_ops = true;
  ConversionReport report;
  Result<ir::Model> custom = ImportOnnx(path, o, &report);
  ASSERT_TRUE(custom.ok()) << custom.status().message();
  ASSERT_EQ(custom->main().nodes.size(), 1u);
  EXPECT_EQ(ir::NodeOpName(custom->main().nodes[0]), "CUSTOM:NonMaxSuppression");
  EXPECT_EQ(report.unsupported.size(), 1u);
}

TEST(OnnxFrontend, BadFilesGiveClearErrors) {
  onnx::ModelProto m = NewModel();
  AddNode(m.mutable_graph(), "Relu", {"x"}, {"y"});
  AddValueInfo(m.mutable_graph()->mutable_input(), "x", onnx::TensorProto::FLOAT, {2});
  AddValueInfo(m.mutable_graph()->mutable_output(), "y", onnx::TensorProto::FLOAT, {2});
  std::string bytes;
  m.SerializeToString(&bytes);
  const std::string truncated = (std::filesystem::temp_directory_path() / "litescope_onnx_truncated.onnx").string();
  std::ofstream(truncated, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() - 3));
  Result<ir::Model> r = ImportOnnx(truncated, {}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a valid ONNX model"), std::string::npos) << r.status().message();

  m.mutable_opset_import(0)->set_version(0);
  r = ImportOnnx(Save(m, "old"), {}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("opset 0 does not exist"), std::string::npos) << r.status().message();

  m.mutable_opset_import(0)->set_version(13);
  m.mutable_graph()->mutable_node(0)->set_domain("com.example");
  r = ImportOnnx(Save(m, "domain"), {}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("com.example"), std::string::npos) << r.status().message();

  EXPECT_FALSE(ImportOnnx("/nonexistent/model.onnx", {}, nullptr).ok());
}

TEST(OnnxFrontend, LegacyOpsetsFollowTheirOpVersions) {
  // Opset 6: Add's broadcast/axis aligns B [3] with A's dimension 1; PRelu-6's slope [3] is per
  // channel. NumPy broadcasting would align both with the last dimension.
  onnx::ModelProto m = NewModel(6);
  onnx::GraphProto* g = m.mutable_graph();
  AddFloatInit(g, "b", {3}, {10.0f, 20.0f, 30.0f});
  AddFloatInit(g, "slope", {3}, {0.5f, 0.25f, 2.0f});
  onnx::NodeProto* add = AddNode(g, "Add", {"x", "b"}, {"s"});
  AttrInt(add, "broadcast", 1);
  AttrInt(add, "axis", 1);
  AddNode(g, "Neg", {"s"}, {"n"});
  AddNode(g, "PRelu", {"n", "slope"}, {"y"});
  AddValueInfo(g->mutable_input(), "x", onnx::TensorProto::FLOAT, {2, 3, 2});
  AddValueInfo(g->mutable_output(), "y", onnx::TensorProto::FLOAT, {2, 3, 2});
  Result<ir::Model> model = ImportOnnx(Save(m, "opset6"), {}, nullptr);
  ASSERT_TRUE(model.ok()) << model.status().message();
  std::vector<float> x(12);
  for (int i = 0; i < 12; ++i) x[static_cast<size_t>(i)] = static_cast<float>(i);
  Result<std::vector<HostTensor>> out = RunIr(*model, {MakeHost(tflite::TensorType_FLOAT32, {2, 3, 2}, x)});
  ASSERT_TRUE(out.ok()) << out.status().message();
  const std::vector<float> y = Floats((*out)[0]);
  const float b[3] = {10, 20, 30}, slope[3] = {0.5f, 0.25f, 2.0f};
  for (int i = 0; i < 12; ++i) {
    const int c = (i / 2) % 3;
    EXPECT_FLOAT_EQ(y[static_cast<size_t>(i)], -(x[static_cast<size_t>(i)] + b[c]) * slope[c]) << i;
  }

  // Dropout-6 without is_test is training mode: refused, naming the node.
  onnx::ModelProto d = NewModel(6);
  AddNode(d.mutable_graph(), "Dropout", {"x"}, {"y"}, "drop_1");
  AddValueInfo(d.mutable_graph()->mutable_input(), "x", onnx::TensorProto::FLOAT, {2});
  AddValueInfo(d.mutable_graph()->mutable_output(), "y", onnx::TensorProto::FLOAT, {2});
  Result<ir::Model> refused = ImportOnnx(Save(d, "dropout6"), {}, nullptr);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("node drop_1 (Dropout): training mode (is_test=0)"), std::string::npos)
      << refused.status().message();
}

TEST(OnnxFrontend, RuntimeOperandsBecomeGraphArithmetic) {
  // Pad with pads given as an input, and Unsqueeze with runtime axes: both computed in the graph.
  onnx::ModelProto m = NewModel(13);
  onnx::GraphProto* g = m.mutable_graph();
  AddNode(g, "Pad", {"x", "pads"}, {"p"});
  AddNode(g, "Unsqueeze", {"x", "axes"}, {"u"});
  AddValueInfo(g->mutable_input(), "x", onnx::TensorProto::FLOAT, {2, 2});
  AddValueInfo(g->mutable_input(), "pads", onnx::TensorProto::INT64, {4});
  AddValueInfo(g->mutable_input(), "axes", onnx::TensorProto::INT64, {1});
  AddValueInfo(g->mutable_output(), "p", onnx::TensorProto::FLOAT, {3, 3});
  AddValueInfo(g->mutable_output(), "u", onnx::TensorProto::FLOAT, {2, 1, 2});
  Result<ir::Model> model = ImportOnnx(Save(m, "runtime_pads"), {}, nullptr);
  ASSERT_TRUE(model.ok()) << model.status().message();
  // pads [b0, b1, e0, e1] = [1, 0, 0, 1]: a zero row on top, a zero column on the right; axes [-2].
  Result<std::vector<HostTensor>> out = RunIr(*model, {MakeHost(tflite::TensorType_FLOAT32, {2, 2}, std::vector<float>{1, 2, 3, 4}),
                                                       MakeHost(tflite::TensorType_INT64, {4}, std::vector<int64_t>{1, 0, 0, 1}),
                                                       MakeHost(tflite::TensorType_INT64, {1}, std::vector<int64_t>{-2})});
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ((*out)[0].shape, (std::vector<int32_t>{3, 3}));
  EXPECT_EQ(Floats((*out)[0]), (std::vector<float>{0, 0, 0, 1, 2, 0, 3, 4, 0}));
  EXPECT_EQ((*out)[1].shape, (std::vector<int32_t>{2, 1, 2}));

  // A converter that needs the static shape of such a value refuses instead of guessing.
  g->mutable_node(1)->set_input(0, "p");
  Result<ir::Model> refused = ImportOnnx(Save(m, "runtime_chain"), {}, nullptr);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("the shape of p depends on values known only at run time"), std::string::npos)
      << refused.status().message();
}

TEST(OnnxFrontend, UnknownNonBatchDimensionNeedsAShape) {
  onnx::ModelProto m = NewModel();
  onnx::GraphProto* g = m.mutable_graph();
  AddNode(g, "Relu", {"x"}, {"y"});
  AddValueInfo(g->mutable_input(), "x", onnx::TensorProto::FLOAT, {1, 0});
  g->mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(1)->set_dim_param("len");
  AddValueInfo(g->mutable_output(), "y", onnx::TensorProto::FLOAT, {1, 4});
  const std::string path = Save(m, "dims");
  Result<ir::Model> r = ImportOnnx(path, {}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("input x"), std::string::npos) << r.status().message();
  ImportOptions o;
  o.input_shapes["x"] = {1, 4};
  EXPECT_TRUE(ImportOnnx(path, o, nullptr).ok());
}

}  // namespace
}  // namespace litescope
