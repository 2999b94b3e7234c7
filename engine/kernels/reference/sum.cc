// SUM: float32, int32 and int64 (integers wrap around, as in internal/wrapping_math.h) over the axes in input 1 (see
// internal/reduce.h for the axes and keep_dims rules). An empty reduction gives 0. INT8, UINT8 and
// INT16 as TFLite computes them (internal/quantized_reduce.h): the stored values summed (wrapping)
// when the output keeps the input's quantization, else (8-bit only) requantized in float, wrapping.
#include "engine/kernels/internal/reduce.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct SumOp {
  static constexpr const char* kName = "SUM";
  static constexpr bool kIntegers = true;
  static constexpr bool kOrderOnly = false;
  template <typename T> static T Init() { return T(0); }
  template <typename T> static T Add(T acc, T x) { return WrappingAdd(acc, x); }
  template <typename T> static T Finish(T acc, int64_t) { return acc; }
  static constexpr QuantizedReduce::Kind kQuantizedKind = QuantizedReduce::kSum;
};
}  // namespace

std::unique_ptr<Kernel> MakeSum() { return Make<ReduceKernel<SumOp>>(); }

}  // namespace litescope
