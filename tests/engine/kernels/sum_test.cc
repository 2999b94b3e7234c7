#include "tests/engine/kernels/reduce_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the shared reduction helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(Sum, HandComputed) {
  OpCase c("rows", tflite::BuiltinOperator_SUM, Reducer(false));
  c.Input<float>(TensorType_FLOAT32, {2, 3}, {1, 2, 3, 10, 20, 30});
  c.ConstInput<int32_t>(TensorType_INT32, {2}, {-1, 1});  // the same axis twice counts once
  c.Output(TensorType_FLOAT32, {2});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(Values<float>((*out)[0]), (std::vector<float>{6, 60}));
}

TEST(Sum, HandComputedInt32KeepDims) {
  OpCase c("cols", tflite::BuiltinOperator_SUM, Reducer(true));
  c.Input<int32_t>(TensorType_INT32, {2, 3}, {1, 2, 3, 10, 20, 30});
  c.ConstInput<int32_t>(TensorType_INT32, {1}, {0});
  c.Output(TensorType_INT32, {1, 3});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ((*out)[0].shape, (Shape{1, 3}));
  EXPECT_EQ(Values<int32_t>((*out)[0]), (std::vector<int32_t>{11, 22, 33}));
}

TEST(Sum, PrepareRejectsBadInputs) {
  ExpectReducePrepareErrors(tflite::BuiltinOperator_SUM);
  ExpectRequantizeRefused(tflite::BuiltinOperator_SUM, "quantized SUM is not implemented yet");
}

TEST(Sum, MatchesTfliteOnRandomFloatCases) {
  auto cases = ReduceCases<float>("sum_f_", tflite::BuiltinOperator_SUM, TensorType_FLOAT32,
                                  [](size_t n, uint32_t s) { return RandomFloats(n, s); });
  ExpectReduceCasesMatchTflite(cases, 1e-5);
}

TEST(Sum, MatchesTfliteOnRandomInt32Cases) {
  auto cases = ReduceCases<int32_t>("sum_i_", tflite::BuiltinOperator_SUM, TensorType_INT32,
                                    [](size_t n, uint32_t s) { return RandomInts<int32_t>(n, s, -1000, 1000); });
  ExpectReduceCasesMatchTflite(cases, 0);
}

}  // namespace
}  // namespace litescope
