#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(BroadcastTo, RepeatsUnitAndLeadingDimensions) {
  OpCase c("rows", tflite::BuiltinOperator_BROADCAST_TO, {}, 2);
  c.Input<float>(TensorType_FLOAT32, {3, 1}, {1, 2, 3});
  c.ConstInput<int32_t>(TensorType_INT32, {3}, {2, 3, 2});
  c.Output(TensorType_FLOAT32, {2, 3, 2});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3}));
}

TEST(BroadcastTo, RejectsIncompatibleShapes) {
  OpCase c("incompatible", tflite::BuiltinOperator_BROADCAST_TO, {}, 2);
  c.Input<float>(TensorType_FLOAT32, {3, 2}, Iota<float>(6));
  c.Input<int32_t>(TensorType_INT32, {2}, {3, 4});
  c.Output(TensorType_FLOAT32, {3, 4});
  ExpectRunError(c, "cannot broadcast [3, 2]: dimension 1 of the target shape is 4");

  OpCase rank("rank", tflite::BuiltinOperator_BROADCAST_TO, {}, 2);
  rank.Input<float>(TensorType_FLOAT32, {3, 2}, Iota<float>(6));
  rank.ConstInput<int32_t>(TensorType_INT32, {1}, {2});
  rank.Output(TensorType_FLOAT32, {2});
  ExpectRunError(rank, "cannot broadcast [3, 2] to rank 1 (the rank must be in [2, 8])");
}

TEST(BroadcastTo, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in, out;
    bool constant;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {3}, {4, 3}, true},          {TensorType_FLOAT32, {2, 1}, {2, 5}, true},
      {TensorType_FLOAT32, {1, 3, 1}, {2, 2, 3, 4}, false}, {TensorType_FLOAT32, {}, {2, 3}, true},
      {TensorType_FLOAT32, {2, 3}, {2, 3}, true},       {TensorType_FLOAT32, {1, 2, 1, 2, 1}, {2, 2, 2, 2, 2}, true},
      {TensorType_INT32, {1, 4}, {3, 4}, true},         {tflite::TensorType_INT64, {2, 1, 3}, {2, 2, 3}, true},
      {tflite::TensorType_INT8, {3, 1}, {3, 3}, false}, {tflite::TensorType_UINT8, {1}, {6}, true},
      {tflite::TensorType_BOOL, {2, 1}, {1, 2, 3}, true},
  };
  CaseBatch batch;  // TFLite registers BROADCAST_TO from version 2 on
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("broadcast_to_" + std::to_string(batch.size()), tflite::BuiltinOperator_BROADCAST_TO, {}, 2);
    RandomInput(c, k.type, k.in, seed++);
    const Shape s{static_cast<int32_t>(k.out.size())};
    if (k.constant) c.ConstInput<int32_t>(TensorType_INT32, s, k.out);
    else c.Input<int32_t>(TensorType_INT32, s, k.out);
    c.Output(k.type, k.out);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
