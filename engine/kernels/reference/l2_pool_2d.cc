// L2_POOL_2D, float32 (TFLite has no quantized L2 pooling): sqrt(mean of x^2) over the part of
// each window inside the input.
#include <cmath>

#include "engine/kernels/internal/pool.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct L2 {
  static constexpr bool kQuantized = false;
  template <typename Acc> static Acc Init() { return Acc(0); }
  template <typename Acc> static Acc Add(Acc acc, Acc x) { return acc + x * x; }
  static float Finish(float acc, int count) { return count > 0 ? std::sqrt(acc / static_cast<float>(count)) : 0.0f; }
};
}  // namespace

std::unique_ptr<Kernel> MakeL2Pool2D() { return Make<PoolKernel<L2>>(); }

}  // namespace litescope
