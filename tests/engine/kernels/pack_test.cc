#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;

tflite::BuiltinOptionsUnion PackOpts(int count, int axis) {
  tflite::PackOptionsT o;
  o.values_count = count;
  o.axis = axis;
  return Options(o);
}

TEST(Pack, StacksAlongANewAxis) {
  OpCase c("axis1", tflite::BuiltinOperator_PACK, PackOpts(2, 1));
  c.Input<float>(TensorType_FLOAT32, {2}, {1, 2});
  c.Input<float>(TensorType_FLOAT32, {2}, {3, 4});
  c.Output(TensorType_FLOAT32, {2, 2});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{1, 3, 2, 4}));
}

TEST(Pack, RejectsBadInputs) {
  OpCase shape("shape", tflite::BuiltinOperator_PACK, PackOpts(2, 0));
  shape.Input<float>(TensorType_FLOAT32, {2}, {1, 2});
  shape.Input<float>(TensorType_FLOAT32, {3}, {3, 4, 5});
  shape.Output(TensorType_FLOAT32, {2, 2});
  ExpectRunError(shape, "input 1 is FLOAT32 [3], input 0 is FLOAT32 [2]");

  OpCase count("count", tflite::BuiltinOperator_PACK, PackOpts(3, 0));
  count.Input<float>(TensorType_FLOAT32, {2}, {1, 2});
  count.Output(TensorType_FLOAT32, {1, 2});
  ExpectRunError(count, "values_count 3 does not match the 1 inputs");

  OpCase axis("axis", tflite::BuiltinOperator_PACK, PackOpts(1, 2));
  axis.Input<float>(TensorType_FLOAT32, {2}, {1, 2});
  axis.Output(TensorType_FLOAT32, {1, 2});
  ExpectRunError(axis, "axis 2 is out of range for rank 2");
}

TEST(Pack, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    int count, axis;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {3, 4}, 3, 0},  {TensorType_FLOAT32, {3, 4}, 2, 1},
      {TensorType_FLOAT32, {3, 4}, 4, 2},  {TensorType_FLOAT32, {2, 3, 5}, 2, -1},
      {TensorType_FLOAT32, {}, 5, 0},      {tflite::TensorType_INT32, {2, 3}, 3, -2},
      {tflite::TensorType_INT64, {4}, 2, 1}, {tflite::TensorType_INT8, {2, 2}, 3, 1},
      {tflite::TensorType_UINT8, {5}, 2, 0}, {tflite::TensorType_INT16, {3, 2}, 2, 2},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("pack_" + std::to_string(batch.size()), tflite::BuiltinOperator_PACK, PackOpts(k.count, k.axis));
    const bool quantized = k.type == tflite::TensorType_INT8 || k.type == tflite::TensorType_UINT8 ||
                           k.type == tflite::TensorType_INT16;
    const QuantParams q = quantized ? QuantParams{{0.5f}, {0}} : QuantParams{};
    for (int i = 0; i < k.count; ++i) RandomInput(c, k.type, k.in, seed++, false, q);
    Shape out = k.in;
    const int axis = k.axis < 0 ? k.axis + static_cast<int>(k.in.size()) + 1 : k.axis;
    out.insert(out.begin() + axis, k.count);
    c.Output(k.type, out, q);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
