#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

tflite::BuiltinOptionsUnion SplitOpts(int n) {
  tflite::SplitOptionsT o;
  o.num_splits = n;
  return Options(o);
}

TEST(Split, CutsIntoEqualParts) {
  OpCase c("axis1", tflite::BuiltinOperator_SPLIT, SplitOpts(2));
  c.ConstInput<int32_t>(TensorType_INT32, {}, {-1});  // the axis comes first
  c.Input<float>(TensorType_FLOAT32, {2, 4}, Iota<float>(8));
  c.Output(TensorType_FLOAT32, {2, 2});
  c.Output(TensorType_FLOAT32, {2, 2});
  EXPECT_EQ(RunValues<float>(c, 0), (std::vector<float>{0, 1, 4, 5}));
  EXPECT_EQ(RunValues<float>(c, 1), (std::vector<float>{2, 3, 6, 7}));
}

TEST(Split, RejectsUnevenSplitsAndBadAxes) {
  OpCase uneven("uneven", tflite::BuiltinOperator_SPLIT, SplitOpts(3));
  uneven.ConstInput<int32_t>(TensorType_INT32, {}, {1});
  uneven.Input<float>(TensorType_FLOAT32, {2, 4}, Iota<float>(8));
  for (int i = 0; i < 3; ++i) uneven.Output(TensorType_FLOAT32, {2, 1});
  ExpectRunError(uneven, "dimension 1 of [2, 4] does not split into 3 equal parts");

  OpCase axis("axis", tflite::BuiltinOperator_SPLIT, SplitOpts(1));
  axis.Input<int32_t>(TensorType_INT32, {}, {2});  // checked at eval time
  axis.Input<float>(TensorType_FLOAT32, {2, 4}, Iota<float>(8));
  axis.Output(TensorType_FLOAT32, {2, 4});
  ExpectRunError(axis, "axis 2 is out of range for rank 2");
}

TEST(Split, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    int axis, n;
    bool constant_axis;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {6, 4}, 0, 3, true},     {TensorType_FLOAT32, {6, 4}, 1, 4, true},
      {TensorType_FLOAT32, {2, 6, 3}, -2, 2, false}, {TensorType_FLOAT32, {5}, 0, 1, true},
      {TensorType_INT32, {2, 2, 4}, 2, 2, true},    {tflite::TensorType_INT8, {4, 3}, 0, 2, false},
      {tflite::TensorType_UINT8, {3, 9}, -1, 3, true}, {tflite::TensorType_INT16, {2, 2}, 1, 2, true},
      // INT64 (which newer TFLite splits) is refused by the oracle's TFLite build.
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("split_" + std::to_string(batch.size()), tflite::BuiltinOperator_SPLIT, SplitOpts(k.n));
    if (k.constant_axis) c.ConstInput<int32_t>(TensorType_INT32, {}, {k.axis});
    else c.Input<int32_t>(TensorType_INT32, {}, {k.axis});
    RandomInput(c, k.type, k.in, seed++);
    Shape out = k.in;
    const size_t a = static_cast<size_t>(k.axis < 0 ? k.axis + static_cast<int>(out.size()) : k.axis);
    out[a] /= k.n;
    for (int i = 0; i < k.n; ++i) c.Output(k.type, out);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
