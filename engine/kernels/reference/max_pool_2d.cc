#include <limits>

#include "engine/kernels/internal/float_pool.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct Max {
  static float Init() { return std::numeric_limits<float>::lowest(); }
  static float Add(float acc, float x) { return std::max(acc, x); }
  static float Finish(float acc, int) { return acc; }
};
}  // namespace

std::unique_ptr<Kernel> MakeMaxPool2D() { return Make<FloatPoolKernel<Max>>(); }

}  // namespace litescope
