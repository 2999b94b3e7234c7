// REDUCE_MIN: float32, int32, int64, and int8/uint8/int16 with the output quantized like the
// input, over the axes in input 1 (see internal/reduce.h). An empty reduction gives the
// largest value of the type.
#include <limits>

#include "engine/kernels/internal/reduce.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct MinOp {
  static constexpr const char* kName = "REDUCE_MIN";
  static constexpr bool kIntegers = true;
  static constexpr bool kOrderOnly = true;
  template <typename T> static T Init() { return std::numeric_limits<T>::max(); }
  template <typename T> static T Add(T acc, T x) { return x < acc ? x : acc; }
  template <typename T> static T Finish(T acc, int64_t) { return acc; }
};
}  // namespace

std::unique_ptr<Kernel> MakeReduceMin() { return Make<ReduceKernel<MinOp>>(); }

}  // namespace litescope
