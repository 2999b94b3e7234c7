#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;

tflite::BuiltinOptionsUnion Block(int b) {
  tflite::SpaceToDepthOptionsT o;
  o.block_size = b;
  return Options(o);
}

TEST(SpaceToDepth, MovesBlocksIntoChannels) {
  // 2x2 image of 1 channel: [[1, 2], [3, 4]] becomes one pixel with channels 1, 2, 3, 4.
  OpCase c("2x2", tflite::BuiltinOperator_SPACE_TO_DEPTH, Block(2));
  c.Input<float>(TensorType_FLOAT32, {1, 2, 2, 1}, {1, 2, 3, 4});
  c.Output(TensorType_FLOAT32, {1, 1, 1, 4});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{1, 2, 3, 4}));

  // Two channels: pixel (y, x) = {10 * (2y + x), 10 * (2y + x) + 1}.
  OpCase two("2ch", tflite::BuiltinOperator_SPACE_TO_DEPTH, Block(2));
  two.Input<float>(TensorType_FLOAT32, {1, 2, 2, 2}, {0, 1, 10, 11, 20, 21, 30, 31});
  two.Output(TensorType_FLOAT32, {1, 1, 1, 8});
  EXPECT_EQ(RunValues<float>(two), (std::vector<float>{0, 1, 10, 11, 20, 21, 30, 31}));
}

TEST(SpaceToDepth, RejectsSizesThatAreNotMultiples) {
  OpCase c("odd", tflite::BuiltinOperator_SPACE_TO_DEPTH, Block(2));
  c.Input<float>(TensorType_FLOAT32, {1, 3, 2, 1}, Iota<float>(6));
  c.Output(TensorType_FLOAT32, {1, 1, 1, 4});
  ExpectRunError(c, "height and width of [1, 3, 2, 1] must be multiples of block_size 2");
}

TEST(SpaceToDepth, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    int block;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {1, 4, 6, 3}, 2}, {TensorType_FLOAT32, {2, 6, 3, 2}, 3},
      {TensorType_FLOAT32, {1, 4, 4, 1}, 4}, {TensorType_FLOAT32, {3, 2, 2, 5}, 1},
      {tflite::TensorType_INT32, {1, 4, 2, 2}, 2}, {tflite::TensorType_INT64, {2, 2, 2, 1}, 2},
      {tflite::TensorType_INT8, {1, 6, 6, 2}, 3}, {tflite::TensorType_UINT8, {2, 4, 4, 3}, 2},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("space_to_depth_" + std::to_string(batch.size()), tflite::BuiltinOperator_SPACE_TO_DEPTH, Block(k.block));
    RandomInput(c, k.type, k.in, seed++);
    c.Output(k.type, {k.in[0], k.in[1] / k.block, k.in[2] / k.block, k.in[3] * k.block * k.block});
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
