// FLOOR, float32.
#include <cmath>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct FloorOp {
  float operator()(float x) const { return std::floor(x); }
};
}  // namespace

std::unique_ptr<Kernel> MakeFloor() { return Make<UnaryKernel<FloorOp, float>>(); }

}  // namespace litescope
