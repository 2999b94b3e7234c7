// Hybrid (dynamic-range) BATCH_MATMUL (FLOAT32 x, INT8 y): values worked out by hand, random cases
// against real TFLite (its builtin EvalHybrid) with symmetric and asymmetric run-time quantization
// of the rows of x, and the prepare errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <memory>

#include "tests/engine/kernels/batch_matmul_test_util.h"
#include "tests/engine/kernels/elementwise_test_util.h"
#include "tests/engine/kernels/quantized_test_util.h"

namespace litescope::testing {
namespace {

using tflite::TensorType_FLOAT32, tflite::TensorType_INT8;

TEST(HybridBatchMatMul, SymmetricByHand) {
  // Row [1.27, -0.6]: scale 0.01, q = [127, -60]; y = [2, -1] with scale 0.5:
  // dot = 254 + 60 = 314 -> 314 * (0.01 * 0.5) = 1.57.
  OpCase c("sym", tflite::BuiltinOperator_BATCH_MATMUL, Bmm(false, false, false));
  c.Input<float>(TensorType_FLOAT32, {1, 2}, {1.27f, -0.6f});
  c.ConstInput<int8_t>(TensorType_INT8, {2, 1}, {2, -1}, PerTensor(0.5f, 0));
  c.Output(TensorType_FLOAT32, {1, 1});
  const std::vector<float> y = RunValues<float>(c);
  ASSERT_EQ(y.size(), 1u);
  EXPECT_NEAR(y[0], 1.57f, 1e-6f);
}

TEST(HybridBatchMatMul, AsymmetricByHand) {
  // Row [0.5, 2.55, 1.0] (read down a column: adj_x): range [0, 2.55], scale 0.01, offset -128,
  // q = [-78, 127, -28]. y = [1, 1, 1], scale 1: dot = 21, minus column sum 3 * offset -128 = 405
  // -> 4.05 = 0.5 + 2.55 + 1.0.
  OpCase c("asym", tflite::BuiltinOperator_BATCH_MATMUL, Bmm(true, false, true));
  c.Input<float>(TensorType_FLOAT32, {3, 1}, {0.5f, 2.55f, 1.0f});
  c.ConstInput<int8_t>(TensorType_INT8, {3, 1}, {1, 1, 1}, PerTensor(1.0f, 0));
  c.Output(TensorType_FLOAT32, {1, 1});
  const std::vector<float> y = RunValues<float>(c);
  ASSERT_EQ(y.size(), 1u);
  EXPECT_NEAR(y[0], 4.05f, 1e-5f);
}

struct Geometry {
  Shape x, y;
  bool adj_x, adj_y, const_y;
};

std::unique_ptr<OpCase> RandomCase(const Geometry& g, bool asymmetric, uint32_t seed) {
  auto c = std::make_unique<OpCase>("hybrid_bmm_" + std::to_string(seed), tflite::BuiltinOperator_BATCH_MATMUL,
                                    Bmm(g.adj_x, g.adj_y, asymmetric));
  // Shifted ranges, so that asymmetric quantization has offsets to subtract.
  c->Input<float>(TensorType_FLOAT32, g.x, RandomFloats(static_cast<size_t>(ElementCount(g.x)), seed, -0.7f, 1.9f));
  const std::vector<int8_t> y = RandomInts<int8_t>(static_cast<size_t>(ElementCount(g.y)), seed + 1, -127, 127);
  if (g.const_y) c->ConstInput<int8_t>(TensorType_INT8, g.y, y, PerTensor(0.0123f, 0));
  else c->Input<int8_t>(TensorType_INT8, g.y, y, PerTensor(0.0123f, 0));
  c->Output(TensorType_FLOAT32, BmmOutputShape(g.x, g.y, g.adj_x, g.adj_y));
  return c;
}

TEST(HybridBatchMatMul, MatchesTflite) {
  const Geometry geometries[] = {
      {{5, 7}, {7, 3}, false, false, true},
      {{2, 4, 6}, {2, 6, 5}, false, false, true},
      {{2, 6, 4}, {2, 6, 5}, true, false, true},
      {{2, 4, 6}, {2, 5, 6}, false, true, true},
      {{3, 6, 4}, {3, 5, 6}, true, true, true},
      {{3, 2, 5}, {5, 7}, false, false, true},        // one y for every batch of x
      {{1, 4, 9}, {3, 9, 2}, false, false, true},     // one x for every batch of y
      {{4, 9}, {2, 9, 3}, false, false, true},        // rank 2 x rank 3
      {{2, 3, 16}, {16, 12}, false, false, false},    // y fed at run time
  };
  std::vector<std::unique_ptr<OpCase>> owned;
  uint32_t seed = 1200;
  for (bool asymmetric : {false, true}) {
    for (const Geometry& g : geometries) {
      owned.push_back(RandomCase(g, asymmetric, seed));
      seed += 2;
    }
  }
  ExpectRunsAndMatchesTflite(owned, 1e-6);  // bit-exact today (checked with tolerance 0)
}

// A hybrid 1x2 by 2x1 product with this y quantization and output type; returns the prepare error.
std::string PrepareError(const QuantParams& yq, tflite::TensorType out_type = TensorType_FLOAT32) {
  OpCase c("bad", tflite::BuiltinOperator_BATCH_MATMUL, Bmm(false, false, false));
  c.Input<float>(TensorType_FLOAT32, {1, 2}, {0.5f, -0.25f});
  c.ConstInput<int8_t>(TensorType_INT8, {2, 1}, {3, -4}, yq);
  c.Output(out_type, {1, 1}, out_type == TensorType_INT8 ? PerTensor(0.1f, 0) : QuantParams{});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  return out.ok() ? std::string() : out.status().message();
}

TEST(HybridBatchMatMul, RejectsBadQuantization) {
  auto expect_error = [](const std::string& error, const std::string& part) {
    EXPECT_NE(error.find(part), std::string::npos) << "'" << error << "' lacks '" << part << "'";
  };
  expect_error(PrepareError({.scale = {0.1f, 0.2f}, .zero_point = {0, 0}, .quantized_dimension = 0}),
               "hybrid BATCH_MATMUL: the INT8 y needs one scale, has 2");
  expect_error(PrepareError(PerTensor(0.0f, 0)), "hybrid BATCH_MATMUL: y scale is 0.000000; a finite value > 0");
  expect_error(PrepareError(PerTensor(std::numeric_limits<float>::quiet_NaN(), 0)), "a finite value > 0 expected");
  expect_error(PrepareError(PerTensor(0.1f, 5)), "must have zero point 0");
  expect_error(PrepareError(PerTensor(0.1f, 0), TensorType_INT8), "hybrid BATCH_MATMUL: the output is INT8");
}

}  // namespace
}  // namespace litescope::testing
