// GELU, float32, in the two forms TFLite computes: with `approximate`,
// 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))); otherwise 0.5 x erfc(-x / sqrt(2)), which is
// 0.5 x (1 + erf(x / sqrt(2))) without the cancellation for large negative x.
#include <cmath>
#include <numbers>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct GeluOp {
  bool approximate = false;

  Status Configure(const OpContext& ctx) {
    if (const auto* o = ctx.options<tflite::GeluOptions>()) approximate = o->approximate();
    return Status::Ok();
  }
  float operator()(float x) const {
    constexpr float kSqrt2OverPi = static_cast<float>(std::numbers::sqrt2 * std::numbers::inv_sqrtpi);
    constexpr float kMinusSqrtHalf = static_cast<float>(-1.0 / std::numbers::sqrt2);
    if (approximate) return 0.5f * x * (1.0f + std::tanh(kSqrt2OverPi * (x + 0.044715f * x * x * x)));
    return 0.5f * x * std::erfc(x * kMinusSqrtHalf);
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeGelu() { return Make<UnaryKernel<GeluOp, float>>(); }

}  // namespace litescope
