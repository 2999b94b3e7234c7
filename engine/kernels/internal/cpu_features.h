// Which instruction set the optimized float kernels use, decided at run time: AVX2 with FMA when
// the CPU has both and the OS saves the YMM registers (cpuid + xgetbv), else portable C++.
// LITESCOPE_CPU=generic in the environment forces the portable path (tests compare both paths
// on one machine); it is read each time a kernel is prepared.
//
//   CpuIsa isa = SelectedCpuIsa();          // at Prepare
//   const FloatKernels& k = FloatKernelsFor(isa);
#pragma once

namespace litescope {

enum class CpuIsa {
  kGeneric,  // portable C++ (whatever the compiler's baseline target allows)
  kAvx2Fma,  // x86-64 AVX2 + FMA3
};

struct CpuFeatures {
  bool avx2 = false;
  bool fma = false;
  bool os_saves_ymm = false;  // XCR0 has the SSE and AVX state bits
};

// What this CPU and OS support (detected once).
const CpuFeatures& HostCpuFeatures();

// The best ISA the host supports, unless LITESCOPE_CPU=generic asks for the portable path.
CpuIsa SelectedCpuIsa();

const char* CpuIsaName(CpuIsa isa);

}  // namespace litescope
