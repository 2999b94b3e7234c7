// Factories of the optimized float32 CPU kernels (packed GEMM, AVX2 + FMA with a portable
// fallback chosen at run time). Each derives from its reference kernel, shares its Prepare, and
// runs the reference loops for the cases it has no fast path for. BuiltinOps() (engine/kernels/
// ops.cc) puts them over ReferenceOps().
#pragma once

#include <memory>

#include "engine/runtime/kernel.h"

namespace litescope {

std::unique_ptr<Kernel> MakeOptimizedConv2D();
std::unique_ptr<Kernel> MakeOptimizedDepthwiseConv2D();
std::unique_ptr<Kernel> MakeOptimizedFullyConnected();

}  // namespace litescope
