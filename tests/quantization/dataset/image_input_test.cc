// Preprocessing specs and how pixels become FLOAT32, UINT8 and INT8 input values.
#include "quantization/dataset/image_input.h"

#include <gtest/gtest.h>

#include <cstring>

namespace litescope {
namespace {

// A tensor with its own storage.
struct OwnedTensor {
  Tensor tensor;
  OwnedTensor(tflite::TensorType type, Shape shape, std::vector<float> scale = {}, std::vector<int64_t> zp = {}) {
    tensor.type = type;
    tensor.shape = std::move(shape);
    tensor.name = "image";
    tensor.quant.scale = std::move(scale);
    tensor.quant.zero_point = std::move(zp);
    tensor.AllocateOwned(Storage::kPersistent, static_cast<size_t>(tensor.elements()) * ElementSize(type));
  }
};

const Image kPixels{1, 2, 3, {0, 128, 255, 10, 20, 30}};

TEST(ImageInput, DefaultsPerInputType) {
  OwnedTensor f(tflite::TensorType_FLOAT32, {1, 1, 2, 3});
  ASSERT_TRUE(FillFromImage(kPixels, Preprocess{}, f.tensor).ok());
  EXPECT_FLOAT_EQ(f.tensor.data<float>()[0], -1.0f);
  EXPECT_FLOAT_EQ(f.tensor.data<float>()[2], 1.0f);
  OwnedTensor u(tflite::TensorType_UINT8, {1, 1, 2, 3}, {1.0f / 128}, {128});
  ASSERT_TRUE(FillFromImage(kPixels, Preprocess{}, u.tensor).ok());
  EXPECT_EQ(std::vector<uint8_t>(u.tensor.data<uint8_t>(), u.tensor.data<uint8_t>() + 6), kPixels.pixels);
  OwnedTensor s(tflite::TensorType_INT8, {1, 1, 2, 3}, {1.0f / 128}, {0});
  ASSERT_TRUE(FillFromImage(kPixels, Preprocess{}, s.tensor).ok());
  EXPECT_EQ(s.tensor.data<int8_t>()[0], -128);
  EXPECT_EQ(s.tensor.data<int8_t>()[2], 127);
}

TEST(ImageInput, SpecsNormaliseAndQuantize) {
  Result<Preprocess> p = ParsePreprocess("mean=10:20:30,std=2,order=bgr");
  ASSERT_TRUE(p.ok()) << p.status().message();
  OwnedTensor f(tflite::TensorType_FLOAT32, {1, 1, 2, 3});
  ASSERT_TRUE(FillFromImage(kPixels, *p, f.tensor).ok());
  // BGR: channel 0 takes blue 255 -> (255 - 10) / 2; channel 2 takes red 0 -> (0 - 30) / 2.
  EXPECT_FLOAT_EQ(f.tensor.data<float>()[0], 122.5f);
  EXPECT_FLOAT_EQ(f.tensor.data<float>()[2], -15.0f);
  Result<Preprocess> unit = ParsePreprocess("range=0:1");
  ASSERT_TRUE(unit.ok());
  // 128 / 255 = 0.50196 quantized with scale 1/100, zero point -50: round(50.196) - 50 = 0.
  OwnedTensor q(tflite::TensorType_INT8, {1, 1, 2, 3}, {0.01f}, {-50});
  ASSERT_TRUE(FillFromImage(kPixels, *unit, q.tensor).ok());
  EXPECT_EQ(q.tensor.data<int8_t>()[0], -50);
  EXPECT_EQ(q.tensor.data<int8_t>()[1], 0);
  EXPECT_EQ(q.tensor.data<int8_t>()[2], 50);
}

TEST(ImageInput, RejectsBadSpecsAndInputs) {
  for (const char* bad : {"range=1:0", "range=a:b", "mean=1:2", "mean=1", "std=0,mean=0", "size=3", "order=gbr"}) {
    EXPECT_FALSE(ParsePreprocess(bad).ok()) << bad;
  }
  OwnedTensor rank3(tflite::TensorType_FLOAT32, {2, 3, 3});
  Result<ImageGeometry> g = ImageInputGeometry(rank3.tensor);
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("an image input is [1, height, width, 1 or 3]"), std::string::npos);
  OwnedTensor wrong_size(tflite::TensorType_FLOAT32, {1, 2, 2, 3});
  EXPECT_FALSE(FillFromImage(kPixels, Preprocess{}, wrong_size.tensor).ok());
}

}  // namespace
}  // namespace litescope
