// The official float / int8 twins of ../shared/models: every layer matches a float tensor, the
// outputs agree as closely as int8 allows, and the ResNet classifies the shared images (resized
// from their own size, labelled by folder) with the preprocessing its int8 input implies.
#include <gtest/gtest.h>

#include "quantization/compare/compare.h"
#include "tests/quantization/tiny_models.h"

namespace litescope::testing {
namespace {

namespace fs = std::filesystem;

struct Twin {
  const char* float_model;
  const char* quant_model;
  double min_snr_db, min_cosine;
};

// Floors a little under what these pairs give on 20 random inputs over the int8 inputs' ranges
// (seed 1): AD01 21.6 dB / 0.9975, hello_world 24.6 dB (100 inputs: ResNet 17.9 dB / 0.990).
constexpr Twin kTwins[] = {
    {"tiny/image_classification/pretrainedResnet.tflite", "tiny/image_classification/pretrainedResnet_quant.tflite", 10, 0.95},
    {"tiny/anomaly_detection/ad01_fp32.tflite", "tiny/anomaly_detection/ad01_int8.tflite", 19, 0.995},
    {"micro/hello_world_float.tflite", "micro/hello_world_int8.tflite", 21, 0.99},
};

CompareOptions Quick() {
  CompareOptions o;
  o.latency_runs = 3;
  return o;
}

TEST(OfficialTwins, OutputsAgreeAndEveryLayerMatches) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  const fs::path models = *SharedDir() / "models" / "tflite";
  for (const Twin& t : kTwins) {
    Result<Comparison> c =
        Compare((models / t.float_model).string(), (models / t.quant_model).string(), {{}, "", 20, 1, ""}, Quick());
    ASSERT_TRUE(c.ok()) << t.float_model << ": " << c.status().message();
    ASSERT_EQ(c->outputs.size(), 1u);
    EXPECT_GT(c->outputs[0].error.snr_db, t.min_snr_db) << t.float_model;
    EXPECT_GT(c->outputs[0].error.cosine, t.min_cosine) << t.float_model;
    EXPECT_TRUE(c->dataset.random);
    EXPECT_GE(c->layers.size(), 3u) << t.float_model;
    EXPECT_TRUE(c->unmatched_layers.empty()) << t.float_model << ": " << c->unmatched_layers.front();
    EXPECT_LT(c->quant_model.file_bytes, c->float_model.file_bytes) << t.float_model;
    for (const LayerComparison& l : c->layers) EXPECT_EQ(l.error.samples, 20) << l.name;
  }
}

TEST(OfficialTwins, ResnetOnLabelledSharedImages) {
  LITESCOPE_SKIP_WITHOUT_SHARED();
  const fs::path shared = *SharedDir();
  const fs::path dir = TempDir("official_resnet_images");
  fs::create_directories(dir / "data" / "bird");
  fs::create_directories(dir / "data" / "cat");
  fs::copy_file(shared / "models" / "images" / "bird.bmp", dir / "data" / "bird" / "bird.bmp");
  fs::copy_file(shared / "models" / "images" / "cat.bmp", dir / "data" / "cat" / "cat.bmp");
  WriteText(dir / "data" / "README.txt", "not an image");
  WriteText(dir / "cifar10.txt", "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n");
  const fs::path models = shared / "models" / "tflite" / "tiny" / "image_classification";
  DatasetSpec data{{(dir / "data").string()}, "", 10, 1, (dir / "cifar10.txt").string()};
  Result<Comparison> c =
      Compare((models / "pretrainedResnet.tflite").string(), (models / "pretrainedResnet_quant.tflite").string(), data, Quick());
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->preprocess, "range=0:255");  // the int8 input's scale 1 and zero point -128
  EXPECT_EQ(c->dataset.used, 2);
  EXPECT_EQ(c->dataset.resized, 2);
  ASSERT_EQ(c->dataset.skipped.size(), 1u);
  ASSERT_TRUE(c->accuracy.has_value());
  EXPECT_EQ(c->accuracy->classes, 10);
  EXPECT_EQ(c->accuracy->labelled, 2);
  EXPECT_EQ(c->accuracy->top5_agreement, 1.0);
}

}  // namespace
}  // namespace litescope::testing
