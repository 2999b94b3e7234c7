#include "engine/kernels/internal/float_binary.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct AddOp {
  static float Apply(float a, float b) { return a + b; }
};
}  // namespace

std::unique_ptr<Kernel> MakeAdd() { return Make<FloatBinaryKernel<AddOp, tflite::AddOptions>>(); }

}  // namespace litescope
