// Error metrics and histograms against values worked out by hand (Python's math module for the
// logarithms and square roots), and the --keep-float regex.
#include "quantization/compare/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "quantization/report/report.h"

namespace litescope {
namespace {

TEST(Metrics, OneSampleByHand) {
  // errors: 0.5, 0, -1, 0
  ErrorAccumulator acc;
  const std::vector<float> ref = {1, 2, 3, 4}, test = {1.5f, 2, 2, 4};
  acc.Add(ref, test);
  const ErrorMetrics m = acc.Metrics();
  EXPECT_EQ(m.count, 4);
  EXPECT_EQ(m.samples, 1);
  EXPECT_DOUBLE_EQ(m.mean_error, -0.125);
  EXPECT_DOUBLE_EQ(m.mean_abs_error, 0.375);
  EXPECT_DOUBLE_EQ(m.max_abs_error, 1.0);
  EXPECT_DOUBLE_EQ(m.mse, 0.3125);
  EXPECT_NEAR(m.rmse, 0.5590169943749475, 1e-12);
  EXPECT_NEAR(m.snr_db, 13.80211241711606, 1e-9);  // 10 log10(30 / 1.25)
  EXPECT_NEAR(m.cosine, 0.9799578870122226, 1e-12);  // 27.5 / sqrt(30 * 26.25)
}

TEST(Metrics, SamplesAggregateAndEdgeCases) {
  ErrorAccumulator acc;
  acc.Add(std::vector<float>{1, 2, 3, 4}, std::vector<float>{1.5f, 2, 2, 4});
  acc.Add(std::vector<float>{0, 0}, std::vector<float>{0, 0});  // identical zero vectors: cosine 1
  const ErrorMetrics m = acc.Metrics();
  EXPECT_EQ(m.count, 6);
  EXPECT_DOUBLE_EQ(m.mse, 1.25 / 6);
  EXPECT_NEAR(m.snr_db, 13.80211241711606, 1e-9);
  EXPECT_NEAR(m.cosine, (0.9799578870122226 + 1) / 2, 1e-12);

  ErrorAccumulator same;
  same.Add(std::vector<float>{1, -1}, std::vector<float>{1, -1});
  EXPECT_TRUE(std::isinf(same.Metrics().snr_db) && same.Metrics().snr_db > 0);
  EXPECT_DOUBLE_EQ(same.Metrics().cosine, 1.0);
  EXPECT_DOUBLE_EQ(CosineSimilarity(std::vector<float>{0, 0}, std::vector<float>{1, 0}), 0.0);
  EXPECT_DOUBLE_EQ(CosineSimilarity(std::vector<float>{1, 0}, std::vector<float>{-2, 0}), -1.0);
  EXPECT_EQ(ErrorAccumulator().Metrics().count, 0);
}

TEST(Metrics, HistogramIsSymmetricAroundZero) {
  const Histogram h = MakeHistogram(std::vector<float>{-1, -0.5f, 0, 0.5f, 1, NAN}, 4);
  EXPECT_DOUBLE_EQ(h.lo, -1);
  EXPECT_DOUBLE_EQ(h.hi, 1);
  EXPECT_EQ(h.counts, (std::vector<int64_t>{1, 1, 1, 2}));
  const Histogram zeros = MakeHistogram(std::vector<float>{0, 0, 0}, 5);
  EXPECT_EQ(zeros.counts, (std::vector<int64_t>{0, 0, 3, 0, 0}));
}

TEST(KeepFloat, RegexMatchesExactlyTheNamedTensors) {
  const std::string re = KeepFloatRegex({"model/conv1/Relu6", "a.b+c(1)"});
  EXPECT_EQ(re, "^(?:model/conv1/Relu6|a\\.b\\+c\\(1\\))$");
  const std::regex r(re);
  EXPECT_TRUE(std::regex_search("model/conv1/Relu6", r));
  EXPECT_TRUE(std::regex_search("a.b+c(1)", r));
  EXPECT_FALSE(std::regex_search("model/conv1/Relu6_1", r));
  EXPECT_FALSE(std::regex_search("aXb+c(1)", r));
  EXPECT_FALSE(std::regex_search("CONV_2D", r));
}

}  // namespace
}  // namespace litescope
