// Quantized BATCH_MATMUL (INT8, and INT16 with int64 sums): values worked out by hand, random cases
// (adjoints, broadcast batches, constant and fed y, zero points) against real TFLite, and the
// prepare errors for bad quantization.
//
// We requantize as TFLite's reference kernel does, with double rounding (the default
// MultiplyByQuantizedMultiplier). For INT8 the TFLite oracle (WebAssembly, its optimized GEMM path)
// differs from that by 1 LSB on a few outputs, as it does for FULLY_CONNECTED (see
// quantized_fully_connected_test.cc; presumably the same single rounding, not checked here). Its
// INT16 path is the reference one, and matches bit for bit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "tests/engine/kernels/batch_matmul_test_util.h"
#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType, tflite::TensorType_INT16, tflite::TensorType_INT32, tflite::TensorType_INT8;

TEST(QuantizedBatchMatMul, Int8ByHand) {
  // x scale 0.5, zero point 1; y scale 0.25, zero point 2; output scale 1, zero point -3: M = 0.125.
  //   x - 1 = [2, 4]; columns of y - 2: [2, -1], [4, 5], [-10, -1]
  //   sums 0, 28, -24 -> 0, 3.5 (a tie, away from zero: 4), -3 -> plus -3: -3, 1, -6
  OpCase c("int8", tflite::BuiltinOperator_BATCH_MATMUL, Bmm(false, false));
  c.Input<int8_t>(TensorType_INT8, {1, 2}, {3, 5}, PerTensor(0.5f, 1));
  c.Input<int8_t>(TensorType_INT8, {2, 3}, {4, 6, -8, 1, 7, 1}, PerTensor(0.25f, 2));
  c.Output(TensorType_INT8, {1, 3}, PerTensor(1.0f, -3));
  EXPECT_EQ(RunValues<int8_t>(c), (std::vector<int8_t>{-3, 1, -6}));
}

TEST(QuantizedBatchMatMul, Int16ByHandSumsPastInt32) {
  // 3 products of 30000 * 30000: the sum 2.7e9 is past int32. Scales 2^-15 and output scale 1 give
  // M = 2^-30: 2.7e9 * 2^-30 = 2.51 -> 3.
  OpCase c("int16", tflite::BuiltinOperator_BATCH_MATMUL, Bmm(false, true));
  const float s = 1.0f / 32768.0f;
  c.Input<int16_t>(TensorType_INT16, {1, 3}, {30000, 30000, -30000}, PerTensor(s, 0));
  c.Input<int16_t>(TensorType_INT16, {1, 3}, {30000, 30000, -30000}, PerTensor(s, 0));
  c.Output(TensorType_INT16, {1, 1}, PerTensor(1.0f, 0));
  EXPECT_EQ(RunValues<int16_t>(c), (std::vector<int16_t>{3}));
}

struct Geometry {
  Shape x, y;
  bool adj_x, adj_y, const_y;
};

const Geometry kGeometries[] = {
    {{5, 7}, {7, 3}, false, false, false},
    {{2, 4, 6}, {2, 6, 5}, false, false, true},
    {{2, 6, 4}, {2, 6, 5}, true, false, false},
    {{2, 4, 6}, {2, 5, 6}, false, true, true},
    {{3, 6, 4}, {3, 5, 6}, true, true, false},
    {{2, 1, 3, 5}, {1, 4, 5, 2}, false, false, false},  // batch broadcast both ways
    {{3, 2, 5}, {5, 7}, false, false, true},            // rank 3 x rank 2 constant weights
    {{4, 9}, {2, 3, 9, 1}, false, false, false},        // rank 2 x rank 4
    {{2, 1, 2, 3, 4}, {1, 3, 1, 4, 2}, false, false, false},  // rank 5
    {{1, 40}, {40, 33}, false, false, true},
};

int32_t Depth(const Geometry& g) { return g.adj_x ? g.x[g.x.size() - 2] : g.x.back(); }

template <typename T>
std::unique_ptr<OpCase> RandomCase(TensorType type, const Geometry& g, QuantParams xq, QuantParams yq,
                                   QuantParams oq, uint32_t seed) {
  auto c = std::make_unique<OpCase>("bmm_" + std::to_string(seed), tflite::BuiltinOperator_BATCH_MATMUL,
                                    Bmm(g.adj_x, g.adj_y));
  const int lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
  c->Input<T>(type, g.x, RandomInts<T>(static_cast<size_t>(ElementCount(g.x)), seed, lo, hi), xq);
  const std::vector<T> y = RandomInts<T>(static_cast<size_t>(ElementCount(g.y)), seed + 1, lo, hi);
  if (g.const_y) c->ConstInput<T>(type, g.y, y, yq);
  else c->Input<T>(type, g.y, y, yq);
  c->Output(type, BmmOutputShape(g.x, g.y, g.adj_x, g.adj_y), oq);
  return c;
}

