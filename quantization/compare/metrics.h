// Error metrics between a reference (float) tensor and a test (dequantized) tensor, accumulated
// over the samples of a dataset; and histograms of the errors.
//
//   ErrorAccumulator acc;
//   for (each sample) acc.Add(float_values, dequantized_values);
//   ErrorMetrics m = acc.Metrics();   // m.snr_db, m.cosine, m.rmse, ...
//   Histogram h = MakeHistogram(errors, 41);
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace litescope {

struct ErrorMetrics {
  int64_t count = 0;          // elements compared, over all samples
  int samples = 0;
  double mean_error = 0;      // mean of (test - reference): the bias
  double mean_abs_error = 0;  // mean of |test - reference|
  double max_abs_error = 0;
  double mse = 0;             // mean of (test - reference)^2
  double rmse = 0;
  double snr_db = 0;          // 10 log10(sum reference^2 / sum error^2); +inf when there is no error
  double cosine = 1;          // mean over samples of cos(reference, test); 1 for two zero vectors
};

class ErrorAccumulator {
 public:
  // One sample: `reference` and `test` have the same length.
  void Add(std::span<const float> reference, std::span<const float> test);
  ErrorMetrics Metrics() const;

 private:
  int64_t count_ = 0;
  int samples_ = 0;
  double sum_error_ = 0, sum_abs_ = 0, max_abs_ = 0, sum_squared_error_ = 0, sum_squared_reference_ = 0;
  double sum_cosine_ = 0;
};

// Cosine similarity of two vectors: 1 when both are zero, 0 when only one is.
double CosineSimilarity(std::span<const float> a, std::span<const float> b);

struct Histogram {
  double lo = 0, hi = 0;        // the range the bins split evenly
  std::vector<int64_t> counts;  // bin i covers [lo + i w, lo + (i + 1) w), the last one includes hi
};

// `bins` bins over [-m, m], m the largest |value| (a symmetric picture of signed errors); all
// values in the middle bin when they are all 0.
Histogram MakeHistogram(std::span<const float> values, int bins);

}  // namespace litescope
