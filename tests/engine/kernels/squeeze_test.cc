#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;

tflite::BuiltinOptionsUnion SqueezeDims(std::vector<int32_t> dims) {
  tflite::SqueezeOptionsT o;
  o.squeeze_dims = std::move(dims);
  return Options(o);
}

TEST(Squeeze, DropsAllUnitDimensionsOrTheListedOnes) {
  OpCase all("all", tflite::BuiltinOperator_SQUEEZE, SqueezeDims({}));
  all.Input<float>(TensorType_FLOAT32, {1, 2, 1, 3}, Iota<float>(6));
  all.Output(TensorType_FLOAT32, {2, 3});
  EXPECT_EQ(RunShape(all), (Shape{2, 3}));
  EXPECT_EQ(RunValues<float>(all), Iota<float>(6));

  OpCase listed("listed", tflite::BuiltinOperator_SQUEEZE, SqueezeDims({-2}));
  listed.Input<float>(TensorType_FLOAT32, {1, 2, 1, 3}, Iota<float>(6));
  listed.Output(TensorType_FLOAT32, {1, 2, 3});
  EXPECT_EQ(RunShape(listed), (Shape{1, 2, 3}));
}

TEST(Squeeze, RejectsDimensionsThatAreNotOne) {
  OpCase c("not_one", tflite::BuiltinOperator_SQUEEZE, SqueezeDims({1}));
  c.Input<float>(TensorType_FLOAT32, {1, 2, 1, 3}, Iota<float>(6));
  c.Output(TensorType_FLOAT32, {1, 3});
  ExpectRunError(c, "cannot squeeze dimension 1 of [1, 2, 1, 3]: its size is not 1");

  OpCase range("range", tflite::BuiltinOperator_SQUEEZE, SqueezeDims({4}));
  range.Input<float>(TensorType_FLOAT32, {1, 2, 1, 3}, Iota<float>(6));
  range.Output(TensorType_FLOAT32, {2, 3});
  ExpectRunError(range, "axis 4 is out of range for rank 4");
}

TEST(Squeeze, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    std::vector<int32_t> dims;
    Shape out;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {1, 3, 1, 1, 2}, {}, {3, 2}},
      {TensorType_FLOAT32, {1, 3, 1, 1, 2}, {0, -2}, {3, 1, 2}},
      {tflite::TensorType_INT8, {2, 1, 5}, {1}, {2, 5}},
      {tflite::TensorType_UINT8, {1, 1, 7}, {-3}, {1, 7}},
      {tflite::TensorType_INT16, {4, 1}, {}, {4}},
      {tflite::TensorType_INT32, {1}, {}, {}},
      {tflite::TensorType_INT64, {3, 1, 2, 1}, {3}, {3, 1, 2}},
      {tflite::TensorType_BOOL, {1, 9, 1}, {}, {9}},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("squeeze_" + std::to_string(batch.size()), tflite::BuiltinOperator_SQUEEZE, SqueezeDims(k.dims));
    RandomInput(c, k.type, k.in, seed++);
    c.Output(k.type, k.out);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
