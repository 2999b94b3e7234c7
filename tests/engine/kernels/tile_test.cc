#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(Tile, RepeatsEachDimension) {
  OpCase c("2d", tflite::BuiltinOperator_TILE);
  c.Input<float>(TensorType_FLOAT32, {2, 2}, {1, 2, 3, 4});
  c.ConstInput<int32_t>(TensorType_INT32, {2}, {2, 1});
  c.Output(TensorType_FLOAT32, {4, 2});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{1, 2, 3, 4, 1, 2, 3, 4}));

  OpCase cols("cols", tflite::BuiltinOperator_TILE);
  cols.Input<float>(TensorType_FLOAT32, {1, 2}, {1, 2});
  cols.ConstInput<int64_t>(tflite::TensorType_INT64, {2}, {1, 3});
  cols.Output(TensorType_FLOAT32, {1, 6});
  EXPECT_EQ(RunValues<float>(cols), (std::vector<float>{1, 2, 1, 2, 1, 2}));
}

TEST(Tile, RejectsNegativeMultiples) {
  OpCase c("negative", tflite::BuiltinOperator_TILE);
  c.Input<float>(TensorType_FLOAT32, {2, 2}, {1, 2, 3, 4});
  c.Input<int32_t>(TensorType_INT32, {2}, {2, -1});
  c.Output(TensorType_FLOAT32, {4, 2});
  ExpectRunError(c, "multiple -1 of dimension 1 is negative");
}

TEST(Tile, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    std::vector<int32_t> multiples;
    bool constant;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {3}, {4}, true},         {TensorType_FLOAT32, {2, 3}, {2, 3}, true},
      {TensorType_FLOAT32, {1, 2, 3}, {3, 1, 2}, false}, {TensorType_FLOAT32, {2, 1, 2, 3}, {1, 4, 1, 2}, true},
      {TensorType_INT32, {2, 2}, {1, 3}, true},     {tflite::TensorType_INT64, {3, 1}, {2, 5}, true},
      {tflite::TensorType_INT8, {2, 3}, {3, 1}, true}, {tflite::TensorType_UINT8, {4}, {2}, false},
      {tflite::TensorType_BOOL, {2, 2}, {2, 2}, true},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("tile_" + std::to_string(batch.size()), tflite::BuiltinOperator_TILE);
    RandomInput(c, k.type, k.in, seed++);
    const Shape m{static_cast<int32_t>(k.in.size())};
    if (k.constant) c.ConstInput<int32_t>(TensorType_INT32, m, k.multiples);
    else c.Input<int32_t>(TensorType_INT32, m, k.multiples);
    Shape out = k.in;
    for (size_t d = 0; d < out.size(); ++d) out[d] *= k.multiples[d];
    c.Output(k.type, out);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
