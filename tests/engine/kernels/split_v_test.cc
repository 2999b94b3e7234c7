#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

tflite::BuiltinOptionsUnion SplitVOpts(int n) {
  tflite::SplitVOptionsT o;
  o.num_splits = n;
  return Options(o);
}

TEST(SplitV, CutsIntoGivenSizesWithOneInferred) {
  OpCase c("infer", tflite::BuiltinOperator_SPLIT_V, SplitVOpts(2));
  c.Input<float>(TensorType_FLOAT32, {5}, Iota<float>(5));
  c.ConstInput<int32_t>(TensorType_INT32, {2}, {-1, 2});
  c.ConstInput<int32_t>(TensorType_INT32, {}, {0});
  c.Output(TensorType_FLOAT32, {3});
  c.Output(TensorType_FLOAT32, {2});
  EXPECT_EQ(RunValues<float>(c, 0), (std::vector<float>{0, 1, 2}));
  EXPECT_EQ(RunValues<float>(c, 1), (std::vector<float>{3, 4}));
}

TEST(SplitV, RejectsSizesThatDoNotAddUp) {
  OpCase sum("sum", tflite::BuiltinOperator_SPLIT_V, SplitVOpts(2));
  sum.Input<float>(TensorType_FLOAT32, {5}, Iota<float>(5));
  sum.ConstInput<int32_t>(TensorType_INT32, {2}, {1, 2});
  sum.ConstInput<int32_t>(TensorType_INT32, {}, {0});
  sum.Output(TensorType_FLOAT32, {1});
  sum.Output(TensorType_FLOAT32, {2});
  ExpectRunError(sum, "size_splits add up to 3, not to dimension 0 of [5]");

  OpCase neg("negative", tflite::BuiltinOperator_SPLIT_V, SplitVOpts(2));
  neg.Input<float>(TensorType_FLOAT32, {5}, Iota<float>(5));
  neg.Input<int32_t>(TensorType_INT32, {2}, {-1, -1});
  neg.ConstInput<int32_t>(TensorType_INT32, {}, {0});
  neg.Output(TensorType_FLOAT32, {1});
  neg.Output(TensorType_FLOAT32, {2});
  ExpectRunError(neg, "size_splits value -1 is invalid");
}

TEST(SplitV, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    std::vector<int32_t> sizes;
    int axis;
    bool constant;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {6, 4}, {1, 2, 3}, 0, true},   {TensorType_FLOAT32, {6, 4}, {3, -1}, 1, true},
      {TensorType_FLOAT32, {2, 7, 3}, {0, 7}, -2, false}, {TensorType_FLOAT32, {5, 2}, {-1}, -1, false},
      {TensorType_INT32, {2, 2, 5}, {2, 1, 2}, 2, true},  {tflite::TensorType_INT8, {4, 3}, {1, -1, 1}, 1, true},
      {tflite::TensorType_UINT8, {3, 9}, {4, 5}, 1, false}, {tflite::TensorType_INT16, {3, 2}, {2, 1}, 0, true},
      {tflite::TensorType_INT64, {8}, {5, 3}, 0, true},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    const int n = static_cast<int>(k.sizes.size());
    OpCase& c = batch.Add("split_v_" + std::to_string(batch.size()), tflite::BuiltinOperator_SPLIT_V, SplitVOpts(n));
    RandomInput(c, k.type, k.in, seed++);
    if (k.constant) {
      c.ConstInput<int32_t>(TensorType_INT32, {n}, k.sizes);
      c.ConstInput<int32_t>(TensorType_INT32, {}, {k.axis});
    } else {
      c.Input<int32_t>(TensorType_INT32, {n}, k.sizes);
      c.Input<int32_t>(TensorType_INT32, {}, {k.axis});
    }
    const size_t a = static_cast<size_t>(k.axis < 0 ? k.axis + static_cast<int>(k.in.size()) : k.axis);
    int known = 0;
    for (int32_t s : k.sizes) known += s < 0 ? 0 : s;
    for (int32_t s : k.sizes) {
      Shape out = k.in;
      out[a] = s < 0 ? k.in[a] - known : s;
      c.Output(k.type, out);
    }
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
