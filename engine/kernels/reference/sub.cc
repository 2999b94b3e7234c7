#include "engine/kernels/internal/float_binary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct SubOp {
  static float Apply(float a, float b) { return a - b; }
};
}  // namespace

std::unique_ptr<Kernel> MakeSub() { return Make<FloatBinaryKernel<SubOp, tflite::SubOptions>>(); }

}  // namespace litescope
