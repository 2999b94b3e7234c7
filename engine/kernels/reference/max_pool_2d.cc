// MAX_POOL_2D: the largest value of each window's part inside the input; quantized on the raw
// values (the input and output share their quantization).
#include <limits>

#include "engine/kernels/internal/pool.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct Max {
  static constexpr bool kQuantized = true;
  template <typename Acc> static Acc Init() { return std::numeric_limits<Acc>::lowest(); }
  template <typename Acc> static Acc Add(Acc acc, Acc x) { return std::max(acc, x); }
  template <typename Acc> static Acc Finish(Acc acc, int) { return acc; }
};
}  // namespace

std::unique_ptr<Kernel> MakeMaxPool2D() { return Make<PoolKernel<Max>>(); }

}  // namespace litescope
