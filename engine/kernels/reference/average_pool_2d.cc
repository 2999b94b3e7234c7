// AVERAGE_POOL_2D: the mean of each window's part inside the input. Quantized, the int32 sum of
// the raw values is divided by the count rounding half away from zero, as TFLite's reference
// kernels do ((sum +- count / 2) / count).
#include "engine/kernels/internal/pool.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct Average {
  static constexpr bool kQuantized = true;
  template <typename Acc> static Acc Init() { return Acc(0); }
  template <typename Acc> static Acc Add(Acc acc, Acc x) { return acc + x; }
  static float Finish(float sum, int count) { return count > 0 ? sum / static_cast<float>(count) : 0.0f; }
  static int32_t Finish(int32_t sum, int count) {
    if (count == 0) return 0;
    return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeAveragePool2D() { return Make<PoolKernel<Average>>(); }

}  // namespace litescope
