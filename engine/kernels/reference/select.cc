// SELECT: condition ? x : y, where the condition has x's shape, is a scalar, or is 1-D and picks
// whole rows of x (engine/kernels/internal/select.h).
#include "engine/kernels/internal/select.h"

#include "engine/kernels/reference/reference_ops.h"

namespace litescope {

std::unique_ptr<Kernel> MakeSelect() { return Make<SelectKernel<false>>(); }

}  // namespace litescope
