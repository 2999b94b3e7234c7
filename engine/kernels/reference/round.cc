// ROUND, float32: to nearest, ties to even, computed as TFLite does (so -0.4 rounds to +0).
#include <cmath>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct RoundOp {
  float operator()(float x) const {
    const float below = std::floor(x);
    const float diff = x - below;
    // below is integral here and |below| < 2^23 whenever diff == 0.5, so fmod tells its parity.
    if (diff < 0.5f || (diff == 0.5f && std::fmod(below, 2.0f) == 0.0f)) return below;
    return below + 1.0f;
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeRound() { return Make<UnaryKernel<RoundOp, float>>(); }

}  // namespace litescope
