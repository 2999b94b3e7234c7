#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;
constexpr auto kOp = tflite::BuiltinOperator_DIV;

TEST(Div, HandComputed) {
  auto f = BinaryCase<float>("float", kOp, TensorType_FLOAT32, {4}, Floats{1, -3, 1, 0}, {4}, Floats{4, 2, 0, 0},
                             TensorType_FLOAT32, {4});
  std::vector<float> y = RunValues<float>(*f);
  ASSERT_EQ(y.size(), 4u);
  EXPECT_EQ(y[0], 0.25f);
  EXPECT_EQ(y[1], -1.5f);
  EXPECT_EQ(y[2], std::numeric_limits<float>::infinity());  // IEEE, as XNNPACK gives it
  EXPECT_TRUE(std::isnan(y[3]));
  // INT32 truncates toward zero; lowest / -1 wraps to lowest.
  const int32_t lowest = std::numeric_limits<int32_t>::min();
  auto i = BinaryCase<int32_t>("int32", kOp, TensorType_INT32, {5}, Ints{7, -7, 7, -7, lowest}, {5},
                               Ints{2, 2, -2, -2, -1}, TensorType_INT32, {5});
  EXPECT_EQ(RunValues<int32_t>(*i), (Ints{3, -3, -3, 3, lowest}));
  auto relu =
      BinaryCase<int32_t>("relu_n1", kOp, TensorType_INT32, {3}, Ints{9, -9, 0}, {}, Ints{2}, TensorType_INT32, {3},
                          WithActivation<tflite::DivOptionsT>(tflite::ActivationFunctionType_RELU_N1_TO_1)());
  EXPECT_EQ(RunValues<int32_t>(*relu), (Ints{1, -1, 0}));
}

TEST(Div, Int32DivisionByZeroIsAnError) {
  auto runtime =
      BinaryCase<int32_t>("zero", kOp, TensorType_INT32, {3}, Ints{1, 2, 3}, {3}, Ints{1, 0, 1}, TensorType_INT32, {3});
  ExpectError(*runtime, "input 1, element 1: division by zero (INT32 divisors must not be 0)");
  auto constant = BinaryCase<int32_t>("const_zero", kOp, TensorType_INT32, {3}, Ints{1, 2, 3}, {}, Ints{0},
                                      TensorType_INT32, {3}, {}, /*const_b=*/true);
  ExpectError(*constant, "input 1, element 0: division by zero");
}

TEST(Div, PrepareErrors) {
  auto c = BinaryCase<int64_t>("int64", kOp, tflite::TensorType_INT64, {1}, Int64s{1}, {1}, Int64s{1},
                               tflite::TensorType_INT64, {1});
  ExpectError(*c, "input 0 is INT64; supported: FLOAT32, INT32");
}

TEST(Div, MatchesTfliteOnRandomCases) {
  std::vector<RandomBinary> specs;
  for (auto act : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                   tflite::ActivationFunctionType_RELU6, tflite::ActivationFunctionType_RELU_N1_TO_1}) {
    auto options = WithActivation<tflite::DivOptionsT>(act);
    specs.push_back({kOp, TensorType_FLOAT32, TensorType_FLOAT32, options, -4, 4, true, true});
    specs.back().rank5 = true;  // TFLite broadcasts this type past rank 4
    specs.push_back({kOp, TensorType_INT32, TensorType_INT32, options, -20, 20, true, true});
    specs.back().rank5 = true;  // TFLite broadcasts this type past rank 4
  }
  ExpectRandomMatchTflite(specs);
}

}  // namespace
}  // namespace litescope
