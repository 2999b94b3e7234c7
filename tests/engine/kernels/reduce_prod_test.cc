#include "tests/engine/kernels/reduce_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the shared reduction helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(ReduceProd, HandComputed) {
  OpCase c("rows", tflite::BuiltinOperator_REDUCE_PROD, Reducer(false));
  c.Input<float>(TensorType_FLOAT32, {2, 3}, {1, 2, 3, -1, 0.5f, 4});
  c.ConstInput<int32_t>(TensorType_INT32, {1}, {1});
  c.Output(TensorType_FLOAT32, {2});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(Values<float>((*out)[0]), (std::vector<float>{6, -2}));
}

TEST(ReduceProd, EmptyReductionIsOne) {
  OpCase c("empty", tflite::BuiltinOperator_REDUCE_PROD, Reducer(false));
  c.Input<float>(TensorType_FLOAT32, {2, 0}, {});
  c.ConstInput<int32_t>(TensorType_INT32, {1}, {1});
  c.Output(TensorType_FLOAT32, {2});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(Values<float>((*out)[0]), (std::vector<float>{1, 1}));
}

TEST(ReduceProd, PrepareRejectsBadInputs) { ExpectReducePrepareErrors(tflite::BuiltinOperator_REDUCE_PROD); }

TEST(ReduceProd, MatchesTfliteOnRandomFloatCases) {
  // Factors near 1 keep the products of up to 120 values finite and well scaled.
  auto cases = ReduceCases<float>("prod_f_", tflite::BuiltinOperator_REDUCE_PROD, TensorType_FLOAT32,
                                  [](size_t n, uint32_t s) { return RandomFloats(n, s, 0.7f, 1.3f); });
  ExpectReduceCasesMatchTflite(cases, 1e-5);
}

TEST(ReduceProd, MatchesTfliteOnRandomInt32Cases) {
  auto cases = ReduceCases<int32_t>("prod_i_", tflite::BuiltinOperator_REDUCE_PROD, TensorType_INT32,
                                    [](size_t n, uint32_t s) { return RandomInts<int32_t>(n, s, -2, 2); });
  ExpectReduceCasesMatchTflite(cases, 0);
}

}  // namespace
}  // namespace litescope
