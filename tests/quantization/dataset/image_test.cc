// Image decoding and Pillow-compatible resizing, checked against the exact input tensors of
// ../shared/golden/classify.json, which Pillow made (Image.open, convert('RGB'),
// resize(BILINEAR)): bit-exact for BMP files; JPEG decoders differ (stb_image vs libjpeg) by at
// most 1 per pixel.
#include "quantization/dataset/image.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/model/npy.h"
#include "tests/support/test_support.h"

namespace litescope {
namespace {

TEST(Image, ResizeMatchesPillowOnTheGoldenImages) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  const std::filesystem::path shared = *testing::SharedDir();
  std::ifstream in(shared / "golden" / "classify.json");
  const nlohmann::json classify = nlohmann::json::parse(in);
  int checked = 0;
  for (const auto& entry : classify["classification"]) {
    const std::filesystem::path image = shared / "models" / entry["image"].get<std::string>();
    if (!std::filesystem::exists(image) || entry["input"]["dtype"] != "uint8") continue;
    Result<NpyArray> golden = ReadNpy((shared / "golden" / entry["golden_dir"].get<std::string>() / "input_0.npy").string());
    ASSERT_TRUE(golden.ok()) << golden.status().message();
    const std::vector<int32_t>& shape = golden->shape;  // [1, H, W, C]
    Result<Image> decoded = LoadImage(image.string(), shape[3]);
    ASSERT_TRUE(decoded.ok()) << decoded.status().message();
    const Image resized = ResizeBilinearAntialiased(*decoded, shape[1], shape[2]);
    ASSERT_EQ(resized.pixels.size(), golden->data.size());
    int max_diff = 0;
    for (size_t i = 0; i < resized.pixels.size(); ++i) {
      max_diff = std::max(max_diff, std::abs(int{resized.pixels[i]} - int{golden->data[i]}));
    }
    const bool jpeg = image.extension() == ".jpg";
    EXPECT_LE(max_diff, jpeg ? 1 : 0) << image << " resized to " << shape[1] << "x" << shape[2];
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

TEST(Image, SameSizeIsTheIdentityAndGreyIsPillowsWeights) {
  const std::filesystem::path dir = testing::TempDir("image_grey");
  // A 2x1 24-bit BMP: pure red and pure white.
  const unsigned char bmp[] = {'B', 'M', 62, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0,
                               1, 0, 24, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                               0, 0, 255, 255, 255, 255, 0, 0};
  std::ofstream((dir / "two.bmp").string(), std::ios::binary).write(reinterpret_cast<const char*>(bmp), sizeof bmp);
  Result<Image> rgb = LoadImage((dir / "two.bmp").string(), 3);
  ASSERT_TRUE(rgb.ok()) << rgb.status().message();
  EXPECT_EQ(rgb->pixels, (std::vector<uint8_t>{255, 0, 0, 255, 255, 255}));
  EXPECT_EQ(ResizeBilinearAntialiased(*rgb, 1, 2).pixels, rgb->pixels);
  Result<Image> grey = LoadImage((dir / "two.bmp").string(), 1);
  ASSERT_TRUE(grey.ok());
  EXPECT_EQ(grey->pixels, (std::vector<uint8_t>{76, 255}));  // (19595 * 255 + 2^15) >> 16 = 76
  // Shrinking 2 -> 1 averages (antialiased): (255 + 255) / 2, (0 + 255) / 2 = 127.5 -> 128.
  EXPECT_EQ(ResizeBilinearAntialiased(*rgb, 1, 1).pixels, (std::vector<uint8_t>{255, 128, 128}));
}

TEST(Image, ReportsFilesItCannotDecode) {
  const std::filesystem::path dir = testing::TempDir("image_bad");
  std::ofstream((dir / "bad.png").string()) << "not an image";
  Result<Image> bad = LoadImage((dir / "bad.png").string(), 3);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("cannot decode image"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("bad.png"), std::string::npos);
  EXPECT_FALSE(LoadImage((dir / "missing.bmp").string(), 3).ok());
  EXPECT_FALSE(LoadImage((dir / "bad.png").string(), 4).ok());
}

}  // namespace
}  // namespace litescope
