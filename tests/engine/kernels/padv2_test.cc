#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(PadV2, PadsWithTheGivenValue) {
  OpCase c("value", tflite::BuiltinOperator_PADV2);
  c.Input<float>(TensorType_FLOAT32, {1, 2}, {1, 2});
  c.ConstInput<int32_t>(TensorType_INT32, {2, 2}, {0, 1, 1, 0});
  c.ConstInput<float>(TensorType_FLOAT32, {}, {9});
  c.Output(TensorType_FLOAT32, {2, 3});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{9, 1, 2, 9, 9, 9}));
}

TEST(PadV2, RejectsAValueOfAnotherType) {
  OpCase c("type", tflite::BuiltinOperator_PADV2);
  c.Input<float>(TensorType_FLOAT32, {1, 2}, {1, 2});
  c.ConstInput<int32_t>(TensorType_INT32, {2, 2}, {0, 1, 1, 0});
  c.ConstInput<int32_t>(TensorType_INT32, {}, {9});
  c.Output(TensorType_FLOAT32, {2, 3});
  ExpectRunError(c, "the pad value is INT32 []; one value of the input type expected");
}

TEST(PadV2, MatchesTfliteOnRandomCases) {
  CaseBatch b;
  const auto op = tflite::BuiltinOperator_PADV2;
  AddPadCase(b, op, TensorType_FLOAT32, {2, 3}, {1, 2, 0, 3}, true, 1);
  AddPadCase(b, op, TensorType_FLOAT32, {1, 4, 5, 3}, {0, 0, 1, 1, 2, 0, 1, 1}, false, 2);
  AddPadCase(b, op, TensorType_INT32, {2, 2, 2}, {1, 1, 0, 1, 1, 0}, true, 3);
  AddPadCase(b, op, tflite::TensorType_INT64, {3}, {1, 2}, true, 4);
  AddPadCase(b, op, tflite::TensorType_INT8, {2, 3}, {0, 1, 1, 0}, true, 5);
  AddPadCase(b, op, tflite::TensorType_UINT8, {1, 3, 3, 1}, {0, 0, 2, 1, 1, 2, 0, 0}, true, 6);
  b.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
