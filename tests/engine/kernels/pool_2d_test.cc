// AVERAGE_POOL_2D and MAX_POOL_2D, float32 and quantized (INT8, UINT8, INT16 on the raw values):
// values worked out by hand, random cases against real TFLite, and the prepare errors.
#include <gtest/gtest.h>

#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/pool_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32, tflite::TensorType_INT16, tflite::TensorType_INT8, tflite::TensorType_UINT8;
constexpr auto kAverage = tflite::BuiltinOperator_AVERAGE_POOL_2D;
constexpr auto kMax = tflite::BuiltinOperator_MAX_POOL_2D;

TEST(AveragePool2D, QuantizedRoundsHalfAwayFromZero) {
  // 2x2 windows, stride 2: sums 1+2+2+2 = 7 -> 7/4 = 1.75 -> 2; -1-2-2-1 = -6 -> -1.5 -> -2;
  // 1+0+0+1 = 2 -> 0.5 -> 1; -2 -> -1. RELU with zero point -1 clamps at -1.
  OpCase c("int8", kAverage, Pool(tflite::Padding_VALID, 2, 2, 2, 2));
  c.Input<int8_t>(TensorType_INT8, {1, 2, 8, 1}, {1, 2, -1, -2, 1, 0, -1, 0, 2, 2, -2, -1, 0, 1, 0, -1},
                  PerTensor(0.5f, 0));
  c.Output(TensorType_INT8, {1, 1, 4, 1}, PerTensor(0.5f, 0));
  EXPECT_EQ(RunValues<int8_t>(c), (std::vector<int8_t>{2, -2, 1, -1}));

  OpCase relu("relu", kAverage, Pool(tflite::Padding_VALID, 2, 2, 2, 2, tflite::ActivationFunctionType_RELU));
  relu.Input<int8_t>(TensorType_INT8, {1, 2, 2, 1}, {-5, -5, -5, -4}, PerTensor(0.5f, -1));
  relu.Output(TensorType_INT8, {1, 1, 1, 1}, PerTensor(0.5f, -1));
  EXPECT_EQ(RunValues<int8_t>(relu), (std::vector<int8_t>{-1}));
}

TEST(MaxPool2D, QuantizedTakesTheLargestRawValue) {
  OpCase c("uint8", kMax, Pool(tflite::Padding_SAME, 2, 2, 2, 2));
  c.Input<uint8_t>(TensorType_UINT8, {1, 3, 3, 1}, {1, 9, 3, 4, 5, 6, 7, 8, 200}, PerTensor(0.1f, 128));
  c.Output(TensorType_UINT8, {1, 2, 2, 1}, PerTensor(0.1f, 128));
  EXPECT_EQ(RunValues<uint8_t>(c), (std::vector<uint8_t>{9, 6, 8, 200}));
}

TEST(Pool2D, FloatMatchesTflite) {
  for (auto op : {kAverage, kMax}) {
    ExpectPoolCasesMatchTflite(PoolCases<float>(tflite::EnumNameBuiltinOperator(op), op, TensorType_FLOAT32,
                                                [](size_t n, uint32_t seed) { return RandomFloats(n, seed, -2, 2); }),
                               1e-5);
  }
}

// TFLite runs quantized AVERAGE_POOL_2D in its builtin kernel (and MAX_POOL_2D has nothing to
// round): bit-exact.
TEST(Pool2D, QuantizedMatchesTflite) {
  for (auto op : {kAverage, kMax}) {
    const std::string name = tflite::EnumNameBuiltinOperator(op);
    ExpectPoolCasesMatchTflite(
        PoolCases<int8_t>(name + "_i8_", op, TensorType_INT8,
                          [](size_t n, uint32_t seed) { return RandomInts<int8_t>(n, seed, -128, 127); },
                          PerTensor(0.02f, -5)),
        0);
    ExpectPoolCasesMatchTflite(
        PoolCases<uint8_t>(name + "_u8_", op, TensorType_UINT8,
                           [](size_t n, uint32_t seed) { return RandomInts<uint8_t>(n, seed, 0, 255); },
                           PerTensor(0.03f, 120)),
        0);
    ExpectPoolCasesMatchTflite(
        PoolCases<int16_t>(name + "_i16_", op, TensorType_INT16,
                           [](size_t n, uint32_t seed) { return RandomInts<int16_t>(n, seed, -32768, 32767); },
                           PerTensor(2e-4f, 0)),
        0);
  }
}

TEST(Pool2D, RejectsBadQuantization) {
  auto expect = [](tflite::BuiltinOperator op, tflite::TensorType type, const QuantParams& in_q,
                   tflite::TensorType out_type, const QuantParams& out_q, const std::string& error) {
    OpCase c("bad", op, Pool(tflite::Padding_VALID, 1, 1, 1, 1));
    c.Input<int16_t>(type, {1, 1, 1, 2}, {1, 2}, in_q);
    c.Output(out_type, {1, 1, 1, 2}, out_q);
    ExpectError(c, error);
  };
  expect(kAverage, TensorType_INT16, PerTensor(0.5f, 0), TensorType_INT16, PerTensor(0.25f, 0),
         "quantized pooling needs the input's scale and zero point on the output");
  expect(kMax, TensorType_INT8, PerTensor(0.5f, 1), TensorType_INT8, PerTensor(0.5f, 2),
         "quantized pooling needs the input's scale and zero point on the output");
  expect(kAverage, TensorType_INT8, PerTensor(0.0f, 0), TensorType_INT8, PerTensor(0.5f, 0),
         "input scale is 0.000000; a finite value > 0 expected");
  expect(kMax, TensorType_INT8, PerTensor(0.5f, 0), TensorType_UINT8, PerTensor(0.5f, 0), "output 0 is UINT8; INT8 expected");
  expect(kAverage, tflite::TensorType_INT32, {}, tflite::TensorType_INT32, {},
         "input is INT32; supported: FLOAT32, INT8, UINT8, INT16");
  expect(tflite::BuiltinOperator_L2_POOL_2D, TensorType_INT8, PerTensor(0.5f, 0), TensorType_INT8, PerTensor(0.5f, 0),
         "input 0 is INT8; only FLOAT32 is implemented so far");
}

}  // namespace
}  // namespace litescope::testing
