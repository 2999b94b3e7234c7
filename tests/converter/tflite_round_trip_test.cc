// .tflite -> IR -> .tflite keeps every operator (code, version, options, custom options) and every
// tensor an operator or the graph uses (name, dtype, shape and signature, quantization, data), on
// every model of the shared corpus and on the sample model.
#include <gtest/gtest.h>

#include "converter/frontends/tflite/tflite_frontend.h"
#include "converter/writer/tflite_writer.h"
#include "engine/model/options.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

void ExpectSameTensor(const TensorView& a, const TensorView& b, const std::string& where) {
  EXPECT_EQ(a.name(), b.name()) << where;
  EXPECT_EQ(a.type(), b.type()) << where;
  EXPECT_TRUE(std::ranges::equal(a.shape(), b.shape())) << where;
  if (!a.shape_signature().empty()) {
    EXPECT_TRUE(std::ranges::equal(a.shape_signature(), b.shape_signature())) << where;
  }
  EXPECT_TRUE(std::ranges::equal(a.data(), b.data())) << where;
  EXPECT_EQ(a.is_variable(), b.is_variable()) << where;
  const QuantizationView qa = a.quantization(), qb = b.quantization();
  EXPECT_TRUE(std::ranges::equal(qa.scale, qb.scale)) << where;
  EXPECT_TRUE(std::ranges::equal(qa.zero_point, qb.zero_point)) << where;
  if (!qa.scale.empty()) {
    EXPECT_EQ(qa.quantized_dimension, qb.quantized_dimension) << where;
  }
}

void ExpectSameGraphs(const Model& a, const Model& b, const std::string& label) {
  ASSERT_EQ(a.subgraph_count(), b.subgraph_count()) << label;
  for (int s = 0; s < a.subgraph_count(); ++s) {
    const SubgraphView ga = a.subgraph(s), gb = b.subgraph(s);
    ASSERT_EQ(ga.operator_count(), gb.operator_count()) << label;
    for (int i = 0; i < ga.operator_count(); ++i) {
      const OperatorView oa = ga.op(i), ob = gb.op(i);
      const std::string where = label + " subgraph " + std::to_string(s) + " op " + std::to_string(i) + " " + oa.name();
      ASSERT_EQ(oa.name(), ob.name()) << where;
      EXPECT_EQ(oa.code().version, ob.code().version) << where;
      const std::vector<OptionField> fa = DecodeOptions(oa), fb = DecodeOptions(ob);
      ASSERT_EQ(fa.size(), fb.size()) << where;
      for (size_t f = 0; f < fa.size(); ++f) EXPECT_EQ(fa[f].text, fb[f].text) << where << " option " << fa[f].name;
      EXPECT_TRUE(std::ranges::equal(oa.custom_options(), ob.custom_options())) << where;
      ASSERT_EQ(oa.inputs().size(), ob.inputs().size()) << where;
      ASSERT_EQ(oa.outputs().size(), ob.outputs().size()) << where;
      for (size_t k = 0; k < oa.inputs().size(); ++k) {
        ASSERT_EQ(oa.inputs()[k] < 0, ob.inputs()[k] < 0) << where;
        if (oa.inputs()[k] >= 0) ExpectSameTensor(ga.tensor(oa.inputs()[k]), gb.tensor(ob.inputs()[k]), where + " input " + std::to_string(k));
      }
      for (size_t k = 0; k < oa.outputs().size(); ++k)
        ExpectSameTensor(ga.tensor(oa.outputs()[k]), gb.tensor(ob.outputs()[k]), where + " output " + std::to_string(k));
    }
    ASSERT_EQ(ga.inputs().size(), gb.inputs().size()) << label;
    for (size_t k = 0; k < ga.inputs().size(); ++k) ExpectSameTensor(ga.tensor(ga.inputs()[k]), gb.tensor(gb.inputs()[k]), label + " graph input");
    ASSERT_EQ(ga.outputs().size(), gb.outputs().size()) << label;
    for (size_t k = 0; k < ga.outputs().size(); ++k) ExpectSameTensor(ga.tensor(ga.outputs()[k]), gb.tensor(gb.outputs()[k]), label + " graph output");
  }
}

std::unique_ptr<Model> RoundTrip(const Model& m) {
  Result<ir::Model> imported = ImportTflite(m);
  EXPECT_TRUE(imported.ok()) << imported.status().message();
  if (!imported.ok()) return nullptr;
  Result<SerializedModel> bytes = SerializeTflite(*imported);
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  if (!bytes.ok()) return nullptr;
  Result<std::unique_ptr<Model>> loaded = Model::FromBytes(bytes->Bytes(), "round trip of " + m.path());
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
  return loaded.ok() ? std::move(loaded).value() : nullptr;
}

TEST(TfliteRoundTrip, SampleModelKeepsEverythingAndItsSignature) {
  ModelBuilder b = SampleClassifier();
  std::unique_ptr<Model> m = testing::BuildAndLoad(b);
  std::unique_ptr<Model> back = RoundTrip(*m);
  ASSERT_NE(back, nullptr);
  ExpectSameGraphs(*m, *back, "sample");
  ASSERT_EQ(back->signatures().size(), 1u);
  EXPECT_EQ(back->signatures()[0].key, "serving_default");
  EXPECT_EQ(back->description(), m->description());
  EXPECT_EQ(back->min_runtime_version(), m->min_runtime_version());
}

TEST(TfliteRoundTrip, EverySharedModel) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  int checked = 0;
  for (const std::string& rel : testing::SharedTfliteModels()) {
    Result<std::unique_ptr<Model>> m = Model::Load((*testing::SharedDir() / "models" / rel).string());
    if (!m.ok()) continue;
    std::unique_ptr<Model> back = RoundTrip(**m);
    ASSERT_NE(back, nullptr) << rel;
    ExpectSameGraphs(**m, *back, rel);
    ++checked;
  }
  EXPECT_GT(checked, 80);
}

TEST(IrVerify, NamesTheBrokenNode) {
  ir::Model m;
  ir::Graph& g = m.main();
  const int x = g.AddValue({.name = "x", .shape = {1, 4}});
  const int y = g.AddValue({.name = "y", .shape = {1, 4}});
  g.AddNode({.op = tflite::BuiltinOperator_RELU, .inputs = {y}, .outputs = {x}, .source = "relu_1 (Relu)"});
  g.inputs = {};
  g.outputs = {x};
  Status s = ir::Verify(m);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("node 0 (RELU, from relu_1 (Relu)) reads y before anything writes it"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace litescope
