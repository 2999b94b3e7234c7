#include <gtest/gtest.h>

#include "tests/engine/kernels/data_movement_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(Fill, RepeatsTheValue) {
  OpCase c("2x3", tflite::BuiltinOperator_FILL);
  c.ConstInput<int32_t>(TensorType_INT32, {2}, {2, 3});
  c.Input<float>(TensorType_FLOAT32, {}, {1.5f});
  c.Output(TensorType_FLOAT32, {2, 3});
  EXPECT_EQ(RunValues<float>(c), std::vector<float>(6, 1.5f));

  OpCase dyn("dynamic", tflite::BuiltinOperator_FILL);
  dyn.Input<int64_t>(tflite::TensorType_INT64, {1}, {4});
  dyn.Input<int32_t>(TensorType_INT32, {}, {-7});
  dyn.Output(TensorType_INT32, {4});
  EXPECT_EQ(RunValues<int32_t>(dyn), std::vector<int32_t>(4, -7));
}

TEST(Fill, RejectsNegativeDimensionsAndNonScalarValues) {
  OpCase neg("negative", tflite::BuiltinOperator_FILL);
  neg.Input<int32_t>(TensorType_INT32, {2}, {2, -3});
  neg.Input<float>(TensorType_FLOAT32, {}, {1});
  neg.Output(TensorType_FLOAT32, {2, 3});
  ExpectRunError(neg, "dimension 1 would be -3");

  OpCase vec("vector", tflite::BuiltinOperator_FILL);
  vec.ConstInput<int32_t>(TensorType_INT32, {1}, {2});
  vec.Input<float>(TensorType_FLOAT32, {1}, {1});
  vec.Output(TensorType_FLOAT32, {2});
  ExpectRunError(vec, "the value must be a scalar, not [1]");
}

TEST(Fill, MatchesTfliteOnRandomCases) {
  struct Case {
    tflite::TensorType type;
    std::vector<int32_t> dims;
    bool constant;
  };
  const Case cases[] = {
      {TensorType_FLOAT32, {3, 4}, true},      {TensorType_FLOAT32, {2, 1, 3}, false},
      {TensorType_FLOAT32, {}, true},          {TensorType_INT32, {5}, true},
      {tflite::TensorType_INT64, {2, 2}, false}, {tflite::TensorType_BOOL, {3, 2}, true},
  };
  CaseBatch batch;
  uint32_t seed = 1;
  for (const Case& k : cases) {
    OpCase& c = batch.Add("fill_" + std::to_string(batch.size()), tflite::BuiltinOperator_FILL);
    const Shape n{static_cast<int32_t>(k.dims.size())};
    if (k.constant) c.ConstInput<int32_t>(TensorType_INT32, n, k.dims);
    else c.Input<int32_t>(TensorType_INT32, n, k.dims);
    RandomInput(c, k.type, {}, seed++);
    c.Output(k.type, Shape(k.dims.begin(), k.dims.end()));
  }
  batch.ExpectMatchesTflite();
}

}  // namespace
}  // namespace litescope
