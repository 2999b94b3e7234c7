#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(SpaceToBatchNd, SpreadsBlocksOverTheBatch) {
  OpCase c("2x2", tflite::BuiltinOperator_SPACE_TO_BATCH_ND);
  c.Input<float>(TensorType_FLOAT32, {1, 2, 2, 1}, {1, 2, 3, 4});
  c.ConstInput<int32_t>(TensorType_INT32, {2}, {2, 2});
  c.ConstInput<int32_t>(TensorType_INT32, {2, 2}, {0, 0, 0, 0});
  c.Output(TensorType_FLOAT32, {4, 1, 1, 1});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{1, 2, 3, 4}));

  // Width 3 padded by one zero in front: [0, 1, 2, 3]; even columns go to batch 0.
  OpCase p("padded", tflite::BuiltinOperator_SPACE_TO_BATCH_ND);
  p.Input<float>(TensorType_FLOAT32, {1, 1, 3, 1}, {1, 2, 3});
  p.ConstInput<int32_t>(TensorType_INT32, {2}, {1, 2});
  p.ConstInput<int32_t>(TensorType_INT32, {2, 2}, {0, 0, 1, 0});
  p.Output(TensorType_FLOAT32, {2, 1, 2, 1});
  EXPECT_EQ(RunValues<float>(p), (std::vector<float>{0, 2, 1, 3}));
}

TEST(SpaceToBatchNd, RejectsPaddedSizesThatAreNotMultiples) {
  OpCase c("uneven", tflite::BuiltinOperator_SPACE_TO_BATCH_ND);
  c.Input<float>(TensorType_FLOAT32, {1, 3, 2, 1}, Iota<float>(6));
  c.Input<int32_t>(TensorType_INT32, {2}, {2, 2});
  c.Input<int32_t>(TensorType_INT32, {2, 2}, {0, 0, 0, 0});
  c.Output(TensorType_FLOAT32, {4, 1, 1, 1});
  ExpectRunError(c, "the padded size 3x2 is not a multiple of the block 2x2");
}

TEST(SpaceToBatchNd, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    std::vector<int32_t> block, pads;
    bool constant;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {2, 4, 6, 3}, {2, 3}, {0, 0, 0, 0}, true},
      {TensorType_FLOAT32, {1, 5, 4, 2}, {2, 2}, {1, 0, 0, 2}, true},
      {TensorType_FLOAT32, {2, 5, 3}, {2}, {1, 0}, true},
      {TensorType_FLOAT32, {1, 3, 3, 2}, {3, 1}, {2, 1, 0, 0}, false},
      {tflite::TensorType_INT8, {1, 3, 3, 1}, {2, 2}, {1, 0, 0, 1}, true},
      {tflite::TensorType_UINT8, {2, 2, 3, 2}, {2, 2}, {0, 0, 1, 0}, true},
      {TensorType_INT32, {1, 4, 4, 1}, {2, 2}, {0, 0, 0, 0}, true},
      {tflite::TensorType_INT64, {1, 2, 2, 2}, {1, 2}, {0, 1, 0, 0}, true},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    Shape out = k.in;
    for (size_t d = 0; d < k.block.size(); ++d) {
      out[0] *= k.block[d];
      out[d + 1] = (k.in[d + 1] + k.pads[2 * d] + k.pads[2 * d + 1]) / k.block[d];
    }
    AddBlockCase(batch, "space_to_batch_nd", tflite::BuiltinOperator_SPACE_TO_BATCH_ND, k.type, k.in, k.block, k.pads,
                 k.constant, out, seed++);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
