// Reading a classifier's output: the top-K classes of a score vector (any numeric type, scores
// dequantized for quantized outputs) and label files (one label per line, line i = class i).
//
//   Result<std::vector<std::string>> labels = LoadLabels("imagenet_labels.txt");
//   for (const Ranked& r : TopK(*it.output(0), 5)) printf("%d %s %f\n", r.index, ..., r.score);
#pragma once

#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/runtime/tensor.h"

namespace litescope {

struct Ranked {
  int index = 0;
  double raw = 0;    // the stored value (the integer for quantized outputs)
  double score = 0;  // dequantized: scale * (raw - zero_point), or raw for float outputs
};

// The k highest values of `scores` (all its elements, in order), highest first; ties go to the
// lower index. Empty for an element type that is not numeric.
std::vector<Ranked> TopK(const Tensor& scores, int k);

Result<std::vector<std::string>> LoadLabels(const std::string& path);

}  // namespace litescope
