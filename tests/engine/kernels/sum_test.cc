#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"
#include "tests/engine/kernels/reduce_test_util.h"

namespace litescope {
namespace {

using namespace testing;  // NOLINT: the shared reduction helpers
using tflite::TensorType_FLOAT32;
using tflite::TensorType_INT16;
using tflite::TensorType_INT32;
using tflite::TensorType_INT8;
using tflite::TensorType_UINT8;

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

TEST(Sum, QuantizedByHand) {
  // INT8 at scale 0.5, zero point 2, to scale 1, zero point -1, in float as TFLite:
  // (4 + 6 + 2 - 3 * 2) * 0.5 = 3 -> 2; (5 + 6 + 2 - 6) * 0.5 = 3.5 rounds half away from zero: 4 -> 3.
  OpCase c("int8", tflite::BuiltinOperator_SUM, Reducer(false));
  c.Input<int8_t>(TensorType_INT8, {2, 3}, {4, 6, 2, 5, 6, 2}, PerTensor(0.5f, 2));
  c.ConstInput<int32_t>(TensorType_INT32, {1}, {1});
  c.Output(TensorType_INT8, {2}, PerTensor(1.0f, -1));
  EXPECT_EQ(RunValues<int8_t>(c), (std::vector<int8_t>{2, 3}));
  // TFLite does not clamp: (100 + 100) * 1 / 0.5 = 400 wraps to 400 - 512 = -112.
  OpCase big("int8_wraps", tflite::BuiltinOperator_SUM, Reducer(false));
  big.Input<int8_t>(TensorType_INT8, {2}, {100, 100}, PerTensor(1.0f, 0));
  big.ConstInput<int32_t>(TensorType_INT32, {1}, {0});
  big.Output(TensorType_INT8, {}, PerTensor(0.5f, 0));
  EXPECT_EQ(RunValues<int8_t>(big), (std::vector<int8_t>{-112}));
  // INT16 keeps the input's quantization and sums as int16: 30000 + 10000 wraps to -25536.
  OpCase w("int16", tflite::BuiltinOperator_SUM, Reducer(false));
  w.Input<int16_t>(TensorType_INT16, {2, 3}, {30000, 10000, 0, 1, 2, 3}, PerTensor(1.0f, 0));
  w.ConstInput<int32_t>(TensorType_INT32, {1}, {1});
  w.Output(TensorType_INT16, {2}, PerTensor(1.0f, 0));
  EXPECT_EQ(RunValues<int16_t>(w), (std::vector<int16_t>{-25536, 6}));
}

// TFLite runs its builtin kernel for all of these: bit for bit.
TEST(Sum, QuantizedMatchesTflite) {
  const std::vector<QuantizedReducePair> int8_pairs = {
      {PerTensor(0.05f, 3), PerTensor(0.05f, 3)},
      {PerTensor(0.05f, -7), PerTensor(0.5f, 10)},
      {PerTensor(0.01f, 100), PerTensor(0.3f, -50)},
  };
  auto cases = QuantizedReduceCases<int8_t>("sum_i8_", tflite::BuiltinOperator_SUM, TensorType_INT8, int8_pairs);
  const std::vector<QuantizedReducePair> uint8_pairs = {
      {PerTensor(0.05f, 128), PerTensor(0.05f, 128)},
      {PerTensor(0.01f, 30), PerTensor(0.2f, 100)},
  };
  for (auto& c : QuantizedReduceCases<uint8_t>("sum_u8_", tflite::BuiltinOperator_SUM, TensorType_UINT8, uint8_pairs)) {
    cases.push_back(std::move(c));
  }
  const std::vector<QuantizedReducePair> int16_pairs = {{PerTensor(0.001f, 0), PerTensor(0.001f, 0)}};
  for (auto& c : QuantizedReduceCases<int16_t>("sum_i16_", tflite::BuiltinOperator_SUM, TensorType_INT16, int16_pairs)) {
    cases.push_back(std::move(c));
  }
  ExpectMatchesTflite(cases, 0);
}

TEST(Sum, PrepareRejectsBadInputs) {
  ExpectReducePrepareErrors(tflite::BuiltinOperator_SUM);
  ExpectScalarReduceRefused<int16_t>(tflite::BuiltinOperator_SUM, TensorType_INT16, PerTensor(0.5f, 0), PerTensor(0.25f, 0),
                                     "needs the input's scale and zero point on the output");
  ExpectScalarReduceRefused<int8_t>(tflite::BuiltinOperator_SUM, TensorType_INT8, PerTensor(1.0f, 0), PerTensor(1e-7f, 0),
                                    "could overflow int32");
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
