#include "engine/kernels/internal/cpu_features.h"

#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace litescope {
namespace {

CpuFeatures Detect() {
  CpuFeatures f;
#if defined(__x86_64__) || defined(__i386__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) return f;
  const bool osxsave = (ecx & (1u << 27)) != 0;
  const bool avx = (ecx & (1u << 28)) != 0;
  f.fma = (ecx & (1u << 12)) != 0;
  if (osxsave && avx) {
    // xgetbv(0): bits 1 (SSE) and 2 (AVX) say the OS saves the YMM registers on context switch.
    unsigned lo = 0, hi = 0;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    f.os_saves_ymm = (lo & 0x6u) == 0x6u;
    f.os_saves_zmm = (lo & 0xe6u) == 0xe6u;  // bits 5-7: opmask, ZMM0-15 upper halves, ZMM16-31
  }
  if (__get_cpuid_max(0, nullptr) >= 7) {
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    f.avx2 = (ebx & (1u << 5)) != 0;
    f.avx512f = (ebx & (1u << 16)) != 0;
    f.avx512bw = (ebx & (1u << 30)) != 0;
    f.avx512vl = (ebx & (1u << 31)) != 0;
    f.avx512vnni = (ecx & (1u << 11)) != 0;
  }
#endif
  return f;
}

}  // namespace

const CpuFeatures& HostCpuFeatures() {
  static const CpuFeatures features = Detect();
  return features;
}

std::vector<CpuIsa> SupportedCpuIsas() {
  const CpuFeatures& f = HostCpuFeatures();
  std::vector<CpuIsa> isas{CpuIsa::kGeneric};
  if (f.avx2 && f.fma && f.os_saves_ymm) {
    isas.push_back(CpuIsa::kAvx2Fma);
    if (f.avx512f && f.os_saves_zmm) isas.push_back(CpuIsa::kAvx512);
  }
  return isas;
}

std::vector<CpuIsa> SupportedInt8CpuIsas() {
  const CpuFeatures& f = HostCpuFeatures();
  std::vector<CpuIsa> isas{CpuIsa::kGeneric};
  if (f.avx2 && f.os_saves_ymm) {
    isas.push_back(CpuIsa::kAvx2Fma);
    if (f.avx512f && f.avx512bw && f.avx512vl && f.avx512vnni && f.os_saves_zmm) isas.push_back(CpuIsa::kAvx512);
  }
  return isas;
}

namespace {

CpuIsa Capped(const std::vector<CpuIsa>& isas) {
  const char* forced = std::getenv("LITESCOPE_CPU");
  if (forced != nullptr && std::strcmp(forced, "generic") == 0) return CpuIsa::kGeneric;
  if (forced != nullptr && std::strcmp(forced, "avx2") == 0 && isas.size() > 1) return CpuIsa::kAvx2Fma;
  return isas.back();
}

}  // namespace

CpuIsa SelectedCpuIsa() { return Capped(SupportedCpuIsas()); }
CpuIsa SelectedInt8CpuIsa() { return Capped(SupportedInt8CpuIsas()); }

const char* CpuIsaName(CpuIsa isa) {
  switch (isa) {
    case CpuIsa::kAvx512: return "avx512";
    case CpuIsa::kAvx2Fma: return "avx2+fma";
    default: return "generic";
  }
}

}  // namespace litescope
