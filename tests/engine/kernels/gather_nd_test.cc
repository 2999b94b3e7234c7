#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(GatherNd, PicksElementsAndSlicesByIndexTuples) {
  OpCase c("elements", tflite::BuiltinOperator_GATHER_ND);
  c.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  c.ConstInput<int32_t>(TensorType_INT32, {2, 2}, {1, 2, 0, 1});
  c.Output(TensorType_FLOAT32, {2});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{5, 1}));

  OpCase rows("rows", tflite::BuiltinOperator_GATHER_ND);
  rows.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  rows.ConstInput<int32_t>(TensorType_INT32, {1, 1}, {1});
  rows.Output(TensorType_FLOAT32, {1, 3});
  EXPECT_EQ(RunValues<float>(rows), (std::vector<float>{3, 4, 5}));
}

TEST(GatherNd, RejectsIndicesOutOfRangeAndLongTuples) {
  OpCase range("range", tflite::BuiltinOperator_GATHER_ND);
  range.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  range.Input<int32_t>(TensorType_INT32, {1, 2}, {1, 3});
  range.Output(TensorType_FLOAT32, {1});
  ExpectRunError(range, "index 3 is out of range [0, 3) of params dimension 1");

  OpCase tuple("tuple", tflite::BuiltinOperator_GATHER_ND);
  tuple.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  tuple.Input<int32_t>(TensorType_INT32, {1, 3}, {0, 0, 0});
  tuple.Output(TensorType_FLOAT32, {1});
  ExpectRunError(tuple, "index tuples of 3 values do not fit params of rank 2");
}

TEST(GatherNd, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape params, indices;
    bool int64;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {4, 5}, {3, 2}, false},     {TensorType_FLOAT32, {4, 5}, {3, 1}, false},
      {TensorType_FLOAT32, {2, 3, 4}, {2, 2, 2}, true}, {TensorType_FLOAT32, {2, 3, 4}, {5, 3}, false},
      {TensorType_FLOAT32, {3, 2, 2, 2}, {4, 1}, false}, {tflite::TensorType_INT8, {3, 3}, {2, 2}, false},
      {tflite::TensorType_UINT8, {4, 2}, {3, 1}, true}, {TensorType_INT32, {2, 2, 3}, {4, 2}, false},
      {tflite::TensorType_INT64, {6}, {3, 1}, false},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("gather_nd_" + std::to_string(batch.size()), tflite::BuiltinOperator_GATHER_ND);
    RandomInput(c, k.type, k.params, seed++);
    const size_t depth = static_cast<size_t>(k.indices.back());
    std::vector<int64_t> idx;
    for (size_t i = 0; i < Count(k.indices); ++i) {
      idx.push_back(RandomInts<int64_t>(1, seed++, 0, k.params[i % depth] - 1)[0]);
    }
    if (k.int64) c.ConstInput<int64_t>(tflite::TensorType_INT64, k.indices, idx);
    else c.Input<int32_t>(TensorType_INT32, k.indices, std::vector<int32_t>(idx.begin(), idx.end()));
    Shape out(k.indices.begin(), k.indices.end() - 1);
    out.insert(out.end(), k.params.begin() + static_cast<std::ptrdiff_t>(depth), k.params.end());
    c.Output(k.type, out);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
