// L2_POOL_2D, float32: sqrt(mean of x^2) over the part of each window inside the input.
#include <cmath>

#include "engine/kernels/internal/float_pool.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct L2 {
  static float Init() { return 0.0f; }
  static float Add(float acc, float x) { return acc + x * x; }
  static float Finish(float acc, int count) { return count > 0 ? std::sqrt(acc / static_cast<float>(count)) : 0.0f; }
};
}  // namespace

std::unique_ptr<Kernel> MakeL2Pool2D() { return Make<FloatPoolKernel<L2>>(); }

}  // namespace litescope
