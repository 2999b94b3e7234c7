#include <gtest/gtest.h>

#include <limits>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;
using tflite::TensorType_INT64;
constexpr auto kOp = tflite::BuiltinOperator_SUB;

TEST(Sub, HandComputed) {
  auto c = BinaryCase<float>("sub", kOp, TensorType_FLOAT32, {3}, Floats{1, 2, 3}, {}, Floats{0.5f}, TensorType_FLOAT32,
                             {3});
  EXPECT_EQ(RunValues<float>(*c), (Floats{0.5f, 1.5f, 2.5f}));
  auto relu = BinaryCase<int32_t>("relu", kOp, TensorType_INT32, {3}, Ints{1, 5, std::numeric_limits<int32_t>::min()},
                                  {3}, Ints{4, 2, 1}, TensorType_INT32, {3},
                                  WithActivation<tflite::SubOptionsT>(tflite::ActivationFunctionType_RELU)());
  // lowest - 1 wraps to max, which RELU keeps.
  EXPECT_EQ(RunValues<int32_t>(*relu), (Ints{0, 3, std::numeric_limits<int32_t>::max()}));
  auto i64 = BinaryCase<int64_t>("int64", kOp, TensorType_INT64, {2}, Int64s{10, -10}, {2}, Int64s{3, 3},
                                 TensorType_INT64, {2});
  EXPECT_EQ(RunValues<int64_t>(*i64), (Int64s{7, -13}));
}

TEST(Sub, PrepareErrors) {
  auto c = BinaryCase<uint8_t>("bool", kOp, tflite::TensorType_BOOL, {1}, Bools{1}, {1}, Bools{0},
                               tflite::TensorType_BOOL, {1});
  ExpectError(*c, "input 0 is BOOL; supported: FLOAT32, INT32, INT64");
}

TEST(Sub, MatchesTfliteOnRandomCases) {
  std::vector<RandomBinary> specs;
  for (auto act : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                   tflite::ActivationFunctionType_RELU6, tflite::ActivationFunctionType_RELU_N1_TO_1}) {
    specs.push_back({kOp, TensorType_FLOAT32, TensorType_FLOAT32, WithActivation<tflite::SubOptionsT>(act)});
    specs.back().rank5 = true;  // TFLite broadcasts this type past rank 4
    specs.push_back({kOp, TensorType_INT32, TensorType_INT32, WithActivation<tflite::SubOptionsT>(act), -9, 9});
    specs.back().rank5 = true;  // TFLite broadcasts this type past rank 4
  }
  ExpectRandomMatchTflite(specs);
}

}  // namespace
}  // namespace litescope
