// PADV2: PAD whose pad value is input 2 (one value of the input's type; zero or the zero point
// when omitted). The kernel is shared with PAD (internal/pad.h).
#include "engine/kernels/internal/pad.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {

std::unique_ptr<Kernel> MakePadV2() { return Make<ConstantPadKernel>(); }

}  // namespace litescope
