#include <limits>

#include "tests/engine/kernels/reduce_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the shared reduction helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT32;

TEST(ReduceMin, HandComputed) {
  OpCase c("rows", tflite::BuiltinOperator_REDUCE_MIN, Reducer(false));
  c.Input<float>(TensorType_FLOAT32, {2, 3}, {1, -2, 3, 5, -4, 0});
  c.ConstInput<int32_t>(TensorType_INT32, {1}, {1});
  c.Output(TensorType_FLOAT32, {2});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(Values<float>((*out)[0]), (std::vector<float>{-2, -4}));
}

TEST(ReduceMin, EmptyReductionIsTheTypeLimit) {
  OpCase c("empty", tflite::BuiltinOperator_REDUCE_MIN, Reducer(false));
  c.Input<float>(TensorType_FLOAT32, {0, 2}, {});
  c.ConstInput<int32_t>(TensorType_INT32, {1}, {0});
  c.Output(TensorType_FLOAT32, {2});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(Values<float>((*out)[0]), (std::vector<float>{std::numeric_limits<float>::max(), std::numeric_limits<float>::max()}));
}

TEST(ReduceMin, PrepareRejectsBadInputs) {
  ExpectReducePrepareErrors(tflite::BuiltinOperator_REDUCE_MIN);
  ExpectRequantizeRefused(tflite::BuiltinOperator_REDUCE_MIN, "with different input and output quantization is not implemented yet");
}

TEST(ReduceMin, MatchesTfliteOnRandomFloatCases) {
  auto cases = ReduceCases<float>("min_f_", tflite::BuiltinOperator_REDUCE_MIN, TensorType_FLOAT32,
                                  [](size_t n, uint32_t s) { return RandomFloats(n, s); });
  ExpectReduceCasesMatchTflite(cases, 1e-5);
}

TEST(ReduceMin, MatchesTfliteOnRandomInt32Cases) {
  auto cases = ReduceCases<int32_t>("min_i_", tflite::BuiltinOperator_REDUCE_MIN, TensorType_INT32,
                                    [](size_t n, uint32_t s) { return RandomInts<int32_t>(n, s, -100000, 100000); });
  ExpectReduceCasesMatchTflite(cases, 0);
}

TEST(ReduceMin, MatchesTfliteOnRandomInt8Cases) {
  // Same quantization in and out: the result is one of the input bytes.
  auto cases = ReduceCases<int8_t>("min_q_", tflite::BuiltinOperator_REDUCE_MIN, tflite::TensorType_INT8,
                                   [](size_t n, uint32_t s) { return RandomInts<int8_t>(n, s, -128, 127); },
                                   QuantParams{{0.05f}, {3}});
  ExpectReduceCasesMatchTflite(cases, 0);
}

}  // namespace
}  // namespace litescope
