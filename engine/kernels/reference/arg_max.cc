// ARG_MAX: the index of the largest value along an axis (internal/arg_min_max.h).
#include <functional>

#include "engine/kernels/internal/arg_min_max.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {

std::unique_ptr<Kernel> MakeArgMax() { return Make<ArgMinMaxKernel<std::greater<>, tflite::ArgMaxOptions>>(); }

}  // namespace litescope
