#include <gtest/gtest.h>

#include <limits>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;
using tflite::TensorType_INT64;
constexpr auto kOp = tflite::BuiltinOperator_MUL;

TEST(Mul, HandComputed) {
  auto c = BinaryCase<float>("mul", kOp, TensorType_FLOAT32, {2, 2}, Floats{1, 2, 3, 4}, {2}, Floats{-1, 0.5f},
                             TensorType_FLOAT32, {2, 2},
                             WithActivation<tflite::MulOptionsT>(tflite::ActivationFunctionType_RELU)());
  EXPECT_EQ(RunValues<float>(*c), (Floats{0, 1, 0, 2}));
  // 65536 * 65536 = 2^32 wraps to 0; 46341^2 = 2147488281 wraps to -2147479015.
  auto wrap = BinaryCase<int32_t>("wrap", kOp, TensorType_INT32, {2}, Ints{65536, 46341}, {2}, Ints{65536, 46341},
                                  TensorType_INT32, {2});
  EXPECT_EQ(RunValues<int32_t>(*wrap), (Ints{0, -2147479015}));
  auto i64 = BinaryCase<int64_t>("int64", kOp, TensorType_INT64, {2}, Int64s{int64_t{1} << 40, -3}, {}, Int64s{4},
                                 TensorType_INT64, {2});
  EXPECT_EQ(RunValues<int64_t>(*i64), (Int64s{int64_t{1} << 42, -12}));
}

TEST(Mul, PrepareErrors) {
  auto c = BinaryCase<uint8_t>("uint8", kOp, tflite::TensorType_UINT8, {1}, std::vector<uint8_t>{1}, {1},
                               std::vector<uint8_t>{1}, tflite::TensorType_UINT8, {1});
  ExpectError(*c, "input 0 (UINT8) has 0 scales and 0 zero points");
}

TEST(Mul, MatchesTfliteOnRandomCases) {
  std::vector<RandomBinary> specs;
  for (auto act : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                   tflite::ActivationFunctionType_RELU6, tflite::ActivationFunctionType_RELU_N1_TO_1}) {
    specs.push_back({kOp, TensorType_FLOAT32, TensorType_FLOAT32, WithActivation<tflite::MulOptionsT>(act)});
    specs.back().rank5 = true;  // TFLite broadcasts this type past rank 4
    specs.push_back({kOp, TensorType_INT32, TensorType_INT32, WithActivation<tflite::MulOptionsT>(act), -9, 9});
  }
  ExpectRandomMatchTflite(specs);
}

}  // namespace
}  // namespace litescope
