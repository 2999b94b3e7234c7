// L2_NORMALIZATION, float32: x / max(sqrt(sum(x^2)), 1e-6) over the last axis, for ranks 1 to 4
// and no fused activation, as TFLite accepts it.
#include <algorithm>
#include <cmath>
#include <string>

#include "engine/kernels/internal/float_rows.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct L2NormalizationOp {
  Status Configure(const OpContext& ctx, size_t rank) {
    if (rank > 4) return ctx.Error("input rank " + std::to_string(rank) + " is above 4, TFLite's limit");
    const auto* o = ctx.options<tflite::L2NormOptions>();
    if (o != nullptr && o->fused_activation_function() != tflite::ActivationFunctionType_NONE) {
      return ctx.Error(std::string("fused activation ") +
                       tflite::EnumNameActivationFunctionType(o->fused_activation_function()) +
                       " is not supported (TFLite takes NONE only)");
    }
    return Status::Ok();
  }

  void Row(const float* x, float* y, int64_t depth) const {
    constexpr float kEpsilon = 1e-6f;  // fixed in TFLite's kernel
    float squares = 0.0f;
    for (int64_t i = 0; i < depth; ++i) squares += x[i] * x[i];
    const float norm = std::max(std::sqrt(squares), kEpsilon);
    for (int64_t i = 0; i < depth; ++i) y[i] = x[i] / norm;
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeL2Normalization() { return Make<FloatRowsKernel<L2NormalizationOp>>(); }

}  // namespace litescope
