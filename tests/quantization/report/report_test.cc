// The reports of a comparison: the HTML is well-formed, self-contained and has every section;
// the JSON and CSV carry the layer figures; writing is by extension and refuses the models.
#include "quantization/report/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "tests/quantization/tiny_models.h"

namespace litescope::testing {
namespace {

namespace fs = std::filesystem;

// Tags open and close in order (void elements and "/>" excepted); returns the first problem.
std::string CheckTags(const std::string& html) {
  static const std::set<std::string> kVoid = {"meta", "br", "hr", "img", "link", "input"};
  std::vector<std::string> open;
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    const size_t end = html.find('>', at);
    if (end == std::string::npos) return "unterminated tag at " + std::to_string(at);
    const std::string tag = html.substr(at + 1, end - at - 1);
    if (tag.starts_with("!")) continue;
    const bool closing = tag.starts_with("/");
    std::string name = tag.substr(closing ? 1 : 0, tag.find_first_of(" />", closing ? 1 : 0) - (closing ? 1 : 0));
    if (closing) {
      if (open.empty() || open.back() != name) return "</" + name + "> closes <" + (open.empty() ? "" : open.back()) + ">";
      open.pop_back();
    } else if (!tag.ends_with("/") && !kVoid.count(name)) {
      open.push_back(name);
    }
  }
  return open.empty() ? "" : "<" + open.back() + "> never closed";
}

ModelBuilder Chain(bool quantized) {
  ModelBuilder b;
  QuantParams q{{0.1f}, {0}, 0, {}, {}};
  const tflite::TensorType t = quantized ? tflite::TensorType_INT8 : tflite::TensorType_FLOAT32;
  const int in = b.AddTensor("input", t, {1, 16}, 0, quantized ? q : QuantParams{});
  const int r1 = b.AddTensor("conv.1/act+relu", t, {1, 16}, 0, quantized ? q : QuantParams{});
  b.AddOperator(tflite::BuiltinOperator_RELU, {in}, {r1});
  b.SetInputs({in});
  b.SetOutputs({r1});
  return b;
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ModelBuilder fb = Chain(false), qb = Chain(true);
    f_ = BuildAndLoad(fb);
    q_ = BuildAndLoad(qb);
    CompareOptions o;
    o.latency_runs = 1;
    Result<Comparison> c = Compare(*f_, *q_, {{}, "", 4, 1, ""}, o);
    ASSERT_TRUE(c.ok()) << c.status().message();
    c_ = std::move(c).value();
  }
  std::unique_ptr<Model> f_, q_;
  Comparison c_;
};

TEST_F(ReportTest, HtmlIsWellFormedSelfContainedAndComplete) {
  const std::string html = HtmlReport(c_);
  EXPECT_EQ(CheckTags(html), "");
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  for (const char* part : {"<h2>Models</h2>", "<h2>Outputs</h2>", "<h2>Layers</h2>", "<h2>Data</h2>",
                           "Operators by type", "@media print", "<svg class=\"chart\"", "class=\"alarm\"",
                           "Random data.", "quantized − float"}) {
    EXPECT_NE(html.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  size_t links = 0;
  for (size_t at = html.find("http"); at != std::string::npos; at = html.find("http", at + 1)) {
    EXPECT_EQ(html.compare(at, 26, "http://www.w3.org/2000/svg"), 0) << html.substr(at, 40);
    ++links;
  }
  EXPECT_GE(links, 2u);  // the bar chart and one histogram
  // The one layer (random inputs, all of them exactly representable or rounded) and its advice.
  EXPECT_NE(html.find("--keep-float &#39;^(?:conv\\.1/act\\+relu)$&#39;"), std::string::npos);
}

TEST_F(ReportTest, JsonAndCsvCarryTheFigures) {
  const nlohmann::json j = nlohmann::json::parse(JsonReport(c_));
  EXPECT_EQ(j["format"], "litescope.compare");
  EXPECT_EQ(j["dataset"]["random"], true);
  EXPECT_EQ(j["dataset"]["used"], 4);
  ASSERT_EQ(j["layers"].size(), 1u);
  EXPECT_EQ(j["layers"][0]["tensor"], "conv.1/act+relu");
  EXPECT_EQ(j["layers"][0]["matched_by"], "name");
  EXPECT_DOUBLE_EQ(j["layers"][0]["rmse_over_scale"].get<double>(), c_.layers[0].rmse_over_scale);
  EXPECT_DOUBLE_EQ(j["outputs"][0]["error"]["cosine"].get<double>(), c_.outputs[0].error.cosine);
  EXPECT_EQ(j["keep_float"]["regex"], "^(?:conv\\.1/act\\+relu)$");
  EXPECT_EQ(j["float_model"]["ops"]["RELU"], 1);
  const std::string csv = LayersCsv(c_);
  EXPECT_TRUE(csv.starts_with("rank,tensor,float_tensor,op,op_index,matched_by,shape,elements,scale,rmse_over_scale,"));
  EXPECT_NE(csv.find("\n1,conv.1/act+relu,conv.1/act+relu,RELU,0,name,\"[1, 16]\",16,0.1,"), std::string::npos) << csv;
  EXPECT_NE(TextSummary(c_).find("RANDOM"), std::string::npos);
}

TEST_F(ReportTest, WritesByExtensionAndNeverOverTheModels) {
  const fs::path dir = TempDir("report_write");
  for (const char* name : {"r.html", "r.json", "r.csv"}) {
    ASSERT_TRUE(WriteReport(c_, (dir / name).string()).ok()) << name;
    EXPECT_GT(fs::file_size(dir / name), 100u) << name;
  }
  Status bad = WriteReport(c_, (dir / "r.pdf").string());
  EXPECT_NE(bad.message().find("r.pdf: unknown format (the extension must be .html, .json or .csv)"), std::string::npos);
  const fs::path model = dir / "model.html";
  WriteText(model, "pretend this is the float model");
  Comparison c = c_;
  c.float_model.path = model.string();
  EXPECT_FALSE(WriteReport(c, model.string()).ok());
  EXPECT_EQ(fs::file_size(model), 31u);
}

}  // namespace
}  // namespace litescope::testing
