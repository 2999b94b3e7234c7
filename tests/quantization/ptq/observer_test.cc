// Calibration observers on value sets whose ranges are known by construction.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "quantization/calibration/observer.h"

namespace litescope {
namespace {

TEST(TensorObserver, MinMaxAndEmaOverSamples) {
  TensorObserver o;
  const std::vector<float> a = {-1, 0, 2}, b = {-3, 1};
  o.Add(a.data(), 3);
  o.Add(b.data(), 2);
  EXPECT_EQ(o.Range(ObserverKind::kMinMax).min, -3);
  EXPECT_EQ(o.Range(ObserverKind::kMinMax).max, 2);
  // EMA with decay 0.9: min -1 -> 0.9 * -1 + 0.1 * -3 = -1.2; max 2 -> 0.9 * 2 + 0.1 * 1 = 1.9.
  EXPECT_FLOAT_EQ(o.Range(ObserverKind::kEma).min, -1.2f);
  EXPECT_FLOAT_EQ(o.Range(ObserverKind::kEma).max, 1.9f);
}

TEST(TensorObserver, NonFiniteValuesAreCountedAndLeftOut) {
  TensorObserver o;
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> v = {0.5f, std::nanf(""), inf, -inf, -0.25f};
  o.Add(v.data(), static_cast<int64_t>(v.size()));
  EXPECT_EQ(o.nonfinite(), 3);
  for (ObserverKind k : {ObserverKind::kMinMax, ObserverKind::kEma, ObserverKind::kPercentile, ObserverKind::kMse}) {
    const TensorRange r = o.Range(k);
    EXPECT_TRUE(std::isfinite(r.min) && std::isfinite(r.max)) << ObserverName(k);
  }
}

TEST(TensorObserver, PercentileAndMseClipRareOutliers) {
  // 100,000 values uniform in [-1, 1] and one outlier at 1000: min/max keeps the outlier, the
  // percentile and MSE ranges clip it (the MSE range to at most 0.3 x 1000 = 300 here, the
  // smallest clip it tries).
  std::vector<float> v(100000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = -1.0f + 2.0f * static_cast<float>(i) / static_cast<float>(v.size() - 1);
  v[500] = 1000.0f;
  TensorObserver o;
  o.Add(v.data(), static_cast<int64_t>(v.size()));
  EXPECT_EQ(o.Range(ObserverKind::kMinMax).max, 1000.0f);
  EXPECT_LT(o.Range(ObserverKind::kPercentile).max, 1.01f);
  EXPECT_LT(o.Range(ObserverKind::kMse).max, 301.0f);
}

TEST(ObserverNames, RoundTrip) {
  for (ObserverKind k : {ObserverKind::kMinMax, ObserverKind::kEma, ObserverKind::kPercentile, ObserverKind::kMse})
    EXPECT_EQ(*ParseObserver(ObserverName(k)), k);
  EXPECT_FALSE(ParseObserver("kl").ok());
}

}  // namespace
}  // namespace litescope
