// PAD: the input surrounded by the counts in input 1 ([rank, 2] before/after) of zeros (the zero
// point for quantized tensors). The kernel is shared with PADV2 (internal/pad.h).
#include "engine/kernels/internal/pad.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {

std::unique_ptr<Kernel> MakePad() { return Make<ConstantPadKernel>(); }

}  // namespace litescope