TEST(QuantizedBatchMatMul, Int8MatchesTflite) {
  std::vector<std::unique_ptr<OpCase>> owned;
  uint32_t seed = 900;
  for (const Geometry& g : kGeometries) {
    // Output scales near the spread of the sums: few outputs saturate.
    const int32_t zx = static_cast<int32_t>(seed % 21) - 10, zy = static_cast<int32_t>(seed % 7) - 3;
    const float out_scale = 0.05f * std::sqrt(static_cast<float>(Depth(g)));
    owned.push_back(RandomCase<int8_t>(TensorType_INT8, g, PerTensor(0.05f, zx), PerTensor(0.011f, zy),
                                       PerTensor(out_scale, static_cast<int64_t>(seed % 11) - 5), seed));
    seed += 2;
  }
  for (auto& c : owned) ASSERT_TRUE(c->RunOurs().ok()) << c->name() << ": " << c->RunOurs().status().message();
  ExpectMatchesTflite(owned, 1);  // 1 LSB: the oracle's rounding (see the top of this file)
}

TEST(QuantizedBatchMatMul, Int16MatchesTflite) {
  std::vector<std::unique_ptr<OpCase>> owned;
  uint32_t seed = 950;
  for (const Geometry& g : kGeometries) {
    const float out_scale = 0.003f * std::sqrt(static_cast<float>(Depth(g)));
    owned.push_back(RandomCase<int16_t>(TensorType_INT16, g, PerTensor(0.0005f, 0), PerTensor(0.0003f, 0),
                                        PerTensor(out_scale, 0), seed));
    seed += 2;
  }
  for (auto& c : owned) ASSERT_TRUE(c->RunOurs().ok()) << c->name() << ": " << c->RunOurs().status().message();
  ExpectMatchesTflite(owned, 0);
}

// A 1x2 by 2x1 INT8 product with these quantizations; returns the prepare error.
std::string PrepareError(TensorType type, const QuantParams& xq, const QuantParams& yq, const QuantParams& oq,
                         TensorType out_type, int depth = 2) {
  OpCase c("bad", tflite::BuiltinOperator_BATCH_MATMUL, Bmm(false, false));
  const size_t n = static_cast<size_t>(depth);
  if (type == TensorType_INT16) {
    c.Input<int16_t>(type, {1, depth}, std::vector<int16_t>(n, 1), xq);
    c.Input<int16_t>(type, {depth, 1}, std::vector<int16_t>(n, 1), yq);
  } else {
    c.Input<int8_t>(type, {1, depth}, std::vector<int8_t>(n, 1), xq);
    c.Input<int8_t>(type, {depth, 1}, std::vector<int8_t>(n, 1), yq);
  }
  c.Output(out_type, {1, 1}, oq);
  Result<std::vector<NpyArray>> out = c.RunOurs();
  return out.ok() ? std::string() : out.status().message();
}

TEST(QuantizedBatchMatMul, RejectsBadQuantization) {
  auto expect_error = [](const std::string& error, const std::string& part) {
    EXPECT_NE(error.find(part), std::string::npos) << "'" << error << "' lacks '" << part << "'";
  };
  const QuantParams ok = PerTensor(0.1f, 0);
  const QuantParams per_channel{.scale = {0.1f, 0.2f}, .zero_point = {0, 0}, .quantized_dimension = 0};
  expect_error(PrepareError(TensorType_INT8, ok, per_channel, ok, TensorType_INT8),
               "BATCH_MATMUL y (INT8) has 2 scales and 2 zero points; one of each expected");
  expect_error(PrepareError(TensorType_INT8, PerTensor(0.0f, 0), ok, ok, TensorType_INT8),
               "BATCH_MATMUL x scale is 0.000000; a finite value > 0 expected");
  expect_error(PrepareError(TensorType_INT8, ok, ok, PerTensor(0.1f, 200), TensorType_INT8),
               "BATCH_MATMUL output zero point 200 is out of range for INT8");
  expect_error(PrepareError(TensorType_INT8, ok, ok, ok, TensorType_INT32),
               "the output is INT32; x's type INT8 expected");
  expect_error(PrepareError(TensorType_INT16, ok, PerTensor(0.1f, 3), ok, TensorType_INT16),
               "BATCH_MATMUL y zero point 3 is not 0");
  // 255 * 255 per product: more than 33025 of them can overflow int32.
  expect_error(PrepareError(TensorType_INT8, PerTensor(0.1f, -128), PerTensor(0.1f, -128), ok, TensorType_INT8,
                            40000),
               "sums of 40000 products of up to 255 * 255 can overflow the int32 accumulator");
  expect_error(PrepareError(TensorType_INT16, ok, ok, PerTensor(1e-9f, 0), TensorType_INT16),
               "is too large for a fixed-point multiplier");
}

}  // namespace
}  // namespace litescope::testing
