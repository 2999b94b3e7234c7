// Random inputs for `run --random`, `bench` and `convert --check`: the distribution the oracle uses, so that a
// float model sees ordinary values (random bytes would give denormals, which are slow, and NaNs).
#pragma once

#include <random>

#include "engine/runtime/tensor.h"

namespace litescope {

// Fills a tensor the way the oracle makes inputs: floats U[-1, 1), integers over their range.
void FillRandom(Tensor& t, std::mt19937& rng);

}  // namespace litescope
