#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;

tflite::BuiltinOptionsUnion Block(int b) {
  tflite::DepthToSpaceOptionsT o;
  o.block_size = b;
  return Options(o);
}

TEST(DepthToSpace, MovesChannelsIntoBlocks) {
  // One pixel of channels 1..4 becomes the 2x2 image [[1, 2], [3, 4]] (DCR order).
  OpCase c("1x1", tflite::BuiltinOperator_DEPTH_TO_SPACE, Block(2));
  c.Input<float>(TensorType_FLOAT32, {1, 1, 1, 4}, {1, 2, 3, 4});
  c.Output(TensorType_FLOAT32, {1, 2, 2, 1});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{1, 2, 3, 4}));

  // Two pixels in a row, 8 channels each: output row 0 holds channels 0-3 of both pixels.
  OpCase two("1x2", tflite::BuiltinOperator_DEPTH_TO_SPACE, Block(2));
  two.Input<float>(TensorType_FLOAT32, {1, 1, 2, 8}, Iota<float>(16));
  two.Output(TensorType_FLOAT32, {1, 2, 4, 2});
  EXPECT_EQ(RunValues<float>(two), (std::vector<float>{0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 12, 13, 14, 15}));
}

TEST(DepthToSpace, RejectsDepthsThatAreNotMultiples) {
  OpCase c("depth", tflite::BuiltinOperator_DEPTH_TO_SPACE, Block(2));
  c.Input<float>(TensorType_FLOAT32, {1, 1, 1, 6}, Iota<float>(6));
  c.Output(TensorType_FLOAT32, {1, 2, 2, 1});
  ExpectRunError(c, "the depth of [1, 1, 1, 6] must be a multiple of block_size^2 = 4");

  OpCase zero("zero", tflite::BuiltinOperator_DEPTH_TO_SPACE, Block(0));
  zero.Input<float>(TensorType_FLOAT32, {1, 1, 1, 4}, Iota<float>(4));
  zero.Output(TensorType_FLOAT32, {1, 1, 1, 4});
  ExpectRunError(zero, "block_size 0 must be >= 1");
}

TEST(DepthToSpace, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    int block;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {1, 2, 3, 12}, 2}, {TensorType_FLOAT32, {2, 3, 2, 18}, 3},
      {TensorType_FLOAT32, {1, 1, 1, 16}, 4}, {TensorType_FLOAT32, {2, 2, 2, 8}, 2},
      {tflite::TensorType_INT32, {1, 2, 2, 4}, 2}, {tflite::TensorType_INT64, {1, 1, 2, 4}, 2},
      {tflite::TensorType_INT8, {1, 2, 2, 9}, 3}, {tflite::TensorType_UINT8, {2, 3, 1, 8}, 2},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("depth_to_space_" + std::to_string(batch.size()), tflite::BuiltinOperator_DEPTH_TO_SPACE, Block(k.block));
    RandomInput(c, k.type, k.in, seed++);
    c.Output(k.type, {k.in[0], k.in[1] * k.block, k.in[2] * k.block, k.in[3] / (k.block * k.block)});
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
