#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(ExpandDims, InsertsAUnitDimension) {
  OpCase c("neg", tflite::BuiltinOperator_EXPAND_DIMS);
  c.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  c.ConstInput<int32_t>(TensorType_INT32, {1}, {-1});  // -1 means after the last dimension
  c.Output(TensorType_FLOAT32, {2, 3, 1});
  EXPECT_EQ(RunShape(c), (Shape{2, 3, 1}));
  EXPECT_EQ(RunValues<float>(c), Iota<float>(6));

  OpCase dyn("dynamic_axis", tflite::BuiltinOperator_EXPAND_DIMS);
  dyn.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  dyn.Input<int64_t>(tflite::TensorType_INT64, {}, {1});
  dyn.Output(TensorType_FLOAT32, {2, 1, 3});
  EXPECT_EQ(RunShape(dyn), (Shape{2, 1, 3}));
}

TEST(ExpandDims, RejectsAxesOutOfRange) {
  OpCase c("range", tflite::BuiltinOperator_EXPAND_DIMS);
  c.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  c.ConstInput<int32_t>(TensorType_INT32, {}, {-4});
  c.Output(TensorType_FLOAT32, {2, 3, 1});
  ExpectRunError(c, "axis -4 is out of range for rank 3");

  OpCase dyn("dynamic_range", tflite::BuiltinOperator_EXPAND_DIMS);
  dyn.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  dyn.Input<int32_t>(TensorType_INT32, {}, {3});
  dyn.Output(TensorType_FLOAT32, {2, 3, 1});
  ExpectRunError(dyn, "axis 3 is out of range for rank 3");

  OpCase type("axis_type", tflite::BuiltinOperator_EXPAND_DIMS);
  type.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  type.ConstInput<float>(TensorType_FLOAT32, {}, {0});
  type.Output(TensorType_FLOAT32, {1, 2, 3});
  ExpectRunError(type, "the axis is FLOAT32");
}

TEST(ExpandDims, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    int axis;
    bool constant;
    Shape out;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {3, 4}, 0, true, {1, 3, 4}},      {TensorType_FLOAT32, {3, 4}, 2, true, {3, 4, 1}},
      {TensorType_FLOAT32, {3, 4}, -2, false, {3, 1, 4}},    {tflite::TensorType_INT8, {5}, -1, true, {5, 1}},
      {tflite::TensorType_UINT8, {2, 2, 2}, 1, true, {2, 1, 2, 2}}, {tflite::TensorType_INT64, {}, 0, true, {1}},
      {TensorType_INT32, {2, 7}, -3, false, {1, 2, 7}},       {tflite::TensorType_BOOL, {6}, 0, true, {1, 6}},
      {tflite::TensorType_INT16, {2, 3}, 1, true, {2, 1, 3}},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("expand_dims_" + std::to_string(batch.size()), tflite::BuiltinOperator_EXPAND_DIMS);
    RandomInput(c, k.type, k.in, seed++);
    if (k.constant) c.ConstInput<int32_t>(TensorType_INT32, {1}, {k.axis});
    else c.Input<int32_t>(TensorType_INT32, {1}, {k.axis});
    c.Output(k.type, k.out);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
