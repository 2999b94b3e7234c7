#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(BatchToSpaceNd, GathersTheBatchIntoBlocksAndCrops) {
  OpCase c("2x2", tflite::BuiltinOperator_BATCH_TO_SPACE_ND);
  c.Input<float>(TensorType_FLOAT32, {4, 1, 1, 1}, {1, 2, 3, 4});
  c.ConstInput<int32_t>(TensorType_INT32, {2}, {2, 2});
  c.ConstInput<int32_t>(TensorType_INT32, {2, 2}, {0, 0, 0, 0});
  c.Output(TensorType_FLOAT32, {1, 2, 2, 1});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{1, 2, 3, 4}));

  // Batches 0 and 1 interleave to columns [0, 1, 2, 3]; the first is cropped.
  OpCase p("cropped", tflite::BuiltinOperator_BATCH_TO_SPACE_ND);
  p.Input<float>(TensorType_FLOAT32, {2, 1, 2, 1}, {0, 2, 1, 3});
  p.ConstInput<int32_t>(TensorType_INT32, {2}, {1, 2});
  p.ConstInput<int32_t>(TensorType_INT32, {2, 2}, {0, 0, 1, 0});
  p.Output(TensorType_FLOAT32, {1, 1, 3, 1});
  EXPECT_EQ(RunValues<float>(p), (std::vector<float>{1, 2, 3}));
}

TEST(BatchToSpaceNd, RejectsBatchesThatAreNotMultiples) {
  OpCase c("uneven", tflite::BuiltinOperator_BATCH_TO_SPACE_ND);
  c.Input<float>(TensorType_FLOAT32, {3, 1, 1, 1}, Iota<float>(3));
  c.Input<int32_t>(TensorType_INT32, {2}, {2, 2});
  c.Input<int32_t>(TensorType_INT32, {2, 2}, {0, 0, 0, 0});
  c.Output(TensorType_FLOAT32, {1, 2, 2, 1});
  ExpectRunError(c, "the batch 3 is not a multiple of the block size 4");

  OpCase crop("crop", tflite::BuiltinOperator_BATCH_TO_SPACE_ND);
  crop.Input<float>(TensorType_FLOAT32, {4, 1, 1, 1}, Iota<float>(4));
  crop.ConstInput<int32_t>(TensorType_INT32, {2}, {2, 2});
  crop.ConstInput<int32_t>(TensorType_INT32, {2, 2}, {0, -1, 0, 0});
  crop.Output(TensorType_FLOAT32, {1, 2, 2, 1});
  ExpectRunError(crop, "crops must be >= 0");
}

TEST(BatchToSpaceNd, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    std::vector<int32_t> block, crops;
    bool constant;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {12, 2, 2, 3}, {2, 3}, {0, 0, 0, 0}, true},
      {TensorType_FLOAT32, {8, 3, 3, 2}, {2, 2}, {1, 0, 0, 2}, true},
      {TensorType_FLOAT32, {4, 3, 3}, {2}, {1, 0}, true},
      {TensorType_FLOAT32, {6, 2, 3, 2}, {3, 1}, {2, 1, 0, 1}, false},
      {tflite::TensorType_INT8, {4, 2, 2, 1}, {2, 2}, {1, 0, 0, 1}, true},
      {tflite::TensorType_UINT8, {8, 2, 2, 2}, {2, 2}, {0, 0, 1, 0}, true},
      {TensorType_INT32, {4, 2, 2, 1}, {2, 2}, {0, 0, 0, 0}, true},
      {tflite::TensorType_INT64, {2, 2, 2, 2}, {1, 2}, {0, 1, 0, 0}, true},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    Shape out = k.in;
    for (size_t d = 0; d < k.block.size(); ++d) {
      out[0] /= k.block[d];
      out[d + 1] = k.in[d + 1] * k.block[d] - k.crops[2 * d] - k.crops[2 * d + 1];
    }
    AddBlockCase(batch, "batch_to_space_nd", tflite::BuiltinOperator_BATCH_TO_SPACE_ND, k.type, k.in, k.block, k.crops,
                 k.constant, out, seed++);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
