#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(Transpose, PermutesDimensions) {
  OpCase c("2d", tflite::BuiltinOperator_TRANSPOSE);
  c.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  c.ConstInput<int32_t>(TensorType_INT32, {2}, {1, 0});
  c.Output(TensorType_FLOAT32, {3, 2});
  EXPECT_EQ(RunValues<float>(c), (std::vector<float>{0, 3, 1, 4, 2, 5}));

  // 6-D (beyond what the TFLite oracle build supports): reversing [1, 1, 1, 1, 2, 3].
  OpCase six("6d", tflite::BuiltinOperator_TRANSPOSE);
  six.Input<float>(TensorType_FLOAT32, {1, 1, 1, 1, 2, 3}, Iota<float>(6));
  six.ConstInput<int32_t>(TensorType_INT32, {6}, {5, 4, 3, 2, 1, 0});
  six.Output(TensorType_FLOAT32, {3, 2, 1, 1, 1, 1});
  EXPECT_EQ(RunShape(six), (Shape{3, 2, 1, 1, 1, 1}));
  EXPECT_EQ(RunValues<float>(six), (std::vector<float>{0, 3, 1, 4, 2, 5}));
}

TEST(Transpose, RejectsWhatIsNotAPermutation) {
  OpCase dup("duplicate", tflite::BuiltinOperator_TRANSPOSE);
  dup.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  dup.ConstInput<int32_t>(TensorType_INT32, {2}, {0, 0});
  dup.Output(TensorType_FLOAT32, {2, 2});
  ExpectRunError(dup, "the permutation has entry 0 at 1; a permutation of 0..2 - 1 expected");

  OpCase len("length", tflite::BuiltinOperator_TRANSPOSE);
  len.Input<float>(TensorType_FLOAT32, {2, 3}, Iota<float>(6));
  len.ConstInput<int32_t>(TensorType_INT32, {3}, {0, 1, 2});
  len.Output(TensorType_FLOAT32, {2, 3});
  ExpectRunError(len, "the permutation has shape [3]; one entry per input dimension (2) expected");
}

TEST(Transpose, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    Shape in;
    std::vector<int32_t> perm;
    bool constant;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {3, 5}, {1, 0}, true},
      {TensorType_FLOAT32, {2, 3, 4}, {2, 0, 1}, true},
      {TensorType_FLOAT32, {2, 3, 4, 5}, {0, 3, 1, 2}, true},
      {TensorType_FLOAT32, {2, 3, 1, 4, 2}, {4, 2, 0, 3, 1}, false},
      {TensorType_INT32, {3, 2, 2}, {1, 2, 0}, true},
      {tflite::TensorType_INT64, {4, 3}, {1, 0}, true},
      {tflite::TensorType_INT8, {2, 5, 3}, {2, 1, 0}, true},
      {tflite::TensorType_UINT8, {3, 3, 2}, {0, 2, 1}, true},
      {tflite::TensorType_INT16, {2, 4}, {1, 0}, true},
      {tflite::TensorType_BOOL, {3, 2, 2}, {2, 1, 0}, true},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("transpose_" + std::to_string(batch.size()), tflite::BuiltinOperator_TRANSPOSE);
    RandomInput(c, k.type, k.in, seed++);
    const Shape pshape{static_cast<int32_t>(k.perm.size())};
    if (k.constant) c.ConstInput<int32_t>(TensorType_INT32, pshape, k.perm);
    else c.Input<int32_t>(TensorType_INT32, pshape, k.perm);
    Shape out;
    for (int32_t p : k.perm) out.push_back(k.in[static_cast<size_t>(p)]);
    c.Output(k.type, out);
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
