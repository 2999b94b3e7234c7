// The side-by-side facts of one model for a comparison: file size, op counts by type, inputs and
// outputs, and latency on this machine (median of N invokes).
//
//   ModelInfo info = DescribeModel(model, interpreter);
//   Status s = MeasureLatency(model, dataset, /*runs=*/20, /*threads=*/1, info);
#pragma once

#include "quantization/compare/compare.h"

namespace litescope {

TensorInfo DescribeTensor(const Tensor& t);

// Everything but the latency.
ModelInfo DescribeModel(const Model& model, Interpreter& it);

// Runs `model` on sample 0 of `data`: 2 warm-up invokes, then `runs` timed ones; sets
// info.latency_ms (median), latency_min_ms, latency_runs and threads.
Status MeasureLatency(const Model& model, const Dataset& data, int runs, int threads, ModelInfo& info);

}  // namespace litescope
