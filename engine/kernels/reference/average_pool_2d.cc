#include "engine/kernels/internal/float_pool.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct Average {
  static float Init() { return 0.0f; }
  static float Add(float acc, float x) { return acc + x; }
  static float Finish(float acc, int count) { return count > 0 ? acc / static_cast<float>(count) : 0.0f; }
};
}  // namespace

std::unique_ptr<Kernel> MakeAveragePool2D() { return Make<FloatPoolKernel<Average>>(); }

}  // namespace litescope
