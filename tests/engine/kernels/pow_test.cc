#include <gtest/gtest.h>

#include <limits>

#include "tests/engine/kernels/elementwise_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the elementwise test helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;
constexpr auto kOp = tflite::BuiltinOperator_POW;

TEST(Pow, HandComputed) {
  auto f = BinaryCase<float>("float", kOp, TensorType_FLOAT32, {3}, Floats{2, 4, 9}, {3}, Floats{3, 0.5f, -1},
                             TensorType_FLOAT32, {3});
  std::vector<float> y = RunValues<float>(*f);
  ASSERT_EQ(y.size(), 3u);
  EXPECT_EQ(y[0], 8.0f);
  EXPECT_EQ(y[1], 2.0f);
  EXPECT_FLOAT_EQ(y[2], 1.0f / 9.0f);
  // 0^0 = 1; results beyond INT32 saturate.
  auto i = BinaryCase<int32_t>("int32", kOp, TensorType_INT32, {5}, Ints{2, -3, 0, 5, 2}, {5}, Ints{10, 3, 0, 0, 40},
                               TensorType_INT32, {5});
  EXPECT_EQ(RunValues<int32_t>(*i), (Ints{1024, -27, 1, 1, std::numeric_limits<int32_t>::max()}));
}

TEST(Pow, NegativeInt32ExponentIsAnError) {
  auto runtime =
      BinaryCase<int32_t>("negative", kOp, TensorType_INT32, {2}, Ints{2, 2}, {2}, Ints{1, -1}, TensorType_INT32, {2});
  ExpectError(*runtime, "input 1, element 1: negative exponent (INT32 POW needs exponents >= 0)");
  auto constant = BinaryCase<int32_t>("const_negative", kOp, TensorType_INT32, {2}, Ints{2, 2}, {}, Ints{-2},
                                      TensorType_INT32, {2}, {}, /*const_b=*/true);
  ExpectError(*constant, "input 1, element 0: negative exponent");
}

TEST(Pow, PrepareErrors) {
  auto c = BinaryCase<int64_t>("int64", kOp, tflite::TensorType_INT64, {1}, Int64s{1}, {1}, Int64s{1},
                               tflite::TensorType_INT64, {1});
  ExpectError(*c, "input 0 is INT64; supported: FLOAT32, INT32");
}

TEST(Pow, MatchesTfliteOnRandomCases) {
  RandomBinary f{kOp, TensorType_FLOAT32, TensorType_FLOAT32, {}, 0.1, 3};  // positive bases: no NaN
  RandomBinary i{kOp, TensorType_INT32, TensorType_INT32, {}, -4, 5};
  i.nonnegative_b = true;
  i.const_b = true;
  ExpectRandomMatchTflite({f, i});
}

}  // namespace
}  // namespace litescope
