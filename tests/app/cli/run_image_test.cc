// `run --image`: the Coral classifiers, fed the shared images through our decoder, resizer and
// kernels, give the top-1 class that real TFLite gave on Pillow's tensors
// (../shared/golden/classify.json), and bad images or options fail with a clear message.
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/app/cli/cli_fixture.h"

namespace litescope::testing {
namespace {

class RunImageTest : public CliTest {};

TEST_F(RunImageTest, TopOneMatchesRealTfliteOnTheSharedImages) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  const fs::path shared = *SharedDir();
  std::ifstream in(shared / "golden" / "classify.json");
  const nlohmann::json classify = nlohmann::json::parse(in);
  const fs::path labels = shared / "models" / "images" / "imagenet_labels.txt";
  int checked = 0;
  for (const auto& entry : classify["classification"]) {
    const fs::path image = shared / "models" / entry["image"].get<std::string>();
    if (!fs::exists(image) || entry["input"]["dtype"] != "uint8" || entry["top5"].size() < 2) continue;
    if (entry["top5"][0]["raw"] == entry["top5"][1]["raw"]) continue;  // a tie decides nothing
    CliRun run = Run({"run", (shared / "models" / entry["model"].get<std::string>()).string(), "--image",
                      image.string(), "--labels", labels.string(), "--top", "1"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const std::string expected = "1. " + std::string(5 - std::to_string(entry["top5"][0]["index"].get<int>()).size(), ' ') +
                                 std::to_string(entry["top5"][0]["index"].get<int>());
    EXPECT_NE(run.out.find(expected), std::string::npos)
        << image << " on " << entry["model"] << ": TFLite's top-1 is " << entry["top5"][0]["label"] << "\n" << run.out;
    EXPECT_NE(run.out.find(entry["top5"][0]["label"].get<std::string>()), std::string::npos);
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

TEST_F(RunImageTest, ReportsBadImagesAndOptions) {
  WriteSample();
  std::ofstream(dir_ / "bad.jpg") << "not a jpeg";
  CliRun bad = Run({"run", sample_, "--image", (dir_ / "bad.jpg").string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("error: "), std::string::npos) << bad.err;
  CliRun spec = Run({"run", sample_, "--image", (dir_ / "bad.jpg").string(), "--preprocess", "range=2:1"});
  EXPECT_EQ(spec.exit_code, 1);
  EXPECT_NE(spec.err.find("range=2:1 needs LO:HI with LO < HI"), std::string::npos) << spec.err;
  CliRun top = Run({"run", sample_, "--top", "0"});
  EXPECT_EQ(top.exit_code, 1);
  EXPECT_NE(top.err.find("--top needs a positive count"), std::string::npos) << top.err;
  CliRun labels = Run({"run", sample_, "--labels", (dir_ / "none.txt").string()});
  EXPECT_EQ(labels.exit_code, 1);
  EXPECT_NE(labels.err.find("cannot open the label file"), std::string::npos) << labels.err;
}

}  // namespace
}  // namespace litescope::testing
