#include <gtest/gtest.h>

#include "tests/support/op_case.h"

namespace litescope {
namespace {

using testing::OpCase;
using testing::RandomFloats;
using tflite::TensorType_FLOAT32;

tflite::BuiltinOptionsUnion BatchMatMul(bool adj_x, bool adj_y) {
  tflite::BatchMatMulOptionsT o;
  o.adj_x = adj_x;
  o.adj_y = adj_y;
  return Options(o);
}

TEST(BatchMatMul, HandComputed) {
  OpCase c("plain", tflite::BuiltinOperator_BATCH_MATMUL, BatchMatMul(false, false));
  c.Input<float>(TensorType_FLOAT32, {2, 3}, {1, 2, 3, 4, 5, 6});
  c.Input<float>(TensorType_FLOAT32, {3, 2}, {1, 0, 0, 1, 1, 1});
  c.Output(TensorType_FLOAT32, {2, 2});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(testing::Values<float>((*out)[0]), (std::vector<float>{4, 5, 10, 11}));
}

TEST(BatchMatMul, HandComputedAdjointsAndBroadcast) {
  // x is [2, 1, 2, 2] read transposed; y is one [2, 2] matrix read transposed, broadcast to every batch.
  OpCase c("adj", tflite::BuiltinOperator_BATCH_MATMUL, BatchMatMul(true, true));
  c.Input<float>(TensorType_FLOAT32, {2, 1, 2, 2}, {1, 2, 3, 4, 0, 1, 1, 0});
  c.Input<float>(TensorType_FLOAT32, {2, 2}, {1, 10, 100, 1000});
  c.Output(TensorType_FLOAT32, {2, 1, 2, 2});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_TRUE(out.ok()) << out.status().message();
  // x0^T = [[1, 3], [2, 4]], y^T = [[1, 100], [10, 1000]]: [[31, 3100], [42, 4200]];
  // x1^T = [[0, 1], [1, 0]]: swaps the rows of y^T.
  EXPECT_EQ(testing::Values<float>((*out)[0]), (std::vector<float>{31, 3100, 42, 4200, 10, 1000, 1, 100}));
}

TEST(BatchMatMul, PrepareRejectsBadShapes) {
  struct Bad {
    Shape x, y;
    bool adj_x, adj_y;
    const char* message;
  };
  const Bad cases[] = {
      {{2, 3}, {2, 3}, false, false, "inner dimensions 3 and 2 differ"},
      {{2, 3}, {2, 3}, true, true, "inner dimensions 2 and 3 differ"},
      {{2, 2, 3}, {3, 3, 4}, false, false, "batch dimensions of [2, 2, 3] and [3, 3, 4] do not broadcast"},
      {{3}, {3, 4}, false, false, "input 0 has shape [3]; rank 2 to 5 expected"},
      {{1, 1, 1, 1, 2, 3}, {3, 4}, false, false, "rank 2 to 5 expected"},
  };
  for (const Bad& b : cases) {
    OpCase c("bad", tflite::BuiltinOperator_BATCH_MATMUL, BatchMatMul(b.adj_x, b.adj_y));
    c.Input<float>(TensorType_FLOAT32, b.x, RandomFloats(static_cast<size_t>(ElementCount(b.x)), 1));
    c.Input<float>(TensorType_FLOAT32, b.y, RandomFloats(static_cast<size_t>(ElementCount(b.y)), 2));
    c.Output(TensorType_FLOAT32, {});
    Result<std::vector<NpyArray>> out = c.RunOurs();
    ASSERT_FALSE(out.ok()) << b.message;
    EXPECT_NE(out.status().message().find(b.message), std::string::npos) << out.status().message();
  }
  // Quantized x with a float y: neither quantized nor hybrid (a FLOAT32 x with an INT8 y).
  OpCase c("int8_float", tflite::BuiltinOperator_BATCH_MATMUL, BatchMatMul(false, false));
  c.Input<int8_t>(tflite::TensorType_INT8, {2, 2}, {1, 2, 3, 4}, {{0.5f}, {0}});
  c.Input<float>(TensorType_FLOAT32, {2, 2}, {1, 2, 3, 4});
  c.Output(tflite::TensorType_INT8, {2, 2}, {{0.5f}, {0}});
  Result<std::vector<NpyArray>> out = c.RunOurs();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("y is FLOAT32; x's type INT8 expected"), std::string::npos)
      << out.status().message();
}

TEST(BatchMatMul, MatchesTfliteOnRandomCases) {
  struct Geometry {
    Shape x, y;
    bool adj_x, adj_y, const_y;
  };
  const Geometry cases[] = {
      {{5, 7}, {7, 3}, false, false, false},
      {{2, 4, 6}, {2, 6, 5}, false, false, false},
      {{2, 6, 4}, {2, 6, 5}, true, false, false},
      {{2, 4, 6}, {2, 5, 6}, false, true, false},
      {{3, 6, 4}, {3, 5, 6}, true, true, false},
      {{2, 1, 3, 5}, {1, 4, 5, 2}, false, false, false},   // batch broadcast both ways
      {{3, 2, 5}, {5, 7}, false, false, true},             // rank 3 x rank 2 constant weights
      {{4, 9}, {2, 3, 9, 1}, false, false, false},         // rank 2 x rank 4
      {{2, 1, 2, 3, 4}, {1, 3, 1, 4, 2}, false, false, false},  // rank 5
      {{1, 1, 1}, {1, 1, 1}, true, true, false},
  };
  std::vector<std::unique_ptr<OpCase>> owned;
  std::vector<OpCase*> all;
  uint32_t seed = 200;
  for (const Geometry& g : cases) {
    auto c = std::make_unique<OpCase>("bmm_" + std::to_string(owned.size()), tflite::BuiltinOperator_BATCH_MATMUL,
                                      BatchMatMul(g.adj_x, g.adj_y));
    c->Input<float>(TensorType_FLOAT32, g.x, RandomFloats(static_cast<size_t>(ElementCount(g.x)), seed++));
    std::vector<float> y = RandomFloats(static_cast<size_t>(ElementCount(g.y)), seed++);
    if (g.const_y) c->ConstInput<float>(TensorType_FLOAT32, g.y, y);
    else c->Input<float>(TensorType_FLOAT32, g.y, y);
    // The declared output shape, computed here independently of the kernel.
    const size_t rank = std::max(g.x.size(), g.y.size());
    Shape out(rank, 1);
    for (size_t d = 0; d + 2 < rank; ++d) {
      int32_t dx = d + g.x.size() >= rank ? g.x[d + g.x.size() - rank] : 1;
      int32_t dy = d + g.y.size() >= rank ? g.y[d + g.y.size() - rank] : 1;
      out[d] = std::max(dx, dy);
    }
    out[rank - 2] = g.adj_x ? g.x.back() : g.x[g.x.size() - 2];
    out[rank - 1] = g.adj_y ? g.y[g.y.size() - 2] : g.y.back();
    c->Output(TensorType_FLOAT32, out);
    all.push_back(c.get());
    owned.push_back(std::move(c));
  }
  for (OpCase* c : all) ASSERT_TRUE(c->RunOurs().ok()) << c->name();
  testing::ExpectMatchesTflite(all, 1e-5);
}

}  // namespace
}  // namespace litescope
