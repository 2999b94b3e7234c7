// `litescope-cli render`: SVG and PNG of the graph, headless; overlays; errors that name the
// problem and leave no file behind.
#include <gtest/gtest.h>

#include "tests/app/cli/cli_fixture.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;
using RenderCommandTest = testing::CliTest;
using testing::CliRun;
using testing::ReadFile;

TEST_F(RenderCommandTest, WritesSvgWithEveryNode) {
  WriteSample();
  const std::string svg = (dir_ / "graph.svg").string();
  CliRun run = Run({"render", sample_, "-o", svg});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("9 nodes, 8 edges"), std::string::npos) << run.out;
  const std::string text = ReadFile(svg);
  ASSERT_EQ(text.rfind("<?xml", 0), 0u);
  for (const char* label : {"CONV_2D", "DEPTHWISE_CONV_2D", "MAX_POOL_2D", "MEAN", "FULLY_CONNECTED", "SOFTMAX",
                            "probabilities", "1x32x32x3 FLOAT32"})
    EXPECT_NE(text.find(label), std::string::npos) << label;
}

TEST_F(RenderCommandTest, WritesPngLeftToRightWithOverlay) {
  WriteSample();
  const fs::path overlay = dir_ / "overlay.json";
  std::ofstream(overlay) << R"({"format": "litescope.overlay", "format_version": 1, "title": "latency", "unit": "ms",
                               "values": {"0": 2.5, "1": 0.5, "5": 0.1}})";
  const std::string png = (dir_ / "graph.png").string();
  CliRun run = Run({"render", sample_, "-o", png, "--direction", "lr", "--overlay", overlay.string(), "--constants"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("18 nodes, 17 edges"), std::string::npos) << run.out;  // weights shown as nodes
  const std::string bytes = ReadFile(png);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST_F(RenderCommandTest, ErrorsNameTheProblem) {
  WriteSample();
  const fs::path bad_overlay = dir_ / "bad.json";
  std::ofstream(bad_overlay) << R"({"format": "litescope.overlay", "format_version": 1, "values": {"x": 1}})";
  const fs::path corrupt = dir_ / "corrupt.tflite";
  std::ofstream(corrupt) << "not a model at all, just text that is long enough";
  struct Case {
    std::vector<std::string> args;
    int code;
    const char* message;
  };
  const std::string out = (dir_ / "out.svg").string();
  const Case cases[] = {
      {{"render", sample_}, 2, "-o FILE is required"},
      {{"render", sample_, "-o", (dir_ / "out.jpg").string()}, 1, "must end in .svg or .png"},
      {{"render", sample_, "-o", out, "--subgraph", "3"}, 1, "subgraph 3 does not exist"},
      {{"render", sample_, "-o", out, "--subgraph", "x"}, 2, "--subgraph wants an index"},
      {{"render", sample_, "-o", out, "--direction", "up"}, 2, "--direction must be tb or lr"},
      {{"render", sample_, "-o", out, "--overlay", bad_overlay.string()}, 1, "bad.json: value key \"x\""},
      {{"render", corrupt.string(), "-o", out}, 1, "corrupt.tflite"},
  };
  for (const Case& c : cases) {
    CliRun run = Run(c.args);
    EXPECT_EQ(run.exit_code, c.code) << run.err;
    EXPECT_NE(run.err.find(c.message), std::string::npos) << run.err;
    EXPECT_FALSE(fs::exists(out)) << "a failed render left " << out;
  }
}

}  // namespace
}  // namespace litescope
