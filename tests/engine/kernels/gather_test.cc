#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

tflite::BuiltinOptionsUnion GatherOpts(int axis, int batch_dims = 0) {
  tflite::GatherOptionsT o;
  o.axis = axis;
  o.batch_dims = batch_dims;
  return Options(o);
}

TEST(Gather, PicksSlicesAlongTheAxis) {
  OpCase c("rows", tflite::BuiltinOperator_GATHER, GatherOpts(0));
  c.Input<float>(TensorType_FLOAT32, {3, 2}, Iota<float>(6));
  c.ConstInput<int32_t>(TensorType_INT32, {2}, {2, 0});
  c.Output(TensorType_FLOAT32, {2, 2});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{4, 5, 0, 1}));

  // params [[0, 1, 2], [3, 4, 5]], indices [[0, 2], [1, 1]], one batch dimension.
  OpCase b("batch_dims", tflite::BuiltinOperator_GATHER, GatherOpts(1, 1));
  b.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  b.Input<int32_t>(TensorType_INT32, {2, 2}, {0, 2, 1, 1});
  b.Output(TensorType_FLOAT32, {2, 2});
  EXPECT_EQ(RunValues<float>(b), (std::vector<float>{0, 2, 4, 4}));
}

TEST(Gather, RejectsIndicesOutOfRangeAndBadBatchDims) {
  OpCase range("range", tflite::BuiltinOperator_GATHER, GatherOpts(0));
  range.Input<float>(TensorType_FLOAT32, {3, 2}, Iota<float>(6));
  range.Input<int32_t>(TensorType_INT32, {2}, {1, 3});
  range.Output(TensorType_FLOAT32, {2, 2});
  ExpectRunError(range, "index 3 is out of range [0, 3) of axis 0");

  OpCase neg("negative", tflite::BuiltinOperator_GATHER, GatherOpts(1));
  neg.Input<float>(TensorType_FLOAT32, {3, 2}, Iota<float>(6));
  neg.Input<int64_t>(tflite::TensorType_INT64, {1}, {-1});
  neg.Output(TensorType_FLOAT32, {3, 1});
  ExpectRunError(neg, "index -1 is out of range [0, 2) of axis 1");

  OpCase batch("batch_dims", tflite::BuiltinOperator_GATHER, GatherOpts(0, 1));
  batch.Input<float>(TensorType_FLOAT32, {3, 2}, Iota<float>(6));
  batch.Input<int32_t>(TensorType_INT32, {3, 1}, {0, 0, 0});
  batch.Output(TensorType_FLOAT32, {3, 1});
  ExpectRunError(batch, "batch_dims 1 must be in [0, 0]");
}

TEST(Gather, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape params, indices;
    int axis, batch_dims;
    bool int64;
    Shape out;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {5, 4}, {3}, 0, 0, false, {3, 4}},
      {TensorType_FLOAT32, {2, 5, 3}, {2, 2}, 1, 0, false, {2, 2, 2, 3}},
      {TensorType_FLOAT32, {3, 4}, {5}, -1, 0, true, {3, 5}},
      {TensorType_FLOAT32, {2, 3, 4}, {2, 2}, 1, 1, false, {2, 2, 4}},
      {TensorType_FLOAT32, {2, 3, 4}, {2, 3}, 2, -1, false, {2, 3, 3}},
      {TensorType_FLOAT32, {4}, {}, 0, 0, false, {}},
      {tflite::TensorType_INT8, {6, 2}, {2, 3}, 0, 0, false, {2, 3, 2}},
      {tflite::TensorType_UINT8, {3, 3}, {4}, 1, 0, true, {3, 4}},
      {TensorType_INT32, {4, 2, 2}, {3}, 2, 0, false, {4, 2, 3}},
      {tflite::TensorType_INT64, {5}, {2, 2}, 0, 0, false, {2, 2}},
      {tflite::TensorType_BOOL, {3, 4}, {3}, 0, 0, false, {3, 4}},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("gather_" + std::to_string(batch.size()), tflite::BuiltinOperator_GATHER,
                          GatherOpts(k.axis, k.batch_dims));
    RandomInput(c, k.type, k.params, seed++);
    const int axis = k.axis < 0 ? k.axis + static_cast<int>(k.params.size()) : k.axis;
    const int hi = k.params[static_cast<size_t>(axis)] - 1;
    if (k.int64) c.ConstInput<int64_t>(tflite::TensorType_INT64, k.indices, RandomInts<int64_t>(Count(k.indices), seed++, 0, hi));
    else c.Input<int32_t>(TensorType_INT32, k.indices, RandomInts<int32_t>(Count(k.indices), seed++, 0, hi));
    c.Output(k.type, k.out);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
