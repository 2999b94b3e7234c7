// MEAN: quantized values worked out by hand, random INT8, UINT8 and INT16 cases against real TFLite
// (exact where it runs its builtin kernel, within 1 LSB where XNNPACK), float cases, and the
// prepare errors.
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

template <typename T>
std::vector<T> MeanOf(tflite::TensorType type, Shape in, std::vector<T> x, std::vector<int32_t> axes, bool keep_dims,
                      QuantParams qx, QuantParams qy) {
  OpCase c("mean", tflite::BuiltinOperator_MEAN, Reducer(keep_dims));
  c.Input<T>(type, in, x, qx);
  c.ConstInput<int32_t>(TensorType_INT32, {static_cast<int32_t>(axes.size())}, axes);
  c.Output(type, ReducedShape(in, axes, keep_dims), qy);
  return RunValues<T>(c);
}

TEST(Mean, QuantizedInt8ByHand) {
  // One scale: (13 + 12 + 16 - 3 * 10) / 3 = 3.67 -> 4 -> 4 - 5 = -1; (31 - 30) / 3 = 0.33 -> 0 -> -5.
  EXPECT_EQ(MeanOf<int8_t>(TensorType_INT8, {2, 3}, {13, 12, 16, 10, 10, 11}, {1}, false, PerTensor(0.5f, 10),
                           PerTensor(0.5f, -5)),
            (std::vector<int8_t>{-1, -5}));
  // Output scale twice the input's: (7 / 3) / 2 = 1.17 -> 1; (-10 / 3) / 2 = -1.67 -> -2.
  EXPECT_EQ(MeanOf<int8_t>(TensorType_INT8, {2, 3}, {1, 2, 4, -3, -3, -4}, {-1}, false, PerTensor(0.5f, 0),
                           PerTensor(1.0f, 0)),
            (std::vector<int8_t>{1, -2}));
  // Equal quantization: the stored values' mean truncated toward zero, the zero point ignored as
  // TFLite does: 7 / 3 = 2.33 -> 2; -10 / 3 = -3.33 -> -3; (-3 - 4) / 2 = -3.5 -> -3.
  EXPECT_EQ(MeanOf<int8_t>(TensorType_INT8, {2, 3}, {1, 2, 4, -3, -3, -4}, {-1}, false, PerTensor(0.5f, 7),
                           PerTensor(0.5f, 7)),
            (std::vector<int8_t>{2, -3}));
  EXPECT_EQ(MeanOf<int8_t>(TensorType_INT8, {2}, {-3, -4}, {0}, false, PerTensor(0.5f, 0), PerTensor(0.5f, 0)),
            (std::vector<int8_t>{-3}));
}

TEST(Mean, QuantizedUint8PooledByHand) {
  // keep_dims over {1, 2} of a 4-D input: the float-biased path. (10 + 20 + 30 + 42) / 4 = 25.5
  // rounds half away from zero to 26; the input zero point 5 moves to the output as -5: 21.
  EXPECT_EQ(MeanOf<uint8_t>(TensorType_UINT8, {1, 2, 2, 1}, {10, 20, 30, 42}, {1, 2}, true, PerTensor(1.0f, 5),
                            PerTensor(1.0f, 0)),
            (std::vector<uint8_t>{21}));
}

TEST(Mean, QuantizedInt16ByHand) {
  // (1000 + 2000 + 4000) / 3 = 2333.3 at scale 1e-3, on the output scale 2e-3: 1166.7 -> 1167.
  EXPECT_EQ(MeanOf<int16_t>(TensorType_INT16, {1, 3}, {1000, 2000, 4000}, {1}, false, PerTensor(0.001f, 0),
                            PerTensor(0.002f, 0)),
            (std::vector<int16_t>{1167}));
}

bool BuiltinTakesMean(const ReduceGeometry& g) { return !XnnpackTakesMean(g); }

// The (input, output) quantizations: equal ones take TFLite's integer mean of the stored values.
std::vector<std::unique_ptr<OpCase>> Quantized8BitMeanCases(bool (*take)(const ReduceGeometry&)) {
  const std::vector<QuantizedReducePair> int8_pairs = {
      {PerTensor(0.05f, 3), PerTensor(0.05f, 3)},
      {PerTensor(0.05f, -7), PerTensor(0.02f, 10)},
      {PerTensor(0.1f, 100), PerTensor(0.3f, -50)},
  };
  auto cases = QuantizedReduceCases<int8_t>("mean_i8_", tflite::BuiltinOperator_MEAN, TensorType_INT8, int8_pairs, take);
  const std::vector<QuantizedReducePair> uint8_pairs = {
      {PerTensor(0.05f, 128), PerTensor(0.05f, 128)},
      {PerTensor(0.07f, 30), PerTensor(0.02f, 200)},
      {PerTensor(0.01f, 0), PerTensor(0.013f, 255)},
  };
  for (auto& c :
       QuantizedReduceCases<uint8_t>("mean_u8_", tflite::BuiltinOperator_MEAN, TensorType_UINT8, uint8_pairs, take)) {
    cases.push_back(std::move(c));
  }
  return cases;
}

// Every case the oracle runs in TFLite's builtin kernel: bit for bit.
TEST(Mean, QuantizedMatchesTfliteBuiltinExactly) {
  auto cases = Quantized8BitMeanCases(BuiltinTakesMean);
  const std::vector<QuantizedReducePair> int16_pairs = {
      {PerTensor(0.001f, 0), PerTensor(0.001f, 0)},
      {PerTensor(0.001f, 0), PerTensor(0.0007f, 0)},
      {PerTensor(1.0f / 4096, 0), PerTensor(1.0f / 512, 0)},
  };
  for (auto& c : QuantizedReduceCases<int16_t>("mean_i16_", tflite::BuiltinOperator_MEAN, TensorType_INT16, int16_pairs)) {
    cases.push_back(std::move(c));
  }
  ExpectMatchesTflite(cases, 0);
}

// 8-bit, 4-D, constant axes {1, 2}: the oracle runs XNNPACK's global average pooling, which
// rounds once in float where TFLite's builtin kernel (which we follow) rounds differently.
TEST(Mean, QuantizedMatchesTfliteXnnpackWithin1Lsb) {
  ExpectMatchesTflite(Quantized8BitMeanCases(XnnpackTakesMean), 1);
}

TEST(Mean, MatchesTfliteOnRandomFloatCases) {
  auto cases = ReduceCases<float>("mean_f_", tflite::BuiltinOperator_MEAN, TensorType_FLOAT32,
                                  [](size_t n, uint32_t s) { return RandomFloats(n, s); });
  ExpectReduceCasesMatchTflite(cases, 1e-5);
}

TEST(Mean, PrepareRejectsBadInputs) {
  ExpectReducePrepareErrors(tflite::BuiltinOperator_MEAN);
  ExpectScalarReduceRefused<int16_t>(tflite::BuiltinOperator_MEAN, TensorType_INT16, PerTensor(0.5f, 1), PerTensor(0.5f, 0),
                                     "zero point 1 is not 0");
  ExpectScalarReduceRefused<int8_t>(tflite::BuiltinOperator_MEAN, TensorType_INT8, PerTensor(0.5f, 0), PerTensor(0.0f, 0),
                                    "output scale is 0.000000");
}

}  // namespace
}  // namespace litescope
