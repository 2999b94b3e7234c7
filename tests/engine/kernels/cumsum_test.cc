#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

tflite::BuiltinOptionsUnion Flags(bool exclusive, bool reverse) {
  tflite::CumsumOptionsT o;
  o.exclusive = exclusive;
  o.reverse = reverse;
  return Options(o);
}

std::vector<float> Cumsum(bool exclusive, bool reverse) {
  OpCase c("cumsum", tflite::BuiltinOperator_CUMSUM, Flags(exclusive, reverse));
  c.Input<float>(TensorType_FLOAT32, {4}, {1, 2, 3, 4});
  c.ConstInput<int32_t>(TensorType_INT32, {}, {0});
  c.Output(TensorType_FLOAT32, {4});
  return RunValues<float>(c);
}

TEST(Cumsum, RunningSumsInEveryMode) {
  EXPECT_EQ(Cumsum(false, false), (std::vector<float>{1, 3, 6, 10}));
  EXPECT_EQ(Cumsum(true, false), (std::vector<float>{0, 1, 3, 6}));
  EXPECT_EQ(Cumsum(false, true), (std::vector<float>{10, 9, 7, 4}));
  EXPECT_EQ(Cumsum(true, true), (std::vector<float>{9, 7, 4, 0}));
}

TEST(Cumsum, RejectsBadAxesAndTypes) {
  OpCase axis("axis", tflite::BuiltinOperator_CUMSUM, Flags(false, false));
  axis.Input<float>(TensorType_FLOAT32, {2, 2}, Iota<float>(4));
  axis.Input<int32_t>(TensorType_INT32, {}, {-3});
  axis.Output(TensorType_FLOAT32, {2, 2});
  ExpectRunError(axis, "axis -3 is out of range for rank 2");

  OpCase type("type", tflite::BuiltinOperator_CUMSUM, Flags(false, false));
  type.Input<int8_t>(tflite::TensorType_INT8, {2}, {1, 2});
  type.ConstInput<int32_t>(TensorType_INT32, {}, {0});
  type.Output(tflite::TensorType_INT8, {2});
  ExpectRunError(type, "the input is INT8; supported: FLOAT32, INT32, INT64");
}

TEST(Cumsum, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    int axis;
    bool exclusive, reverse;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {3, 5}, 1, false, false},   {TensorType_FLOAT32, {3, 5}, 0, true, false},
      {TensorType_FLOAT32, {2, 4, 3}, -1, false, true}, {TensorType_FLOAT32, {2, 4, 3}, 1, true, true},
      {TensorType_FLOAT32, {100}, 0, false, false},    {TensorType_INT32, {4, 6}, -2, false, true},
      {tflite::TensorType_INT64, {3, 3, 2}, 2, true, false},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("cumsum_" + std::to_string(batch.size()), tflite::BuiltinOperator_CUMSUM, Flags(k.exclusive, k.reverse));
    RandomInput(c, k.type, k.in, seed++);
    c.ConstInput<int32_t>(TensorType_INT32, {}, {k.axis});
    c.Output(k.type, k.in);
  }
  batch.ExpectMatchesTflite(1e-5);
}

}  // namespace
}  // namespace litescope
