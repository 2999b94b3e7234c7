#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

struct Spec {
  std::vector<int32_t> begin, end, strides;
  int begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_axis_mask = 0;
  bool offset = false;
};

OpCase& AddSlice(CaseBatch& batch, tflite::TensorType type, const Shape& in, const Spec& s, const Shape& out,
                 bool constant = true, uint32_t seed = 1) {
  tflite::StridedSliceOptionsT o;
  o.begin_mask = s.begin_mask;
  o.end_mask = s.end_mask;
  o.ellipsis_mask = s.ellipsis_mask;
  o.new_axis_mask = s.new_axis_mask;
  o.shrink_axis_mask = s.shrink_axis_mask;
  o.offset = s.offset;
  OpCase& c = batch.Add("strided_slice_" + std::to_string(batch.size()), tflite::BuiltinOperator_STRIDED_SLICE, Options(o));
  if (type == TensorType_FLOAT32 && seed == 0) c.Input<float>(type, in, Iota<float>(Count(in)));
  else RandomInput(c, type, in, seed);
  const Shape n{static_cast<int32_t>(s.begin.size())};
  for (const std::vector<int32_t>* v : {&s.begin, &s.end, &s.strides}) {
    if (constant) c.ConstInput<int32_t>(TensorType_INT32, n, *v);
    else c.Input<int32_t>(TensorType_INT32, n, *v);
  }
  c.Output(type, out);
  return c;
}

TEST(StridedSlice, HandComputedMasks) {
  CaseBatch b;
  // x = iota [3, 4]; x[:, 3:0:-2]
  OpCase& neg = AddSlice(b, TensorType_FLOAT32, {3, 4}, {{0, 3}, {0, 0}, {1, -2}, 1, 1}, {3, 2}, true, 0);
  EXPECT_EQ(RunValues<float>(neg), (std::vector<float>{3, 1, 7, 5, 11, 9}));
  // x[1] (shrink)
  OpCase& shrink = AddSlice(b, TensorType_FLOAT32, {3, 4}, {{1, 0}, {2, 4}, {1, 1}, 0, 0, 0, 0, 1}, {4}, true, 0);
  EXPECT_EQ(RunValues<float>(shrink), (std::vector<float>{4, 5, 6, 7}));
  // x = iota [2, 3, 4]; x[..., 1:3:2]
  OpCase& ell = AddSlice(b, TensorType_FLOAT32, {2, 3, 4}, {{0, 1}, {0, 3}, {1, 2}, 0, 0, 1}, {2, 3, 1}, true, 0);
  EXPECT_EQ(RunShape(ell), (Shape{2, 3, 1}));
  EXPECT_EQ(RunValues<float>(ell), (std::vector<float>{1, 5, 9, 13, 17, 21}));
  // x = iota [2, 3]; x[:, None, :]
  OpCase& axis = AddSlice(b, TensorType_FLOAT32, {2, 3}, {{0, 0, 0}, {0, 0, 0}, {1, 1, 1}, 5, 5, 0, 2}, {2, 1, 3}, true, 0);
  EXPECT_EQ(RunShape(axis), (Shape{2, 1, 3}));
  EXPECT_EQ(RunValues<float>(axis), Iota<float>(6));
  // offset: end is a size: x = iota [5]; begin 1, size 3
  OpCase& off = AddSlice(b, TensorType_FLOAT32, {5}, {{1}, {3}, {1}, 0, 0, 0, 0, 0, true}, {3}, true, 0);
  EXPECT_EQ(RunValues<float>(off), (std::vector<float>{1, 2, 3}));
}

TEST(StridedSlice, RejectsZeroStridesAndShrinkingPastTheEnd) {
  CaseBatch b;
  ExpectRunError(AddSlice(b, TensorType_FLOAT32, {4}, {{0}, {4}, {0}}, {4}),
                 "the stride of slice spec 0 is 0; strides must be non-zero");
  ExpectRunError(AddSlice(b, TensorType_FLOAT32, {3, 4}, {{3, 0}, {4, 4}, {1, 1}, 0, 0, 0, 0, 1}, {4}, false),
                 "shrink_axis index 3 is out of range for dimension 0 of size 3");
  ExpectRunError(AddSlice(b, TensorType_FLOAT32, {5}, {{3}, {4}, {1}, 0, 0, 0, 0, 0, true}, {2}),
                 "with offset, begin 3 and size 4 leave dimension 0 of size 5");
}

TEST(StridedSlice, MatchesTfliteOnRandomCases) {
  CaseBatch b;
  uint32_t seed = 1;
  const auto f32 = TensorType_FLOAT32;
  AddSlice(b, f32, {4, 5}, {{1, -4}, {-1, 5}, {1, 2}}, {2, 2}, true, seed++);
  AddSlice(b, f32, {6}, {{5}, {0}, {-2}}, {3}, true, seed++);
  AddSlice(b, f32, {3, 4, 5}, {{0, 0, 0}, {0, 0, 0}, {1, 1, 1}, 7, 7}, {3, 4, 5}, true, seed++);
  AddSlice(b, f32, {3, 4, 5}, {{1, 0, -1}, {2, 4, -6}, {1, 1, -1}, 0, 0, 0, 0, 1}, {4, 5}, true, seed++);
  AddSlice(b, f32, {2, 3, 4, 5}, {{0, 1}, {0, 3}, {1, 1}, 0, 0, 1}, {2, 3, 4, 2}, true, seed++);
  AddSlice(b, f32, {2, 3, 4}, {{1, 0, 2}, {2, 0, 4}, {1, 1, 1}, 0, 0, 2}, {1, 3, 2}, true, seed++);
  AddSlice(b, f32, {3, 4}, {{0, 0, 1}, {0, 0, 3}, {1, 1, 1}, 2, 2, 0, 1}, {1, 3, 2}, true, seed++);
  AddSlice(b, f32, {2, 3, 4}, {{0, 1, 0}, {0, 2, 0}, {1, 1, 1}, 0, 0, 1, 4, 2}, {2, 3, 1}, true, seed++);
  AddSlice(b, f32, {4, 6}, {{1, 1}, {3, 5}, {1, 2}}, {2, 2}, false, seed++);
  AddSlice(b, f32, {2, 1, 3, 2, 4}, {{0, 0, 1, 0, 1}, {2, 1, 3, 2, 4}, {1, 1, 1, 1, 2}}, {2, 1, 2, 2, 2}, true, seed++);
  AddSlice(b, f32, {7}, {{-2}, {-9}, {-3}}, {2}, false, seed++);
  // (The oracle's TFLite build predates the offset option, so offset is checked by hand above.)
  AddSlice(b, TensorType_INT32, {5, 6}, {{-1, 0}, {0, 6}, {-1, 3}}, {4, 2}, true, seed++);
  AddSlice(b, tflite::TensorType_INT8, {4, 4}, {{2, -1}, {3, 0}, {1, 1}, 0, 0, 0, 0, 3}, {}, true, seed++);
  AddSlice(b, tflite::TensorType_UINT8, {3, 5}, {{0, 1}, {3, 100}, {2, 1}}, {2, 4}, true, seed++);
  AddSlice(b, tflite::TensorType_BOOL, {4, 2}, {{1, 0}, {-1, 2}, {1, 1}}, {2, 2}, true, seed++);
  AddSlice(b, tflite::TensorType_INT64, {6, 2}, {{0, 0}, {0, 0}, {-1, 1}, 1, 3}, {6, 2}, true, seed++);
  AddSlice(b, tflite::TensorType_INT16, {3, 3}, {{-5, 1}, {5, -5}, {1, -1}}, {3, 2}, true, seed++);
  b.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
