#include "engine/model/tensor_type.h"

#include <gtest/gtest.h>

#include <climits>
#include <string>
#include <vector>

namespace litescope {
namespace {

Result<uint64_t> Count(std::vector<int32_t> shape) { return CheckedElementCount(shape); }

void ExpectTooLarge(std::vector<int32_t> shape) {
  Result<uint64_t> n = CheckedElementCount(shape);
  ASSERT_FALSE(n.ok()) << "accepted " << *n << " elements";
  EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(n.status().message().find("more than 2^36 elements"), std::string::npos) << n.status().message();
}

TEST(TensorTypeTest, Names) {
  EXPECT_EQ(TensorTypeName(tflite::TensorType_FLOAT32), "FLOAT32");
  EXPECT_EQ(TensorTypeName(tflite::TensorType_INT8), "INT8");
  EXPECT_EQ(TensorTypeName(tflite::TensorType_INT4), "INT4");
  EXPECT_EQ(TensorTypeName(tflite::TensorType_UINT64), "UINT64");
  EXPECT_EQ(TensorTypeName(tflite::TensorType_STRING), "STRING");
  EXPECT_EQ(TensorTypeName(static_cast<tflite::TensorType>(tflite::TensorType_MAX + 1)),
            "TYPE_" + std::to_string(tflite::TensorType_MAX + 1));
  EXPECT_EQ(TensorTypeName(static_cast<tflite::TensorType>(-3)), "TYPE_-3");
}

TEST(TensorTypeTest, ElementBits) {
  EXPECT_EQ(ElementBits(tflite::TensorType_INT4), 4);
  EXPECT_EQ(ElementBits(tflite::TensorType_BOOL), 8);
  EXPECT_EQ(ElementBits(tflite::TensorType_INT8), 8);
  EXPECT_EQ(ElementBits(tflite::TensorType_UINT8), 8);
  EXPECT_EQ(ElementBits(tflite::TensorType_FLOAT16), 16);
  EXPECT_EQ(ElementBits(tflite::TensorType_BFLOAT16), 16);
  EXPECT_EQ(ElementBits(tflite::TensorType_INT16), 16);
  EXPECT_EQ(ElementBits(tflite::TensorType_FLOAT32), 32);
  EXPECT_EQ(ElementBits(tflite::TensorType_INT32), 32);
  EXPECT_EQ(ElementBits(tflite::TensorType_INT64), 64);
  EXPECT_EQ(ElementBits(tflite::TensorType_FLOAT64), 64);
  EXPECT_EQ(ElementBits(tflite::TensorType_COMPLEX64), 64);
  EXPECT_EQ(ElementBits(tflite::TensorType_COMPLEX128), 128);
  EXPECT_EQ(ElementBits(tflite::TensorType_STRING), 0);
  EXPECT_EQ(ElementBits(tflite::TensorType_RESOURCE), 0);
  EXPECT_EQ(ElementBits(tflite::TensorType_VARIANT), 0);
  EXPECT_EQ(ElementBits(static_cast<tflite::TensorType>(200)), 0);
}

TEST(TensorTypeTest, PackedByteSize) {
  EXPECT_EQ(PackedByteSize(tflite::TensorType_FLOAT32, 10), 40u);
  EXPECT_EQ(PackedByteSize(tflite::TensorType_INT8, 7), 7u);
  EXPECT_EQ(PackedByteSize(tflite::TensorType_INT16, 3), 6u);
  EXPECT_EQ(PackedByteSize(tflite::TensorType_COMPLEX128, 2), 32u);
  EXPECT_EQ(PackedByteSize(tflite::TensorType_INT4, 4), 2u);  // two per byte
  EXPECT_EQ(PackedByteSize(tflite::TensorType_INT4, 3), 2u);  // the last byte half used
  EXPECT_EQ(PackedByteSize(tflite::TensorType_INT4, 1), 1u);
  EXPECT_EQ(PackedByteSize(tflite::TensorType_FLOAT32, 0), 0u);
  EXPECT_EQ(PackedByteSize(tflite::TensorType_FLOAT64, kMaxTensorBytes), kMaxTensorBytes * 8);
  EXPECT_EQ(PackedByteSize(tflite::TensorType_STRING, 5), std::nullopt);
  EXPECT_EQ(PackedByteSize(tflite::TensorType_RESOURCE, 1), std::nullopt);
}

TEST(CheckedElementCountTest, ScalarsAndSmallShapes) {
  EXPECT_EQ(*Count({}), 1u);  // rank 0: one element
  EXPECT_EQ(*Count({7}), 7u);
  EXPECT_EQ(*Count({1, 224, 224, 3}), 150528u);
}

TEST(CheckedElementCountTest, ZeroDimensionsGiveZeroElements) {
  EXPECT_EQ(*Count({0}), 0u);
  EXPECT_EQ(*Count({4, 0, 3}), 0u);
  // A zero first makes any later dimension harmless.
  EXPECT_EQ(*Count({0, INT32_MAX, INT32_MAX, INT32_MAX}), 0u);
}

TEST(CheckedElementCountTest, NegativeDimensionIsNamed) {
  Result<uint64_t> n = Count({1, -3, 4});
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(n.status().message().find("dimension 1 is -3"), std::string::npos) << n.status().message();
  EXPECT_FALSE(Count({-1}).ok());  // a dynamic dimension belongs in shape_signature, not shape
  EXPECT_FALSE(Count({INT32_MIN}).ok());
}

TEST(CheckedElementCountTest, AcceptsUpToTwoToThe36) {
  EXPECT_EQ(*Count({1 << 18, 1 << 18}), kMaxTensorBytes);
  EXPECT_EQ(*Count({1 << 12, 1 << 12, 1 << 12}), kMaxTensorBytes);
  EXPECT_EQ(*Count({1 << 30, 64}), kMaxTensorBytes);
  EXPECT_EQ(*Count({(1 << 18) - 1, 1 << 18}), kMaxTensorBytes - (1 << 18));
}

TEST(CheckedElementCountTest, RefusesJustOverTwoToThe36) {
  ExpectTooLarge({(1 << 18) + 1, 1 << 18});
  ExpectTooLarge({1 << 30, 65});
  ExpectTooLarge({1 << 18, 1 << 18, 2});
}

TEST(CheckedElementCountTest, RefusesTwoToThe40) {
  ExpectTooLarge({1 << 20, 1 << 20});
  ExpectTooLarge({1 << 10, 1 << 10, 1 << 10, 1 << 10});
}

TEST(CheckedElementCountTest, RefusesProductsThatWouldOverflow64Bits) {
  // (2^31 - 1)^3 > 2^64: a plain product would wrap around to a small number.
  ExpectTooLarge({INT32_MAX, INT32_MAX, INT32_MAX});
  ExpectTooLarge({INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX});
  // 2^16 * 2^16 * 2^16 * 2^16 = 2^64 wraps to exactly 0.
  ExpectTooLarge({1 << 16, 1 << 16, 1 << 16, 1 << 16});
  ExpectTooLarge(std::vector<int32_t>(64, 2));
}

}  // namespace
}  // namespace litescope
