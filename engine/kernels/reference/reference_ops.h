// Factories of the reference kernels: plain loops that define what each op computes. The op
// list that maps builtins to them is engine/kernels/ops.cc.
#pragma once

#include <memory>

#include "engine/runtime/kernel.h"

namespace litescope {

std::unique_ptr<Kernel> MakeAdd();
std::unique_ptr<Kernel> MakeAveragePool2D();
std::unique_ptr<Kernel> MakeConv2D();
std::unique_ptr<Kernel> MakeDepthwiseConv2D();
std::unique_ptr<Kernel> MakeFullyConnected();
std::unique_ptr<Kernel> MakeMaxPool2D();
std::unique_ptr<Kernel> MakeLess();
std::unique_ptr<Kernel> MakeMean();
std::unique_ptr<Kernel> MakeMul();
std::unique_ptr<Kernel> MakeReshape();
std::unique_ptr<Kernel> MakeSoftmax();
std::unique_ptr<Kernel> MakeSub();
std::unique_ptr<Kernel> MakeAssignVariable();
std::unique_ptr<Kernel> MakeCallOnce();
std::unique_ptr<Kernel> MakeIf();
std::unique_ptr<Kernel> MakeReadVariable();
std::unique_ptr<Kernel> MakeVarHandle();
std::unique_ptr<Kernel> MakeWhile();

}  // namespace litescope
