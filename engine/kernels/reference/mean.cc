// MEAN, float32: the average over the axes in input 1 (see internal/reduce.h for the axes and
// keep_dims rules). INT8, UINT8 and INT16 are requantized to the output's scale and zero point as
// TFLite does (internal/quantized_reduce.h).
#include "engine/kernels/internal/reduce.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct MeanOp {
  static constexpr const char* kName = "MEAN";
  static constexpr bool kIntegers = false;
  static constexpr bool kOrderOnly = false;
  template <typename T> static T Init() { return T(0); }
  template <typename T> static T Add(T acc, T x) { return acc + x; }
  template <typename T> static T Finish(T acc, int64_t count) { return count > 0 ? acc / static_cast<T>(count) : acc; }
  static constexpr QuantizedReduce::Kind kQuantizedKind = QuantizedReduce::kMean;
};
}  // namespace

std::unique_ptr<Kernel> MakeMean() { return Make<ReduceKernel<MeanOp>>(); }

}  // namespace litescope
