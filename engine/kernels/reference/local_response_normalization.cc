// LOCAL_RESPONSE_NORMALIZATION, float32, rank 4: over the last axis,
// y[c] = x[c] * (bias + alpha * sum(x[k]^2 for |k - c| <= radius))^-beta, the window of TFLite's
// default (optimized) kernel and of TensorFlow's LRN.
#include <algorithm>
#include <cmath>
#include <string>

#include "engine/kernels/internal/float_rows.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct LocalResponseNormalizationOp {
  int64_t radius = 0;
  float bias = 0.0f, alpha = 0.0f, beta = 0.0f;  // TFLite's values when the options table is absent

  Status Configure(const OpContext& ctx, size_t rank) {
    if (rank != 4) return ctx.Error("input rank " + std::to_string(rank) + " is not 4");
    if (const auto* o = ctx.options<tflite::LocalResponseNormalizationOptions>()) {
      radius = o->radius(), bias = o->bias(), alpha = o->alpha(), beta = o->beta();
    }
    if (radius < 0) return ctx.Error("radius " + std::to_string(radius) + " is negative");
    return Status::Ok();
  }

  void Row(const float* x, float* y, int64_t depth) const {
    for (int64_t c = 0; c < depth; ++c) {
      const int64_t begin = std::max<int64_t>(0, c - radius), end = std::min(depth, c + radius + 1);
      float squares = 0.0f;
      for (int64_t k = begin; k < end; ++k) squares += x[k] * x[k];
      y[c] = x[c] * std::pow(bias + alpha * squares, -beta);
    }
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeLocalResponseNormalization() {
  return Make<FloatRowsKernel<LocalResponseNormalizationOp>>();
}

}  // namespace litescope
