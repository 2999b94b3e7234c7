// LOG_SOFTMAX, float32: x - max - log(sum(exp(x - max))) over the last axis.
#include <algorithm>
#include <cmath>

#include "engine/kernels/internal/float_rows.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct LogSoftmaxOp {
  Status Configure(const OpContext&, size_t) { return Status::Ok(); }

  void Row(const float* x, float* y, int64_t depth) const {
    const float max = *std::max_element(x, x + depth);
    float sum = 0.0f;
    for (int64_t i = 0; i < depth; ++i) sum += std::exp(x[i] - max);
    const float log_sum = std::log(sum);
    for (int64_t i = 0; i < depth; ++i) y[i] = x[i] - max - log_sum;
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeLogSoftmax() { return Make<FloatRowsKernel<LogSoftmaxOp>>(); }

}  // namespace litescope
