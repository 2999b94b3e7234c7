// ARG_MIN: the index of the smallest value along an axis (internal/arg_min_max.h).
#include <functional>

#include "engine/kernels/internal/arg_min_max.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {

std::unique_ptr<Kernel> MakeArgMin() { return Make<ArgMinMaxKernel<std::less<>, tflite::ArgMinOptions>>(); }

}  // namespace litescope
