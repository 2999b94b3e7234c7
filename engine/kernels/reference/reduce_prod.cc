// REDUCE_PROD: float32, int32 and int64 (integers wrap around) over the axes in input 1 (see
// internal/reduce.h for the axes and keep_dims rules). An empty reduction gives 1.
#include "engine/kernels/internal/reduce.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct ProdOp {
  static constexpr const char* kName = "REDUCE_PROD";
  static constexpr bool kIntegers = true;
  static constexpr bool kOrderOnly = false;
  template <typename T> static T Init() { return T(1); }
  template <typename T> static T Add(T acc, T x) { return WrappingMul(acc, x); }
  template <typename T> static T Finish(T acc, int64_t) { return acc; }
};
}  // namespace

std::unique_ptr<Kernel> MakeReduceProd() { return Make<ReduceKernel<ProdOp>>(); }

}  // namespace litescope
