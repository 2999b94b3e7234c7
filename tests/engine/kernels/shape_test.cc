#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;

tflite::BuiltinOptionsUnion OutType(tflite::TensorType type) {
  tflite::ShapeOptionsT o;
  o.out_type = type;
  return Options(o);
}

TEST(Shape, GivesTheDimensions) {
  OpCase c("int32", tflite::BuiltinOperator_SHAPE, OutType(tflite::TensorType_INT32));
  c.Input<float>(TensorType_FLOAT32, {2, 3, 1}, Iota<float>(6));
  c.Output(tflite::TensorType_INT32, {3});
  EXPECT_EQ(RunValues<int32_t>(c), (std::vector<int32_t>{2, 3, 1}));

  OpCase l("int64", tflite::BuiltinOperator_SHAPE, OutType(tflite::TensorType_INT64));
  l.Input<int8_t>(tflite::TensorType_INT8, {4}, {1, 2, 3, 4});
  l.Output(tflite::TensorType_INT64, {1});
  EXPECT_EQ(RunValues<int64_t>(l), (std::vector<int64_t>{4}));
}

TEST(Shape, RejectsOtherOutputTypes) {
  OpCase c("float", tflite::BuiltinOperator_SHAPE, OutType(TensorType_FLOAT32));
  c.Input<float>(TensorType_FLOAT32, {2}, {1, 2});
  c.Output(TensorType_FLOAT32, {1});
  ExpectRunError(c, "out_type is FLOAT32; INT32 or INT64 expected");

  OpCase m("mismatch", tflite::BuiltinOperator_SHAPE, OutType(tflite::TensorType_INT64));
  m.Input<float>(TensorType_FLOAT32, {2}, {1, 2});
  m.Output(tflite::TensorType_INT32, {1});
  ExpectRunError(m, "output 0 is INT32; INT64 expected");
}

TEST(Shape, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType in, out;
    Shape shape;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, tflite::TensorType_INT32, {1, 224, 224, 3}}, {TensorType_FLOAT32, tflite::TensorType_INT64, {5, 2}},
      {tflite::TensorType_INT32, tflite::TensorType_INT32, {7}},        {tflite::TensorType_UINT8, tflite::TensorType_INT32, {}},
      {tflite::TensorType_BOOL, tflite::TensorType_INT64, {2, 1, 3, 1, 2}},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("shape_" + std::to_string(batch.size()), tflite::BuiltinOperator_SHAPE, OutType(k.out));
    RandomInput(c, k.in, k.shape, seed++);
    c.Output(k.out, {static_cast<int32_t>(k.shape.size())});
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
