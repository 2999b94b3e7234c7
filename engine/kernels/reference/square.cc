// SQUARE, float32.
#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct SquareOp {
  float operator()(float x) const { return x * x; }
};
}  // namespace

std::unique_ptr<Kernel> MakeSquare() { return Make<UnaryKernel<SquareOp, float>>(); }

}  // namespace litescope
