// MUL: a * b with broadcasting and a fused activation; integers wrap on overflow;
// INT8, UINT8 and INT16 are quantized (internal/quantized_binary.h).
#include "engine/kernels/internal/elementwise.h"
#include "engine/kernels/internal/quantized_binary.h"
#include "engine/kernels/internal/quantized_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct MulOp {
  using Types = TypeList<float, int32_t, int64_t>;
  using Options = tflite::MulOptions;
  template <typename T>
  static T Apply(T a, T b) {
    return WrappingMul(a, b);
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeMul() {
  return Make<QuantizedOr<QuantizedBinary<QuantizedArithmetic::kMul>, BinaryKernel<MulOp>>>();
}

}  // namespace litescope
