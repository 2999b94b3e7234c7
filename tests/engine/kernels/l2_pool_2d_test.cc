#include <gtest/gtest.h>

#include "tests/engine/kernels/pool_test_util.h"

namespace litescope {
namespace {

using testing::OpCase;
using testing::Pool;
using testing::RandomFloats;
using tflite::TensorType_FLOAT32;

TEST(L2Pool2D, HandComputed) {
  // 2x2 windows, stride 2: sqrt((1 + 9 + 9 + 81) / 4) = 5, sqrt((4 * 16) / 4) = 4.
  OpCase c("valid", tflite::BuiltinOperator_L2_POOL_2D, Pool(tflite::Padding_VALID, 2, 2, 2, 2));
  c.Input<float>(TensorType_FLOAT32, {1, 2, 4, 1}, {1, 3, 4, -4, 3, -9, 4, 4});
  c.Output(TensorType_FLOAT32, {1, 1, 2, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(testing::Values<float>((*out)[0]), (std::vector<float>{5, 4}));
}

TEST(L2Pool2D, SamePaddingAveragesOnlyInsideTheInput) {
  // 3x3 window at the corner of a 2x2 input of 2s with SAME padding: 4 elements, sqrt(16 / 4) = 2.
  OpCase c("same", tflite::BuiltinOperator_L2_POOL_2D, Pool(tflite::Padding_SAME, 1, 1, 3, 3));
  c.Input<float>(TensorType_FLOAT32, {1, 2, 2, 1}, {2, 2, 2, 2});
  c.Output(TensorType_FLOAT32, {1, 2, 2, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(testing::Values<float>((*out)[0]), (std::vector<float>{2, 2, 2, 2}));
}

TEST(L2Pool2D, PrepareRejectsBadInputs) {
  OpCase c("rank3", tflite::BuiltinOperator_L2_POOL_2D, Pool(tflite::Padding_VALID, 1, 1, 2, 2));
  c.Input<float>(TensorType_FLOAT32, {2, 2, 1}, {1, 2, 3, 4});
  c.Output(TensorType_FLOAT32, {1, 1, 1});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("rank 4 expected"), std::string::npos) << out.status().message();

  OpCase big("too_big", tflite::BuiltinOperator_L2_POOL_2D, Pool(tflite::Padding_VALID, 1, 1, 3, 3));
  big.Input<float>(TensorType_FLOAT32, {1, 2, 2, 1}, {1, 2, 3, 4});
  big.Output(TensorType_FLOAT32, {1, 1, 1, 1});
  out = big.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("larger than the padded input"), std::string::npos) << out.status().message();
}

TEST(L2Pool2D, MatchesTfliteOnRandomCases) {
  testing::ExpectPoolCasesMatchTflite(
      testing::PoolCases<float>("l2_", tflite::BuiltinOperator_L2_POOL_2D, TensorType_FLOAT32,
                                [](size_t n, uint32_t seed) { return RandomFloats(n, seed, -2.0f, 2.0f); }),
      1e-5);
}

}  // namespace
}  // namespace litescope
