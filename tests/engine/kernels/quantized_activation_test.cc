// Quantized RELU, RELU6, RELU_N1_TO_1, LEAKY_RELU, HARD_SWISH, LOGISTIC, TANH and SOFTMAX: values worked out by
// hand, random cases against real TFLite, and the prepare errors for bad quantization.
//
// INT16 and the table-based 8-bit LOGISTIC, TANH and SOFTMAX run in TFLite's builtin kernels in
// the oracle and must match exactly; the 8-bit RELU family, LEAKY_RELU and HARD_SWISH may run in XNNPACK
// (1 LSB allowed; the harness prints how many differ).
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope::testing {
namespace {

using tflite::BuiltinOperator, tflite::TensorType_INT16, tflite::TensorType_INT8, tflite::TensorType_UINT8;

tflite::BuiltinOptionsUnion LeakyAlpha(float alpha) {
  tflite::LeakyReluOptionsT o;
  o.alpha = alpha;
  return Options(o);
}

tflite::BuiltinOptionsUnion SoftmaxBeta(float beta) {
  tflite::SoftmaxOptionsT o;
  o.beta = beta;
  return Options(o);
}

template <typename T>
std::unique_ptr<OpCase> Unary(const std::string& name, BuiltinOperator op, tflite::TensorType type, Shape shape,
                              const std::vector<T>& x, QuantParams qx, QuantParams qy,
                              tflite::BuiltinOptionsUnion options = {}, tflite::TensorType out_type = {}) {
  auto c = std::make_unique<OpCase>(name, op, std::move(options));
  c->Input<T>(type, shape, x, qx);
  c->Output(out_type == tflite::TensorType_FLOAT32 ? type : out_type, shape, qy);
  return c;
}

TEST(QuantizedActivation, Relu6Int8ByHand) {
  // Input scale 0.1, zp -10; output scale 0.05, zp -128: M = 2, y = -128 + 2 (x + 10), clamped to
  // [-128 + 0, -128 + 6 / 0.05]: -20 -> -148 -> -128; -5 -> -118; 40 -> -28; 100 -> 92 -> -8.
  auto c = Unary<int8_t>("relu6", tflite::BuiltinOperator_RELU6, TensorType_INT8, {4}, {-20, -5, 40, 100},
                         PerTensor(0.1f, -10), PerTensor(0.05f, -128));
  EXPECT_EQ(RunValues<int8_t>(*c), (std::vector<int8_t>{-128, -118, -28, -8}));
}

TEST(QuantizedActivation, LeakyReluInt16ByHand) {
  // Scales 1 -> 2, alpha 0.5: identity multiplier 0.5, alpha multiplier 0.25.
  //   7 -> 3.5 -> 4; -7 -> -1.75 -> -2; -6 -> -1.5 -> -2 (away from zero); 0 -> 0.
  auto c = Unary<int16_t>("leaky", tflite::BuiltinOperator_LEAKY_RELU, TensorType_INT16, {4}, {7, -7, -6, 0},
                          PerTensor(1.0f, 0), PerTensor(2.0f, 0), LeakyAlpha(0.5f));
  EXPECT_EQ(RunValues<int16_t>(*c), (std::vector<int16_t>{4, -2, -2, 0}));
}

TEST(QuantizedActivation, LogisticAndSoftmaxUint8ByHand) {
  // LOGISTIC: x = 128 is 0 (zp 128) -> 0.5 -> 128 at scale 1/256; 255 is 127 * 0.1 = 12.7 -> 1 -> 256 -> 255.
  auto logistic = Unary<uint8_t>("logistic", tflite::BuiltinOperator_LOGISTIC, TensorType_UINT8, {2}, {128, 255},
                                 PerTensor(0.1f, 128), PerTensor(1.0f / 256, 0));
  EXPECT_EQ(RunValues<uint8_t>(*logistic), (std::vector<uint8_t>{128, 255}));
  // SOFTMAX of two equal values: 0.5 each -> 128; of four: 0.25 -> 64.
  auto softmax = Unary<uint8_t>("softmax", tflite::BuiltinOperator_SOFTMAX, TensorType_UINT8, {2, 4},
                                {7, 7, 7, 7, 3, 3, 9, 9}, PerTensor(0.5f, 0), PerTensor(1.0f / 256, 0), SoftmaxBeta(1));
  const std::vector<uint8_t> y = RunValues<uint8_t>(*softmax);
  ASSERT_EQ(y.size(), 8u);
  EXPECT_EQ(y[0], 64);
  EXPECT_EQ(y[6], y[7]);
}

struct TypeInfo {
  tflite::TensorType type;
  int lo, hi;
  const char* name;
};
constexpr TypeInfo kInt8{TensorType_INT8, -128, 127, "i8"}, kUint8{TensorType_UINT8, 0, 255, "u8"},
    kInt16{TensorType_INT16, -32768, 32767, "i16"};

int RandomZeroPoint(const TypeInfo& t, uint32_t seed) {
  if (t.type == TensorType_INT16) return 0;
  return t.type == TensorType_INT8 ? RandomInts<int>(1, seed, -40, 40)[0] : RandomInts<int>(1, seed, 88, 168)[0];
}

// Random input over the whole type; scales that put the interesting part of each op in range.
template <typename T>
void AddRandomCases(std::vector<std::unique_ptr<OpCase>>& cases, BuiltinOperator op, const TypeInfo& t, uint32_t seed,
                    tflite::BuiltinOptionsUnion (*options)(uint32_t) = nullptr) {
  const float unit = t.type == TensorType_INT16 ? 1.0f / 256 : 1.0f;  // INT16 has 256 times the steps
  const Shape shapes[] = {{1, 40}, {2, 3, 17}, {3, 64}};
  for (int k = 0; k < 3; ++k, seed += 10) {
    const size_t n = static_cast<size_t>(ElementCount(shapes[k]));
    std::vector<T> x = RandomInts<T>(n, seed, t.lo, t.hi);
    x[0] = static_cast<T>(t.lo), x[1] = static_cast<T>(t.hi);
    const QuantParams qx = PerTensor(RandomFloats(1, seed + 1, 0.01f, 0.08f)[0] * unit, RandomZeroPoint(t, seed + 2));
    QuantParams qy = PerTensor(RandomFloats(1, seed + 3, 0.01f, 0.08f)[0] * unit, RandomZeroPoint(t, seed + 4));
    if (op == tflite::BuiltinOperator_LOGISTIC) qy = PerTensor(1.0f / 256, t.type == TensorType_INT8 ? -128 : 0);
    if (op == tflite::BuiltinOperator_TANH) qy = PerTensor(1.0f / 128, t.type == TensorType_INT8 ? 0 : 128);
    if (op == tflite::BuiltinOperator_SOFTMAX) qy = PerTensor(1.0f / 256, t.type == TensorType_INT8 ? -128 : 0);
    const std::string name =
        std::string(tflite::EnumNameBuiltinOperator(op)) + "_" + t.name + "_" + std::to_string(seed);
    cases.push_back(Unary<T>(name, op, t.type, shapes[k], x, qx, qy, options ? options(seed) : tflite::BuiltinOptionsUnion{}));
  }
}

tflite::BuiltinOptionsUnion RandomAlpha(uint32_t seed) {
  const float alphas[] = {0.2f, 0.01f, -0.3f, 1.7f, 0.5f};
  return LeakyAlpha(alphas[seed % 5]);
}
tflite::BuiltinOptionsUnion RandomBeta(uint32_t seed) {
  const float betas[] = {1.0f, 0.5f, 2.0f, 1.3f};
  return SoftmaxBeta(betas[seed % 4]);
}

// TFLite has no INT16 RELU_N1_TO_1 (ours computes it as RELU and RELU6 do).
TEST(QuantizedActivation, Int16ClampsMatchTflite) {
  std::vector<std::unique_ptr<OpCase>> cases;
  AddRandomCases<int16_t>(cases, tflite::BuiltinOperator_RELU, kInt16, 1);
  AddRandomCases<int16_t>(cases, tflite::BuiltinOperator_RELU6, kInt16, 2);
  AddRandomCases<int16_t>(cases, tflite::BuiltinOperator_LEAKY_RELU, kInt16, 3, RandomAlpha);
  ExpectMatchesTflite(cases, 0);
}

// One comparison per op, so that the harness reports per op how many outputs differ.
TEST(QuantizedActivation, EightBitClampsMatchTfliteWithin1Lsb) {
  for (BuiltinOperator op : {tflite::BuiltinOperator_RELU, tflite::BuiltinOperator_RELU6,
                             tflite::BuiltinOperator_RELU_N1_TO_1, tflite::BuiltinOperator_LEAKY_RELU,
                             tflite::BuiltinOperator_HARD_SWISH}) {
    std::printf("%s: ", tflite::EnumNameBuiltinOperator(op));
    const auto options = op == tflite::BuiltinOperator_LEAKY_RELU ? RandomAlpha : nullptr;
    std::vector<std::unique_ptr<OpCase>> cases;
    AddRandomCases<int8_t>(cases, op, kInt8, 2 + op, options);
    AddRandomCases<uint8_t>(cases, op, kUint8, 3 + op, options);
    ExpectMatchesTflite(cases, 1);
  }
}

TEST(QuantizedActivation, EightBitTablesMatchTflite) {
  std::vector<std::unique_ptr<OpCase>> cases;
  for (BuiltinOperator op : {tflite::BuiltinOperator_LOGISTIC, tflite::BuiltinOperator_TANH}) {
    AddRandomCases<int8_t>(cases, op, kInt8, 10 + op);
    AddRandomCases<uint8_t>(cases, op, kUint8, 20 + op);
  }
  AddRandomCases<int8_t>(cases, tflite::BuiltinOperator_SOFTMAX, kInt8, 30, RandomBeta);
  AddRandomCases<uint8_t>(cases, tflite::BuiltinOperator_SOFTMAX, kUint8, 40, RandomBeta);
  for (uint32_t seed : {50u, 61u}) {  // 8-bit inputs, INT16 outputs
    cases.push_back(Unary<int8_t>("softmax_i8_i16_" + std::to_string(seed), tflite::BuiltinOperator_SOFTMAX,
                                  TensorType_INT8, {3, 20}, RandomInts<int8_t>(60, seed, -128, 127),
                                  PerTensor(0.05f, 3), PerTensor(1.0f / 65536, -32768), RandomBeta(seed),
                                  TensorType_INT16));
    cases.push_back(Unary<uint8_t>("softmax_u8_i16_" + std::to_string(seed), tflite::BuiltinOperator_SOFTMAX,
                                   TensorType_UINT8, {2, 9}, RandomInts<uint8_t>(18, seed + 1, 0, 255),
                                   PerTensor(0.03f, 128), PerTensor(1.0f / 32768, 0), RandomBeta(seed + 1),
                                   TensorType_INT16));
  }
  ExpectMatchesTflite(cases, 0);
}

TEST(QuantizedActivation, Int16SoftmaxMatchesTflite) {
  std::vector<std::unique_ptr<OpCase>> cases;
  const Shape shapes[] = {{1, 10}, {3, 33}, {2, 2, 64}, {1, 1000}};
  uint32_t seed = 500;
  for (const Shape& shape : shapes) {
    for (float scale : {0.0001f, 0.0007f, 0.002f}) {
      const size_t n = static_cast<size_t>(ElementCount(shape));
      cases.push_back(Unary<int16_t>("softmax_i16_" + std::to_string(seed), tflite::BuiltinOperator_SOFTMAX,
                                     TensorType_INT16, shape, RandomInts<int16_t>(n, seed, -32768, 32767),
                                     PerTensor(scale, 0), PerTensor(1.0f / 32768, 0), RandomBeta(seed)));
      ++seed;
    }
  }
  ExpectMatchesTflite(cases, 0);
}

TEST(QuantizedActivation, RejectsBadQuantization) {
  auto make = [](BuiltinOperator op, QuantParams qx, QuantParams qy, tflite::TensorType out_type = TensorType_INT8) {
    return Unary<int8_t>("bad", op, TensorType_INT8, {2}, {1, 2}, qx, qy, {}, out_type);
  };
  const QuantParams ok = PerTensor(0.1f, 0);
  ExpectError(*make(tflite::BuiltinOperator_RELU, PerTensor(0.0f, 0), ok), "input scale is 0.000000");
  ExpectError(*make(tflite::BuiltinOperator_LEAKY_RELU, ok, PerTensor(INFINITY, 0)), "output scale is inf");
  ExpectError(*make(tflite::BuiltinOperator_RELU6, PerTensor(0.1f, -129), ok), "zero point -129 is out of range");
  ExpectError(*make(tflite::BuiltinOperator_TANH, ok, ok, TensorType_UINT8), "needs input and output of one type");
  ExpectError(*make(tflite::BuiltinOperator_LOGISTIC, ok, PerTensor(1.0f / 128, -128)), "must have scale 1/256");
  ExpectError(*make(tflite::BuiltinOperator_SOFTMAX, ok, PerTensor(1.0f / 128, -128)),
              "must have scale 1/256 and zero point -128");
  ExpectError(*make(tflite::BuiltinOperator_SOFTMAX, ok, PerTensor(1.0f / 256, 0)),
              "must have scale 1/256 and zero point -128");
  auto softmax16 = Unary<int16_t>("sm16", tflite::BuiltinOperator_SOFTMAX, TensorType_INT16, {2}, {1, 2},
                                  PerTensor(0.001f, 0), PerTensor(1.0f / 256, 0));
  ExpectError(*softmax16, "must have scale 1/32768 and zero point 0");
  auto logistic16 = Unary<int16_t>("lg16", tflite::BuiltinOperator_LOGISTIC, TensorType_INT16, {2}, {1, 2},
                                   PerTensor(0.001f, 0), PerTensor(1.0f / 256, 0));
  ExpectError(*logistic16, "INT16 LOGISTIC must have scale 1/32768");
  auto hard_swish16 = Unary<int16_t>("hs16", tflite::BuiltinOperator_HARD_SWISH, TensorType_INT16, {1}, {1}, ok, ok);
  ExpectError(*hard_swish16, "INT16 HARD_SWISH is not supported");
  ExpectError(*make(tflite::BuiltinOperator_HARD_SWISH, ok, PerTensor(0.0001f, 0)), "output scale >= input scale / 128");
  ExpectError(*make(tflite::BuiltinOperator_SOFTMAX, ok, PerTensor(1.0f / 256, -128), TensorType_UINT8),
              "quantized SOFTMAX takes UINT8 -> UINT8 or INT16");
}

}  // namespace
}  // namespace litescope::testing
