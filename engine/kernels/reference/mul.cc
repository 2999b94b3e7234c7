#include "engine/kernels/internal/float_binary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct MulOp {
  static float Apply(float a, float b) { return a * b; }
};
}  // namespace

std::unique_ptr<Kernel> MakeMul() { return Make<FloatBinaryKernel<MulOp, tflite::MulOptions>>(); }

}  // namespace litescope
