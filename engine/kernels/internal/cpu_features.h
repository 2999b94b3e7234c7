// Which instruction set the optimized float kernels use, decided at run time (cpuid + xgetbv):
// AVX-512F when the CPU has it and the OS saves the ZMM registers, else AVX2 with FMA when the OS
// saves the YMM registers, else portable C++. LITESCOPE_CPU=avx2 or LITESCOPE_CPU=generic in the
// environment caps the choice (tests compare every path on one machine); it is read each time a
// kernel is prepared.
//
//   CpuIsa isa = SelectedCpuIsa();          // at Prepare
//   const FloatKernels& k = FloatKernelsFor(isa);
#pragma once

#include <vector>

namespace litescope {

enum class CpuIsa {
  kGeneric,  // portable C++ (whatever the compiler's baseline target allows)
  kAvx2Fma,  // x86-64 AVX2 + FMA3
  kAvx512,   // x86-64 AVX-512F (with AVX2 + FMA3)
};

struct CpuFeatures {
  bool avx2 = false;
  bool fma = false;
  bool os_saves_ymm = false;  // XCR0 has the SSE and AVX state bits
  bool avx512f = false;
  bool os_saves_zmm = false;  // XCR0 also has the opmask and both ZMM state bits
  bool avx512bw = false;
  bool avx512vl = false;
  bool avx512vnni = false;  // vpdpbusd: u8 x s8 dot products of four, into int32
};

// What this CPU and OS support (detected once).
const CpuFeatures& HostCpuFeatures();

// The ISAs this host can run, best last (kGeneric always first).
std::vector<CpuIsa> SupportedCpuIsas();

// The best ISA the host supports, capped by LITESCOPE_CPU (generic, avx2).
CpuIsa SelectedCpuIsa();

const char* CpuIsaName(CpuIsa isa);

// The same for the int8 kernels (int8_kernels.h), where kAvx512 means AVX-512 F/BW/VL with VNNI
// and kAvx2Fma plain AVX2 (the widening vpmaddwd path): the ISAs this host can run, best last,
// and the best one capped by LITESCOPE_CPU.
std::vector<CpuIsa> SupportedInt8CpuIsas();
CpuIsa SelectedInt8CpuIsa();

}  // namespace litescope
