#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(Slice, CutsABoxWithSizeMinusOneToTheEnd) {
  OpCase c("box", tflite::BuiltinOperator_SLICE);
  c.Input<float>(TensorType_FLOAT32, {3, 3}, Iota<float>(9));
  c.ConstInput<int32_t>(TensorType_INT32, {2}, {1, 1});
  c.ConstInput<int32_t>(TensorType_INT32, {2}, {-1, 1});
  c.Output(TensorType_FLOAT32, {2, 1});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{4, 7}));
}

TEST(Slice, RejectsBoxesOutsideTheInput) {
  OpCase c("outside", tflite::BuiltinOperator_SLICE);
  c.Input<float>(TensorType_FLOAT32, {3, 3}, Iota<float>(9));
  c.Input<int32_t>(TensorType_INT32, {2}, {1, 2});
  c.Input<int32_t>(TensorType_INT32, {2}, {1, 2});
  c.Output(TensorType_FLOAT32, {1, 2});
  ExpectRunError(c, "begin 2 and size 2 leave dimension 1 of [3, 3]");
}

TEST(Slice, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    std::vector<int32_t> begin, size;
    bool constant, int64;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {4, 5}, {1, 2}, {2, -1}, true, false},
      {TensorType_FLOAT32, {2, 3, 4}, {0, 1, 1}, {2, 1, 3}, true, true},
      {TensorType_FLOAT32, {2, 3, 4, 5}, {1, 0, 2, 1}, {1, -1, 2, 3}, false, false},
      {TensorType_FLOAT32, {2, 2, 3, 2, 3}, {0, 1, 0, 1, 1}, {2, 1, -1, 1, 2}, true, false},
      {TensorType_INT32, {6}, {2}, {3}, true, false},
      {tflite::TensorType_INT64, {3, 3}, {0, 0}, {3, 3}, true, false},
      {tflite::TensorType_INT8, {4, 4}, {3, 0}, {1, 4}, true, false},
      {tflite::TensorType_UINT8, {2, 5}, {1, 1}, {-1, 3}, false, true},
      {tflite::TensorType_INT16, {5, 2}, {2, 1}, {3, 1}, true, false},
      {tflite::TensorType_BOOL, {3, 4}, {1, 1}, {2, 2}, true, false},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("slice_" + std::to_string(batch.size()), tflite::BuiltinOperator_SLICE);
    RandomInput(c, k.type, k.in, seed++);
    const Shape vshape{static_cast<int32_t>(k.in.size())};
    for (const std::vector<int32_t>* v : {&k.begin, &k.size}) {
      if (k.int64) {
        std::vector<int64_t> w(v->begin(), v->end());
        c.ConstInput<int64_t>(tflite::TensorType_INT64, vshape, w);  // the oracle cannot feed INT64 inputs
      } else if (k.constant) {
        c.ConstInput<int32_t>(TensorType_INT32, vshape, *v);
      } else {
        c.Input<int32_t>(TensorType_INT32, vshape, *v);
      }
    }
    Shape out;
    for (size_t d = 0; d < k.in.size(); ++d) out.push_back(k.size[d] == -1 ? k.in[d] - k.begin[d] : k.size[d]);
    c.Output(k.type, out);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
