// ONNX LSTM / RNN paths the backend suite does not reach: a bidirectional LSTM with constant
// weights and peepholes (UNIDIRECTIONAL_SEQUENCE_LSTM, time reversed by GATHER) must match the
// same LSTM unrolled (weights given at run time); sequence_lens masking of an unrolled RNN; a
// reverse GRU with an initial state, both linear_before_reset modes.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "converter/frontends/onnx/onnx_frontend.h"
#include "tests/converter/onnx/onnx_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT

onnx::ModelProto NewModel() {
  onnx::ModelProto m;
  m.set_ir_version(7);
  auto* o = m.add_opset_import();
  o->set_domain("");
  o->set_version(14);
  m.mutable_graph()->set_name("g");
  return m;
}

Result<ir::Model> Import(const onnx::ModelProto& m, const std::string& name) {
  const std::string path = (std::filesystem::temp_directory_path() / ("litescope_onnx_rnn_" + name + ".onnx")).string();
  {
    std::ofstream out(path, std::ios::binary);
    m.SerializeToOstream(&out);
  }
  ImportOptions options;
  options.keep_nchw_io = true;
  return ImportOnnx(path, options, nullptr);
}

void AttrStr(onnx::NodeProto* n, const std::string& name, const std::string& v) {
  onnx::AttributeProto* a = n->add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
}

std::vector<float> Floats(const HostTensor& t) {
  const float* f = reinterpret_cast<const float*>(t.bytes.data());
  return {f, f + t.bytes.size() / 4};
}

std::vector<float> Wave(size_t n, float scale, float phase) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = scale * std::sin(0.7f * static_cast<float>(i) + phase);
  return v;
}

TEST(OnnxRecurrent, BidirectionalLstmFusedMatchesUnrolled) {
  constexpr int kSeq = 4, kBatch = 2, kIn = 3, kH = 2;
  const std::vector<float> w = Wave(2 * 4 * kH * kIn, 0.6f, 0.1f), r = Wave(2 * 4 * kH * kH, 0.5f, 1.3f),
                           b = Wave(2 * 8 * kH, 0.3f, 2.0f), p = Wave(2 * 3 * kH, 0.4f, 0.5f),
                           x = Wave(kSeq * kBatch * kIn, 1.0f, 0.0f);
  std::vector<std::vector<float>> results;
  for (bool constant : {true, false}) {
    onnx::ModelProto m = NewModel();
    onnx::GraphProto* g = m.mutable_graph();
    onnx::NodeProto* n = AddNode(g, "LSTM", {"x", "W", "R", "B", "", "", "", "P"}, {"y", "y_h"}, "lstm_1");
    AttrStr(n, "direction", "bidirectional");
    AttrInt(n, "hidden_size", kH);
    AddValueInfo(g->mutable_input(), "x", onnx::TensorProto::FLOAT, {kSeq, kBatch, kIn});
    std::vector<HostTensor> inputs = {MakeHost(tflite::TensorType_FLOAT32, {kSeq, kBatch, kIn}, x)};
    const std::vector<std::pair<std::string, std::pair<std::vector<int64_t>, const std::vector<float>*>>> weights = {
        {"W", {{2, 4 * kH, kIn}, &w}}, {"R", {{2, 4 * kH, kH}, &r}}, {"B", {{2, 8 * kH}, &b}}, {"P", {{2, 3 * kH}, &p}}};
    for (const auto& [name, spec] : weights) {
      if (constant) {
        AddFloatInit(g, name, spec.first, *spec.second);
        continue;
      }
      AddValueInfo(g->mutable_input(), name, onnx::TensorProto::FLOAT, spec.first);
      inputs.push_back(MakeHost(tflite::TensorType_FLOAT32, std::vector<int32_t>(spec.first.begin(), spec.first.end()), *spec.second));
    }
    AddValueInfo(g->mutable_output(), "y", onnx::TensorProto::FLOAT, {kSeq, 2, kBatch, kH});
    AddValueInfo(g->mutable_output(), "y_h", onnx::TensorProto::FLOAT, {2, kBatch, kH});
    Result<ir::Model> model = Import(m, constant ? "lstm_const" : "lstm_runtime");
    ASSERT_TRUE(model.ok()) << model.status().message();
    int fused = 0;
    for (const ir::Node& node : model->main().nodes) fused += node.op == tflite::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM;
    EXPECT_EQ(fused, constant ? 2 : 0);
    Result<std::vector<HostTensor>> out = RunIr(*model, inputs);
    ASSERT_TRUE(out.ok()) << out.status().message();
    ASSERT_EQ(out->size(), 2u);
    EXPECT_EQ((*out)[0].shape, (std::vector<int32_t>{kSeq, 2, kBatch, kH}));
    std::vector<float> all = Floats((*out)[0]), h = Floats((*out)[1]);
    all.insert(all.end(), h.begin(), h.end());
    results.push_back(all);
  }
  ASSERT_EQ(results[0].size(), results[1].size());
  for (size_t i = 0; i < results[0].size(); ++i) EXPECT_NEAR(results[0][i], results[1][i], 1e-5f) << i;
}

