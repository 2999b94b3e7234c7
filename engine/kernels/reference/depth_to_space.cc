// DEPTH_TO_SPACE: the inverse of SPACE_TO_DEPTH, in TFLite's DCR order (internal/depth_space.h).
#include "engine/kernels/internal/depth_space.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {

std::unique_ptr<Kernel> MakeDepthToSpace() { return Make<DepthSpaceKernel<tflite::DepthToSpaceOptions, false>>(); }

}  // namespace litescope
