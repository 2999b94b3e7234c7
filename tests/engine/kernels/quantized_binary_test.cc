// Quantized ADD, SUB and MUL (INT8, UINT8, INT16): values worked out by hand, random
// broadcasting cases against real TFLite, and the prepare errors for bad quantization.
//
// INT16 runs in TFLite's builtin kernels in the oracle: every output must match. INT8 and UINT8
// may run in XNNPACK, whose requantization can differ by 1 LSB; the harness prints how many do.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "engine/kernels/internal/broadcast.h"
#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope::testing {
namespace {

using tflite::ActivationFunctionType, tflite::BuiltinOperator, tflite::TensorType_INT16, tflite::TensorType_INT8,
    tflite::TensorType_UINT8;

tflite::BuiltinOptionsUnion OpOptions(BuiltinOperator op, ActivationFunctionType act, bool pot_scale_int16 = true) {
  if (op == tflite::BuiltinOperator_ADD) {
    tflite::AddOptionsT o;
    o.fused_activation_function = act;
    o.pot_scale_int16 = pot_scale_int16;
    return Options(o);
  }
  if (op == tflite::BuiltinOperator_SUB) {
    tflite::SubOptionsT o;
    o.fused_activation_function = act;
    o.pot_scale_int16 = pot_scale_int16;
    return Options(o);
  }
  tflite::MulOptionsT o;
  o.fused_activation_function = act;
  return Options(o);
}

template <typename T>
std::unique_ptr<OpCase> Case(const std::string& name, BuiltinOperator op, tflite::TensorType type, Shape sa,
                             const std::vector<T>& a, QuantParams qa, Shape sb, const std::vector<T>& b,
                             QuantParams qb, Shape so, QuantParams qo,
                             ActivationFunctionType act = tflite::ActivationFunctionType_NONE, bool pot = true) {
  auto c = std::make_unique<OpCase>(name, op, OpOptions(op, act, pot));
  c->Input<T>(type, std::move(sa), a, qa);
  c->Input<T>(type, std::move(sb), b, qb);
  c->Output(type, std::move(so), qo);
  return c;
}

TEST(QuantizedBinary, AddInt8ByHand) {
  // Scales 0.5, 0.5 -> 1: the inputs are halved (multipliers 0.5) after << 20, the sum scaled by
  // 2^-20: 1.5 + 2 = 3.5 rounds away from zero to 4, -3.5 to -4; 0.5 + 0 = 0.5 -> 1; output zp 2.
  auto c = Case<int8_t>("add", tflite::BuiltinOperator_ADD, TensorType_INT8, {3}, {3, -3, 1}, PerTensor(0.5f, 0), {3},
                        {4, -4, 0}, PerTensor(0.5f, 0), {3}, PerTensor(1.0f, 2));
  EXPECT_EQ(RunValues<int8_t>(*c), (std::vector<int8_t>{6, -2, 3}));
}

TEST(QuantizedBinary, SubUint8BroadcastsWithRelu) {
  // Zero points 128, 100, 10; scales 1, 1, 1: y = (a - 128) - (b - 100) + 10, RELU clamps at 10.
  auto c = Case<uint8_t>("sub", tflite::BuiltinOperator_SUB, TensorType_UINT8, {2, 2}, {130, 140, 120, 128},
                         PerTensor(1.0f, 128), {2}, {101, 99}, PerTensor(1.0f, 100), {2, 2}, PerTensor(1.0f, 10),
                         tflite::ActivationFunctionType_RELU);
  EXPECT_EQ(RunValues<uint8_t>(*c), (std::vector<uint8_t>{11, 23, 10, 11}));
}

TEST(QuantizedBinary, Int16PowerOfTwoScales) {
  // ADD/SUB with power-of-two scales (LSTM path): b (2^-12) is divided by 4 with rounding to the
  // output's 2^-10, a is taken as it is, and the result saturates to INT16.
  const QuantParams coarse = PerTensor(1.0f / 1024, 0), fine = PerTensor(1.0f / 4096, 0);
  auto add = Case<int16_t>("pot_add", tflite::BuiltinOperator_ADD, TensorType_INT16, {3}, {100, 32767, -5}, coarse, {3},
                           {6, 400, -6}, fine, {3}, coarse);
  EXPECT_EQ(RunValues<int16_t>(*add), (std::vector<int16_t>{102, 32767, -7}));
  auto sub = Case<int16_t>("pot_sub", tflite::BuiltinOperator_SUB, TensorType_INT16, {3}, {100, -32768, -5}, coarse,
                           {3}, {6, 400, -6}, fine, {3}, coarse);
  EXPECT_EQ(RunValues<int16_t>(*sub), (std::vector<int16_t>{98, -32768, -3}));
}

TEST(QuantizedBinary, MulInt8ByHand) {
  // 0.5 * 0.25 / 0.25 = 0.5: (3 - 1) * (5 - 0) * 0.5 = 5, 2 * 3 * 0.5 = 3, (-2) * 5 * 0.5 = -5; zp -1.
  auto c = Case<int8_t>("mul", tflite::BuiltinOperator_MUL, TensorType_INT8, {3}, {3, 3, -1}, PerTensor(0.5f, 1), {3},
                        {5, 3, 5}, PerTensor(0.25f, 0), {3}, PerTensor(0.25f, -1));
  EXPECT_EQ(RunValues<int8_t>(*c), (std::vector<int8_t>{4, 2, -6}));
}

// Random cases of one op and type over the broadcasting shape pairs, with every fused activation.
template <typename T>
std::vector<std::unique_ptr<OpCase>> RandomCases(BuiltinOperator op, tflite::TensorType type, uint32_t seed,
                                                 bool pot = false) {
  const int lo = type == TensorType_INT8 ? -128 : (type == TensorType_UINT8 ? 0 : -32768);
  const int hi = type == TensorType_INT8 ? 127 : (type == TensorType_UINT8 ? 255 : 32767);
  const auto zp = [&](uint32_t s) {
    if (type == TensorType_INT16) return 0;
    return type == TensorType_INT8 ? RandomInts<int>(1, s, -30, 30)[0] : RandomInts<int>(1, s, 98, 158)[0];
  };
  const ActivationFunctionType acts[] = {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                                         tflite::ActivationFunctionType_RELU6,
                                         tflite::ActivationFunctionType_RELU_N1_TO_1};
  std::vector<std::unique_ptr<OpCase>> cases;
  int k = 0;
  for (const auto& [sa, sb] : BroadcastShapePairs(false)) {
    for (int rep = 0; rep < 4; ++rep, ++k, seed += 10) {
      const float range = type == TensorType_INT16 ? 32768.0f : 128.0f;
      float scale_a = RandomFloats(1, seed, 0.01f, 0.1f)[0], scale_b = RandomFloats(1, seed + 1, 0.01f, 0.1f)[0];
      if (type == TensorType_INT16) scale_a /= 256, scale_b /= 256;
      float out_scale = op == tflite::BuiltinOperator_MUL ? scale_a * scale_b * range
                                                          : std::max(scale_a, scale_b) * 1.5f;
      out_scale *= RandomFloats(1, seed + 2, 0.5f, 2.0f)[0];
      const ActivationFunctionType act = acts[k % 4];
      Shape so;
      BroadcastShapes(sa, sb, &so);
      const std::string name = std::string(tflite::EnumNameBuiltinOperator(op)) + "_" +
                               tflite::EnumNameTensorType(type) + "_" + std::to_string(k);
      cases.push_back(Case<T>(name, op, type, sa, RandomInts<T>(ElementCount(sa), seed + 3, lo, hi),
                              PerTensor(scale_a, zp(seed + 4)), sb, RandomInts<T>(ElementCount(sb), seed + 5, lo, hi),
                              PerTensor(scale_b, zp(seed + 6)), so, PerTensor(out_scale, zp(seed + 7)), act, pot));
    }
  }
  return cases;
}

template <typename T>
void ExpectRandomMatch(tflite::TensorType type, int max_lsb) {
  std::vector<std::unique_ptr<OpCase>> all;
  uint32_t seed = 1000;
  for (BuiltinOperator op : {tflite::BuiltinOperator_ADD, tflite::BuiltinOperator_SUB, tflite::BuiltinOperator_MUL}) {
    for (auto& c : RandomCases<T>(op, type, seed)) all.push_back(std::move(c));
    seed += 1000;
  }
  ExpectMatchesTflite(all, max_lsb);
}

TEST(QuantizedBinary, Int16MatchesTflite) { ExpectRandomMatch<int16_t>(TensorType_INT16, 0); }
TEST(QuantizedBinary, Int8MatchesTfliteWithin1Lsb) { ExpectRandomMatch<int8_t>(TensorType_INT8, 1); }
TEST(QuantizedBinary, Uint8MatchesTfliteWithin1Lsb) { ExpectRandomMatch<uint8_t>(TensorType_UINT8, 1); }

TEST(QuantizedBinary, Int16PowerOfTwoMatchesTflite) {
  // Same shapes, scales 2^-k with the output's scale on one input.
  std::vector<std::unique_ptr<OpCase>> all;
  uint32_t seed = 77;
  for (BuiltinOperator op : {tflite::BuiltinOperator_ADD, tflite::BuiltinOperator_SUB}) {
    for (int shift = 0; shift < 4; ++shift, seed += 10) {
      const QuantParams out = PerTensor(1.0f / 2048, 0), other = PerTensor(1.0f / (2048 << shift), 0);
      const bool first = shift % 2 == 0;
      all.push_back(Case<int16_t>("pot_" + std::to_string(seed), op, TensorType_INT16, {2, 33},
                                  RandomInts<int16_t>(66, seed, -32768, 32767), first ? out : other, {2, 33},
                                  RandomInts<int16_t>(66, seed + 1, -32768, 32767), first ? other : out, {2, 33}, out));
    }
  }
  ExpectMatchesTflite(all, 0);
}

TEST(QuantizedBinary, RejectsBadQuantization) {
  const QuantParams ok = PerTensor(0.1f, 0);
  auto make = [&](const QuantParams& qa, const QuantParams& qo, tflite::TensorType out_type = TensorType_INT8) {
    auto c = std::make_unique<OpCase>("bad", tflite::BuiltinOperator_ADD,
                                      OpOptions(tflite::BuiltinOperator_ADD, tflite::ActivationFunctionType_NONE));
    c->Input<int8_t>(TensorType_INT8, {2}, {1, 2}, qa);
    c->Input<int8_t>(TensorType_INT8, {2}, {1, 2}, ok);
    c->Output(out_type, {2}, qo);
    return c;
  };
  ExpectError(*make(PerTensor(0.0f, 0), ok), "input 0 scale is 0.000000");
  ExpectError(*make(PerTensor(NAN, 0), ok), "input 0 scale is nan");
  ExpectError(*make(PerTensor(-1.0f, 0), ok), "input 0 scale is -1.000000");
  ExpectError(*make(PerTensor(0.1f, 200), ok), "input 0 zero point 200 is out of range for INT8");
  ExpectError(*make(ok, {}), "output (INT8) has 0 scales");
  ExpectError(*make(ok, ok, TensorType_UINT8), "needs inputs and output of one type");
  ExpectError(*make(ok, PerTensor(1e-9f, 0)), "the output rescale factor");
  auto int16 = Case<int16_t>("int16_zp", tflite::BuiltinOperator_SUB, TensorType_INT16, {1}, {1}, PerTensor(0.1f, 3), {1},
                             {1}, PerTensor(0.1f, 0), {1}, PerTensor(0.1f, 0));
  ExpectError(*int16, "not 0 (TFLite requires 0 for INT16)");
}

}  // namespace
}  // namespace litescope::testing
