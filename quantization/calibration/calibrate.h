// Calibration: runs a float model on a dataset and records, for every float activation tensor of
// its main subgraph, the range an observer derives from the values it took. The full-integer
// quantizer turns those ranges into scales and zero points.
//
//   Result<Dataset> data = Dataset::Open({.paths = {"images/"}, .preprocess = "range=0:1"}, *it);
//   Result<Calibration> c = Calibrate(*model, *data, {.observer = ObserverKind::kMinMax});
//   c->ranges[17];   // tensor 17's range, if it is a float activation
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/model.h"
#include "quantization/calibration/observer.h"

namespace litescope {

class Dataset;

struct CalibrationOptions {
  ObserverKind observer = ObserverKind::kMinMax;
  int threads = 1;
  // Called after each sample; returning false cancels (the result is then kCancelled).
  std::function<bool(int done, int total)> progress;
};

struct Calibration {
  ObserverKind observer = ObserverKind::kMinMax;
  int samples = 0;
  // By tensor index of the main subgraph: the range of each float activation (and of the inputs).
  std::vector<std::optional<TensorRange>> ranges;
  // Tensors that held NaN or infinities ("name: 12 non-finite values"); their ranges are made of
  // the finite values only.
  std::vector<std::string> nonfinite;
};

Result<Calibration> Calibrate(const Model& model, const Dataset& data, const CalibrationOptions& options);

}  // namespace litescope
