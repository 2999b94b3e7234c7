// LOG, float32 (log of a negative number is NaN, of zero -inf, as in TFLite).
#include <cmath>

#include "engine/kernels/internal/unary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct LogOp {
  float operator()(float x) const { return std::log(x); }
};
}  // namespace

std::unique_ptr<Kernel> MakeLog() { return Make<UnaryKernel<LogOp, float>>(); }

}  // namespace litescope
