// SPACE_TO_DEPTH: each block_size x block_size block of pixels becomes block_size^2 times the
// channels (internal/depth_space.h).
#include "engine/kernels/internal/depth_space.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {

std::unique_ptr<Kernel> MakeSpaceToDepth() { return Make<DepthSpaceKernel<tflite::SpaceToDepthOptions, true>>(); }

}  // namespace litescope
