#include <gtest/gtest.h>

#include <limits>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;
using tflite::TensorType_INT64;
constexpr auto kOp = tflite::BuiltinOperator_ADD;

TEST(Add, HandComputedBroadcast) {
  auto c = BinaryCase<float>("add", kOp, TensorType_FLOAT32, {2, 1}, Floats{1, 2}, {3}, Floats{10, 20, 30},
                             TensorType_FLOAT32, {2, 3});
  EXPECT_EQ(RunValues<float>(*c), (Floats{11, 21, 31, 12, 22, 32}));
}

TEST(Add, Int32WrapsAndClampsWithFusedActivation) {
  const int32_t max = std::numeric_limits<int32_t>::max();
  // RELU6 clamps int32 sums to [0, 6]; with no activation max + 1 wraps to lowest.
  auto relu6 =
      BinaryCase<int32_t>("relu6", kOp, TensorType_INT32, {3}, Ints{-5, 3, 4}, {3}, Ints{1, 2, 4}, TensorType_INT32,
                          {3}, WithActivation<tflite::AddOptionsT>(tflite::ActivationFunctionType_RELU6)());
  EXPECT_EQ(RunValues<int32_t>(*relu6), (Ints{0, 5, 6}));
  auto wrap = BinaryCase<int32_t>("wrap", kOp, TensorType_INT32, {1}, Ints{max}, {}, Ints{1}, TensorType_INT32, {1});
  EXPECT_EQ(RunValues<int32_t>(*wrap), (Ints{std::numeric_limits<int32_t>::min()}));
}

TEST(Add, Int64) {
  auto c = BinaryCase<int64_t>("int64", kOp, TensorType_INT64, {2}, Int64s{int64_t{1} << 40, -9}, {}, Int64s{5},
                               TensorType_INT64, {2},
                               WithActivation<tflite::AddOptionsT>(tflite::ActivationFunctionType_RELU_N1_TO_1)());
  EXPECT_EQ(RunValues<int64_t>(*c), (Int64s{1, -1}));
}

TEST(Add, PrepareErrors) {
  auto types =
      BinaryCase<float>("types", kOp, TensorType_FLOAT32, {2}, Floats{1, 2}, {2}, Floats{1, 2}, TensorType_INT32, {2});
  ExpectError(*types, "the output is INT32; FLOAT32 expected");
  auto shapes = BinaryCase<float>("shapes", kOp, TensorType_FLOAT32, {2, 3}, Floats(6), {2}, Floats(2),
                                  TensorType_FLOAT32, {2, 3});
  ExpectError(*shapes, "input shapes [2, 3] and [2] do not broadcast");
  auto mixed = std::make_unique<OpCase>("mixed", kOp);
  mixed->Input<float>(TensorType_FLOAT32, {1}, {1});
  mixed->Input<int32_t>(TensorType_INT32, {1}, {1});
  mixed->Output(TensorType_FLOAT32, {1});
  ExpectError(*mixed, "the inputs are FLOAT32 and INT32");
  auto q = BinaryCase<int8_t>("int8", kOp, tflite::TensorType_INT8, {1}, std::vector<int8_t>{1}, {1},
                              std::vector<int8_t>{1}, tflite::TensorType_INT8, {1});
  ExpectError(*q, "input 0 (INT8) has 0 scales and 0 zero points");
  auto tanh = BinaryCase<float>("tanh", kOp, TensorType_FLOAT32, {1}, Floats{1}, {1}, Floats{1}, TensorType_FLOAT32,
                                {1}, WithActivation<tflite::AddOptionsT>(tflite::ActivationFunctionType_TANH)());
  ExpectError(*tanh, "fused activation TANH is not supported");
}

TEST(Add, MatchesTfliteOnRandomCases) {
  std::vector<RandomBinary> specs;
  for (auto act : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                   tflite::ActivationFunctionType_RELU6, tflite::ActivationFunctionType_RELU_N1_TO_1}) {
    specs.push_back({kOp, TensorType_FLOAT32, TensorType_FLOAT32, WithActivation<tflite::AddOptionsT>(act)});
    specs.back().rank5 = true;  // TFLite broadcasts this type past rank 4
    specs.push_back({kOp, TensorType_INT32, TensorType_INT32, WithActivation<tflite::AddOptionsT>(act), -9, 9});
  }
  ExpectRandomMatchTflite(specs);
}

}  // namespace
}  // namespace litescope
