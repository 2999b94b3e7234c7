// SELECT_V2: condition ? x : y with condition, x and y broadcast together
// (engine/kernels/internal/select.h).
#include "engine/kernels/internal/select.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {

std::unique_ptr<Kernel> MakeSelectV2() { return Make<SelectKernel<true>>(); }

}  // namespace litescope
