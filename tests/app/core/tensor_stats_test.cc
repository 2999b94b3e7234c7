// Tensor statistics against values worked out by hand and against a direct count.
#include "app/core/tensor_stats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/support/test_support.h"

namespace litescope {
namespace {

using testing::BuildAndLoad;

TEST(TensorStats, PerChannelInt8IsDequantizedChannelByChannel) {
  // Filter [2,1,1,2] int8, per-channel on axis 0: channel 0 scale 0.5, channel 1 scale 2.
  ModelBuilder b;
  const std::vector<int8_t> q = {2, -4, 3, 1};
  b.AddConstTensor<int8_t>("w", tflite::TensorType_INT8, {2, 1, 1, 2}, q,
                           {.scale = {0.5f, 2.0f}, .zero_point = {0, 0}, .quantized_dimension = 0});
  std::unique_ptr<Model> m = BuildAndLoad(b);
  const TensorView t = m->subgraph(0).tensor(0);
  Result<TensorValues> real = DecodeTensor(t, true);
  ASSERT_TRUE(real.ok()) << real.status().message();
  EXPECT_TRUE(real->dequantized);
  EXPECT_EQ(real->values, (std::vector<double>{1.0, -2.0, 6.0, 2.0}));
  Result<TensorValues> raw = DecodeTensor(t, false);
  EXPECT_EQ(raw->values, (std::vector<double>{2, -4, 3, 1}));
  const std::vector<ChannelRange> ranges = ChannelRanges(real->values, {2, 1, 1, 2}, 0);
  ASSERT_EQ(ranges.size(), 2u);
  EXPECT_EQ(ranges[0].min, -2.0);
  EXPECT_EQ(ranges[0].max, 1.0);
  EXPECT_EQ(ranges[1].min, 2.0);
  EXPECT_EQ(ranges[1].max, 6.0);
}

TEST(TensorStats, StatsSkipNanAndInf) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  const TensorStats s = ComputeStats({0, 2, 4, nan, inf, -inf, 0});
  EXPECT_EQ(s.count, 7u);
  EXPECT_EQ(s.nan, 1u);
  EXPECT_EQ(s.inf, 2u);
  EXPECT_EQ(s.min, 0);
  EXPECT_EQ(s.max, 4);
  EXPECT_DOUBLE_EQ(s.mean, 1.5);
  EXPECT_DOUBLE_EQ(s.stddev, std::sqrt((1.5 * 1.5 * 2 + 0.25 + 2.5 * 2.5) / 4));
  EXPECT_DOUBLE_EQ(s.sparsity, 2.0 / 7.0);
}

TEST(TensorStats, HistogramMatchesADirectCount) {
  std::vector<double> v;
  for (int i = 0; i < 1000; ++i) v.push_back(std::sin(i * 0.37) * 3 + (i % 7));
  const Histogram h = ComputeHistogram(v, 16);
  ASSERT_EQ(h.counts.size(), 16u);
  uint64_t total = 0;
  for (size_t bin = 0; bin < 16; ++bin) {
    const double lo = h.low + (h.high - h.low) * static_cast<double>(bin) / 16;
    const double hi = h.low + (h.high - h.low) * static_cast<double>(bin + 1) / 16;
    uint64_t expected = 0;
    for (double x : v) expected += (x >= lo && x < hi) || (bin == 15 && x == h.high);
    EXPECT_NEAR(static_cast<double>(h.counts[bin]), static_cast<double>(expected), 1) << "bin " << bin;
    total += h.counts[bin];
  }
  EXPECT_EQ(total, v.size());
}

TEST(TensorStats, ConstantTensorHasOneBin) {
  const Histogram h = ComputeHistogram({3, 3, 3}, 64);
  ASSERT_EQ(h.counts.size(), 1u);
  EXPECT_EQ(h.counts[0], 3u);
  EXPECT_LT(h.low, 3);
  EXPECT_GT(h.high, 3);
}

TEST(TensorStats, ActivationsHaveNoValues) {
  std::unique_ptr<Model> m = BuildAndLoad(*std::make_unique<ModelBuilder>(testing::SmallConvModel()));
  Result<TensorValues> v = DecodeTensor(m->subgraph(0).tensor(0), true);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("no constant data"), std::string::npos);
}

}  // namespace
}  // namespace litescope