TEST(OnnxRecurrent, RnnSequenceLensMasksEndedRows) {
  // h_t = tanh(x_t + h_{t-1}) per batch row; row 1 ends after one step.
  onnx::ModelProto m = NewModel();
  onnx::GraphProto* g = m.mutable_graph();
  AddNode(g, "RNN", {"x", "W", "R", "", "lens"}, {"y", "y_h"}, "rnn_1");
  AttrInt(g->mutable_node(0), "hidden_size", 1);
  AddFloatInit(g, "W", {1, 1, 1}, {1.0f});
  AddFloatInit(g, "R", {1, 1, 1}, {1.0f});
  AddValueInfo(g->mutable_input(), "x", onnx::TensorProto::FLOAT, {3, 2, 1});
  AddValueInfo(g->mutable_input(), "lens", onnx::TensorProto::INT32, {2});
  AddValueInfo(g->mutable_output(), "y", onnx::TensorProto::FLOAT, {3, 1, 2, 1});
  AddValueInfo(g->mutable_output(), "y_h", onnx::TensorProto::FLOAT, {1, 2, 1});
  Result<ir::Model> model = Import(m, "rnn_lens");
  ASSERT_TRUE(model.ok()) << model.status().message();
  const std::vector<float> x = {0.5f, -0.3f, 0.2f, 0.9f, -0.4f, 0.7f};  // [t][b]
  Result<std::vector<HostTensor>> out = RunIr(*model, {MakeHost(tflite::TensorType_FLOAT32, {3, 2, 1}, x),
                                                       MakeHost(tflite::TensorType_INT32, {2}, std::vector<int32_t>{3, 1})});
  ASSERT_TRUE(out.ok()) << out.status().message();
  const std::vector<float> y = Floats((*out)[0]), y_h = Floats((*out)[1]);
  float h0 = 0;
  for (int t = 0; t < 3; ++t) {
    h0 = std::tanh(x[static_cast<size_t>(2 * t)] + h0);
    EXPECT_NEAR(y[static_cast<size_t>(2 * t)], h0, 1e-5f) << t;
  }
  const float h1 = std::tanh(x[1]);
  EXPECT_NEAR(y[1], h1, 1e-5f);
  EXPECT_EQ(y[3], 0.0f);
  EXPECT_EQ(y[5], 0.0f);
  EXPECT_NEAR(y_h[0], h0, 1e-5f);
  EXPECT_NEAR(y_h[1], h1, 1e-5f);
}

TEST(OnnxRecurrent, ReverseGruWithInitialStateBothResetModes) {
  // hidden 1, input 1: W, R = {z, r, h}; B = {Wb z r h, Rb z r h}.
  const std::vector<float> w = {0.8f, -0.6f, 1.1f}, r = {0.4f, 0.9f, -0.7f}, b = {0.1f, -0.2f, 0.3f, 0.05f, 0.15f, -0.25f};
  const std::vector<float> x = {0.5f, -1.0f, 0.3f};  // [t], batch 1
  const float h_init = 0.6f;
  auto sigmoid = [](float v) { return 1.0f / (1.0f + std::exp(-v)); };
  for (int lbr : {0, 1}) {
    onnx::ModelProto m = NewModel();
    onnx::GraphProto* g = m.mutable_graph();
    onnx::NodeProto* n = AddNode(g, "GRU", {"x", "W", "R", "B", "", "h0"}, {"y", "y_h"}, "gru_1");
    AttrStr(n, "direction", "reverse");
    AttrInt(n, "hidden_size", 1);
    AttrInt(n, "linear_before_reset", lbr);
    AddFloatInit(g, "W", {1, 3, 1}, w);
    AddFloatInit(g, "R", {1, 3, 1}, r);
    AddFloatInit(g, "B", {1, 6}, b);
    AddFloatInit(g, "h0", {1, 1, 1}, {h_init});
    AddValueInfo(g->mutable_input(), "x", onnx::TensorProto::FLOAT, {3, 1, 1});
    AddValueInfo(g->mutable_output(), "y", onnx::TensorProto::FLOAT, {3, 1, 1, 1});
    AddValueInfo(g->mutable_output(), "y_h", onnx::TensorProto::FLOAT, {1, 1, 1});
    Result<ir::Model> model = Import(m, "gru_" + std::to_string(lbr));
    ASSERT_TRUE(model.ok()) << model.status().message();
    Result<std::vector<HostTensor>> out = RunIr(*model, {MakeHost(tflite::TensorType_FLOAT32, {3, 1, 1}, x)});
    ASSERT_TRUE(out.ok()) << out.status().message();
    const std::vector<float> y = Floats((*out)[0]), y_h = Floats((*out)[1]);
    float h = h_init;
    for (int t = 2; t >= 0; --t) {
      const float xt = x[static_cast<size_t>(t)];
      const float z = sigmoid(w[0] * xt + b[0] + r[0] * h + b[3]);
      const float rg = sigmoid(w[1] * xt + b[1] + r[1] * h + b[4]);
      const float rec = lbr ? rg * (r[2] * h + b[5]) : r[2] * (rg * h) + b[5];
      const float hh = std::tanh(w[2] * xt + b[2] + rec);
      h = (1 - z) * hh + z * h;
      EXPECT_NEAR(y[static_cast<size_t>(t)], h, 1e-5f) << "linear_before_reset " << lbr << " step " << t;
    }
    EXPECT_NEAR(y_h[0], h, 1e-5f) << lbr;
  }
}

}  // namespace
}  // namespace litescope
