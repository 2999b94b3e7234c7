#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;

TEST(ZerosLike, GivesZerosOfTheInputShape) {
  OpCase c("2x2", tflite::BuiltinOperator_ZEROS_LIKE);
  c.Input<float>(TensorType_FLOAT32, {2, 2}, {1, -2, 3, 4});
  c.Output(TensorType_FLOAT32, {2, 2});
  EXPECT_EQ(RunValues<float>(c), std::vector<float>(4, 0.0f));
}

TEST(ZerosLike, RejectsUnsupportedTypes) {
  OpCase c("int8", tflite::BuiltinOperator_ZEROS_LIKE);
  c.Input<int8_t>(tflite::TensorType_INT8, {2}, {1, 2});
  c.Output(tflite::TensorType_INT8, {2});
  ExpectRunError(c, "the input is INT8; supported: FLOAT32, INT32, INT64");
}

TEST(ZerosLike, MatchesTfliteOnRandomCases) {
  CaseBatch batch;
  uint32_t seed = 1;
  for (const auto& [type, shape] : std::vector<std::pair<tflite::TensorType, Shape>>{
           {TensorType_FLOAT32, {3, 4}}, {TensorType_FLOAT32, {}}, {tflite::TensorType_INT32, {2, 1, 5}},
           {tflite::TensorType_INT64, {7}}}) {
    OpCase& c = batch.Add("zeros_like_" + std::to_string(batch.size()), tflite::BuiltinOperator_ZEROS_LIKE);
    RandomInput(c, type, shape, seed++);
    c.Output(type, shape);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
