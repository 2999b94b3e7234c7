// Top-K over float and quantized scores, and label files.
#include "quantization/dataset/classification.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/test_support.h"

namespace litescope {
namespace {

TEST(Classification, TopKDequantizesAndBreaksTiesByIndex) {
  std::vector<uint8_t> scores = {3, 200, 7, 200, 0};
  Tensor t;
  t.type = tflite::TensorType_UINT8;
  t.shape = {1, 5};
  t.quant.scale = {0.5f};
  t.quant.zero_point = {2};
  t.SetExternal(Storage::kPersistent, scores.data(), scores.size());
  const std::vector<Ranked> top = TopK(t, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].index, 1);
  EXPECT_EQ(top[1].index, 3);
  EXPECT_EQ(top[2].index, 2);
  EXPECT_DOUBLE_EQ(top[0].score, 99.0);  // 0.5 * (200 - 2)
  EXPECT_DOUBLE_EQ(top[2].raw, 7.0);
  EXPECT_EQ(TopK(t, 10).size(), 5u);
}

TEST(Classification, LoadsLabelsAndReportsMissingFiles) {
  const std::filesystem::path dir = testing::TempDir("labels");
  std::ofstream(dir / "labels.txt") << "background\r\ncat\ndog\n";
  Result<std::vector<std::string>> labels = LoadLabels((dir / "labels.txt").string());
  ASSERT_TRUE(labels.ok());
  EXPECT_EQ(*labels, (std::vector<std::string>{"background", "cat", "dog"}));
  Result<std::vector<std::string>> missing = LoadLabels((dir / "none.txt").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("none.txt"), std::string::npos);
}

}  // namespace
}  // namespace litescope
