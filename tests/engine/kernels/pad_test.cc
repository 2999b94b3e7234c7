#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(Pad, SurroundsWithZerosOrTheZeroPoint) {
  OpCase c("2d", tflite::BuiltinOperator_PAD);
  c.Input<float>(TensorType_FLOAT32, {2, 2}, {1, 2, 3, 4});
  c.ConstInput<int32_t>(TensorType_INT32, {2, 2}, {1, 0, 0, 2});
  c.Output(TensorType_FLOAT32, {3, 4});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0}));

  OpCase q("zero_point", tflite::BuiltinOperator_PAD);
  q.Input<int8_t>(tflite::TensorType_INT8, {2}, {5, 6}, QuantParams{{0.5f}, {-3}});
  q.ConstInput<int64_t>(tflite::TensorType_INT64, {1, 2}, {1, 1});
  q.Output(tflite::TensorType_INT8, {4}, QuantParams{{0.5f}, {-3}});
  EXPECT_EQ(RunValues<int8_t>(q), (std::vector<int8_t>{-3, 5, 6, -3}));
}

TEST(Pad, RejectsBadPaddings) {
  OpCase neg("negative", tflite::BuiltinOperator_PAD);
  neg.Input<float>(TensorType_FLOAT32, {2, 2}, {1, 2, 3, 4});
  neg.Input<int32_t>(TensorType_INT32, {2, 2}, {1, 0, -1, 2});
  neg.Output(TensorType_FLOAT32, {3, 4});
  ExpectRunError(neg, "the paddings of dimension 1 are -1, 2; they must be >= 0");

  OpCase shape("shape", tflite::BuiltinOperator_PAD);
  shape.Input<float>(TensorType_FLOAT32, {2, 2}, {1, 2, 3, 4});
  shape.ConstInput<int32_t>(TensorType_INT32, {3, 2}, {1, 0, 1, 2, 0, 0});
  shape.Output(TensorType_FLOAT32, {3, 4});
  ExpectRunError(shape, "the paddings have shape [3, 2]; [2, 2] expected");
}

TEST(Pad, MatchesTfliteOnRandomCases) {
  CaseBatch b;
  const auto op = tflite::BuiltinOperator_PAD;
  AddPadCase(b, op, TensorType_FLOAT32, {2, 3}, {1, 2, 0, 3}, true, 1);
  AddPadCase(b, op, TensorType_FLOAT32, {1, 4, 5, 3}, {0, 0, 1, 1, 2, 0, 0, 0}, true, 2);
  AddPadCase(b, op, TensorType_FLOAT32, {2, 1, 3, 2, 2}, {1, 0, 0, 1, 2, 2, 0, 0, 1, 0}, true, 3);
  AddPadCase(b, op, TensorType_FLOAT32, {3}, {0, 4}, false, 4);
  AddPadCase(b, op, TensorType_INT32, {2, 2, 2}, {1, 1, 1, 1, 1, 1}, true, 5);
  AddPadCase(b, op, tflite::TensorType_INT64, {4}, {2, 0}, true, 6);
  AddPadCase(b, op, tflite::TensorType_INT8, {2, 3}, {0, 1, 1, 0}, true, 7);
  AddPadCase(b, op, tflite::TensorType_UINT8, {1, 3, 3, 1}, {0, 0, 2, 1, 1, 2, 0, 0}, false, 8);
  b.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
