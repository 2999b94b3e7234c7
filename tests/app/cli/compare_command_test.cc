// `compare`: the official hello_world float / int8 twins with every report format, and the
// errors users meet (two different networks, a report format we do not write, bad numbers).
#include <nlohmann/json.hpp>

#include "tests/app/cli/cli_fixture.h"

namespace litescope::testing {
namespace {

class CompareCommandTest : public CliTest {};

TEST_F(CompareCommandTest, HelloWorldTwinsWithEveryReport) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  const fs::path micro = *SharedDir() / "models" / "tflite" / "micro";
  CliRun run = Run({"compare", (micro / "hello_world_float.tflite").string(), (micro / "hello_world_int8.tflite").string(),
                    "--samples", "20", "--runs", "3", "--report", (dir_ / "r.html").string(), "--report",
                    (dir_ / "r.json").string(), "--report", (dir_ / "layers.csv").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* part : {"hello_world_float.tflite", "hello_world_int8.tflite", "RANDOM", "SNR dB", "layers: ",
                           "report written to"}) {
    EXPECT_NE(run.out.find(part), std::string::npos) << part << "\n" << run.out;
  }
  const nlohmann::json j = nlohmann::json::parse(ReadFile(dir_ / "r.json"));
  EXPECT_EQ(j["dataset"]["used"], 20);
  EXPECT_GT(j["outputs"][0]["error"]["cosine"].get<double>(), 0.99);
  EXPECT_GT(j["outputs"][0]["error"]["snr_db"].get<double>(), 20.0);
  EXPECT_GE(j["layers"].size(), 3u);
  EXPECT_NE(ReadFile(dir_ / "r.html").find("<h2>Layers</h2>"), std::string::npos);
  EXPECT_TRUE(ReadFile(dir_ / "layers.csv").starts_with("rank,tensor,"));
}

TEST_F(CompareCommandTest, RefusesDifferentNetworksAndBadOptions) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  const fs::path tflite = *SharedDir() / "models" / "tflite";
  const std::string hello = (tflite / "micro" / "hello_world_float.tflite").string();
  const std::string ad = (tflite / "tiny" / "anomaly_detection" / "ad01_int8.tflite").string();
  CliRun different = Run({"compare", hello, ad, "--samples", "2"});
  EXPECT_EQ(different.exit_code, 1);
  EXPECT_NE(different.err.find("are not the same network: input shapes [1, 1] against [1, 640]"), std::string::npos)
      << different.err;
  CliRun format = Run({"compare", hello, hello, "--report", (dir_ / "r.pdf").string()});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_NE(format.err.find("unknown format"), std::string::npos) << format.err;
  CliRun samples = Run({"compare", hello, hello, "--samples", "0"});
  EXPECT_EQ(samples.exit_code, 2);
  EXPECT_NE(samples.err.find("positive whole number"), std::string::npos) << samples.err;
  CliRun missing = Run({"compare", hello, hello, "--data", (dir_ / "nothing").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("does not exist"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace litescope::testing
