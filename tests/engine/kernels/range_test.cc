#include <gtest/gtest.h>

#include <cmath>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

template <typename T>
OpCase& AddRange(CaseBatch& batch, tflite::TensorType type, T start, T limit, T delta, bool constant, Shape out) {
  OpCase& c = batch.Add("range_" + std::to_string(batch.size()), tflite::BuiltinOperator_RANGE);
  for (T v : {start, limit, delta}) {
    if (constant) c.ConstInput<T>(type, {}, {v});
    else c.Input<T>(type, {}, {v});
  }
  c.Output(type, std::move(out));
  return c;
}

TEST(Range, CountsFromStartTowardsLimit) {
  CaseBatch b;
  EXPECT_EQ(RunValues<int32_t>(AddRange<int32_t>(b, TensorType_INT32, 3, 18, 3, true, {5})),
            (std::vector<int32_t>{3, 6, 9, 12, 15}));
  EXPECT_EQ(RunValues<int32_t>(AddRange<int32_t>(b, TensorType_INT32, 10, 4, -2, false, {3})),
            (std::vector<int32_t>{10, 8, 6}));
  EXPECT_EQ(RunValues<float>(AddRange<float>(b, TensorType_FLOAT32, 0, 1, 0.25f, true, {4})),
            (std::vector<float>{0, 0.25f, 0.5f, 0.75f}));
  EXPECT_EQ(RunShape(AddRange<int32_t>(b, TensorType_INT32, 5, 5, 1, false, {0})), (Shape{0}));
}

TEST(Range, RejectsZeroDeltaAndTheWrongDirection) {
  CaseBatch b;
  ExpectRunError(AddRange<int32_t>(b, TensorType_INT32, 0, 5, 0, true, {0}), "delta must not be 0");
  ExpectRunError(AddRange<float>(b, TensorType_FLOAT32, 0, 5, -1, false, {0}), "moves away from limit");
}

TEST(Range, MatchesTfliteOnRandomCases) {
  CaseBatch b;
  AddRange<int32_t>(b, TensorType_INT32, 0, 10, 1, true, {10});
  AddRange<int32_t>(b, TensorType_INT32, -7, 20, 4, false, {7});
  AddRange<int32_t>(b, TensorType_INT32, 15, -4, -3, true, {7});
  AddRange<int32_t>(b, TensorType_INT32, 2, 3, 100, false, {1});
  // Float lengths: ceil(|limit - start| / |delta|) worked out by hand.
  AddRange<float>(b, TensorType_FLOAT32, 0.1f, 2.3f, 0.3f, true, {8});
  AddRange<float>(b, TensorType_FLOAT32, -1.0f, 1.0f, 0.1f, false, {20});
  AddRange<float>(b, TensorType_FLOAT32, 5.5f, -2.0f, -0.7f, false, {11});
  AddRange<float>(b, TensorType_FLOAT32, 0.0f, 100.0f, 0.37f, true, {271});
  b.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
