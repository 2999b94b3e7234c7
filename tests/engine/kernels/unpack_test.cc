#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;

tflite::BuiltinOptionsUnion UnpackOpts(int num, int axis) {
  tflite::UnpackOptionsT o;
  o.num = num;
  o.axis = axis;
  return Options(o);
}

TEST(Unpack, CutsAlongTheAxis) {
  OpCase c("axis_last", tflite::BuiltinOperator_UNPACK, UnpackOpts(3, -1));
  c.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  for (int i = 0; i < 3; ++i) c.Output(TensorType_FLOAT32, {2});
  EXPECT_EQ(RunValues<float>(c, 0), (std::vector<float>{0, 3}));
  EXPECT_EQ(RunValues<float>(c, 2), (std::vector<float>{2, 5}));
}

TEST(Unpack, RejectsAWrongNum) {
  OpCase c("num", tflite::BuiltinOperator_UNPACK, UnpackOpts(2, 1));
  c.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  for (int i = 0; i < 2; ++i) c.Output(TensorType_FLOAT32, {2});
  ExpectRunError(c, "num 2 and the 2 outputs must equal dimension 1 of [2, 3]");
}

TEST(Unpack, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    int axis;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {3, 4}, 0},      {TensorType_FLOAT32, {3, 4}, 1},
      {TensorType_FLOAT32, {2, 3, 5}, -2},  {TensorType_FLOAT32, {4}, 0},
      {tflite::TensorType_INT32, {2, 2, 3}, 2}, {tflite::TensorType_INT8, {3, 2}, -1},
      {tflite::TensorType_UINT8, {2, 5}, 0}, {tflite::TensorType_INT16, {1, 3}, 1},
      {tflite::TensorType_BOOL, {3, 1}, 0},  // INT64: refused by the oracle's TFLite build
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    const int axis = k.axis < 0 ? k.axis + static_cast<int>(k.in.size()) : k.axis;
    const int num = k.in[static_cast<size_t>(axis)];
    OpCase& c = batch.Add("unpack_" + std::to_string(batch.size()), tflite::BuiltinOperator_UNPACK, UnpackOpts(num, k.axis));
    RandomInput(c, k.type, k.in, seed++);
    Shape out = k.in;
    out.erase(out.begin() + axis);
    for (int i = 0; i < num; ++i) c.Output(k.type, out);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
