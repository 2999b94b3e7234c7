// The int8 GEMM driver and its per-ISA inner loops on their own, against a plain triple loop with
// the reference arithmetic (int32 sums, MultiplyByQuantizedMultiplier): exact equality for INT8
// and UINT8 operands, every small M, N and K around the tile sizes, 1 and 2 threads.
#include "engine/kernels/internal/gemm_i8.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "engine/kernels/internal/cpu_features.h"
#include "engine/kernels/internal/fixed_point.h"
#include "tests/engine/conformance/conformance.h"

namespace litescope {
namespace {

using testing::RandomFloats;
using testing::RandomInts;

struct Operands {
  std::vector<uint8_t> a, w;  // int8 or uint8 bytes
  std::vector<int32_t> bias;
  I8Quantization q;
};

// Random operands: activations over the whole range, weights symmetric (INT8, zero point 0) or
// with a zero point (UINT8, sometimes 128: no row terms), multipliers from 2^-20 to 4 (left shifts).
Operands MakeOperands(bool int8, int64_t m, int n, int k, bool per_channel, uint32_t seed) {
  Operands o;
  o.q.int8 = int8;
  const auto lo = int8 ? -128 : 0, hi = int8 ? 127 : 255;
  o.a = RandomInts<uint8_t>(static_cast<size_t>(m * k), seed, 0, 255);
  o.w = RandomInts<uint8_t>(static_cast<size_t>(n) * k, seed + 1, 0, 255);
  if (int8) {
    for (uint8_t& b : o.w) b = b == 0x80 ? 0x81 : b;  // -127..127
  }
  o.bias = RandomInts<int32_t>(static_cast<size_t>(n), seed + 2, -100000, 100000);
  o.q.input_zero_point = RandomInts<int>(1, seed + 3, lo, hi)[0];
  o.q.weights_zero_point = int8 ? 0 : (seed % 3 == 0 ? 128 : RandomInts<int>(1, seed + 4, 0, 255)[0]);
  const std::vector<float> logs = RandomFloats(per_channel ? static_cast<size_t>(n) : 1, seed + 5, -12.0f, 2.0f);
  for (float l : logs) {
    int32_t multiplier = 0;
    int shift = 0;
    QuantizeMultiplier(std::exp2(static_cast<double>(l)) / (1.0 + std::sqrt(double(k))) / 64.0, &multiplier, &shift);
    o.q.multiplier.push_back(multiplier);
    o.q.shift.push_back(shift);
  }
  o.q.output_zero_point = RandomInts<int>(1, seed + 6, lo, hi)[0];
  o.q.min = seed % 2 == 0 ? lo : std::max(lo, o.q.output_zero_point);  // NONE or RELU-like
  o.q.max = hi;
  return o;
}

// The reference arithmetic, one output at a time.
uint8_t Expected(const Operands& o, int64_t i, int j, int k) {
  int32_t acc = o.bias[static_cast<size_t>(j)];
  for (int p = 0; p < k; ++p) {
    const uint8_t a = o.a[static_cast<size_t>(i * k + p)], w = o.w[static_cast<size_t>(j) * k + p];
    const int32_t x = (o.q.int8 ? int32_t{static_cast<int8_t>(a)} : int32_t{a}) - o.q.input_zero_point;
    const int32_t y = (o.q.int8 ? int32_t{static_cast<int8_t>(w)} : int32_t{w}) - o.q.weights_zero_point;
    acc += x * y;
  }
  const size_t c = o.q.multiplier.size() == 1 ? 0 : static_cast<size_t>(j);
  const int32_t v = MultiplyByQuantizedMultiplier(acc, o.q.multiplier[c], o.q.shift[c]) + o.q.output_zero_point;
  return static_cast<uint8_t>(std::clamp(v, o.q.min, o.q.max));
}

void RunGemm(CpuIsa isa, int threads, bool int8, int64_t m, int n, int k, uint32_t seed) {
  const Operands o = MakeOperands(int8, m, n, k, /*per_channel=*/seed % 2 == 1, seed);
  PackedI8Matrix packed;
  ASSERT_TRUE(packed.Allocate(n, k));
  packed.Pack(o.w.data(), o.bias.data(), o.q);
  ThreadPool pool(threads);
  std::vector<uint8_t> scratch(GemmI8ScratchBytes(PlanGemmI8(m, n, k, threads)));
  const int64_t ldc = n + 3;  // a wider C: stores must stay inside each row's n columns
  std::vector<uint8_t> c(static_cast<size_t>(m * ldc), 0xA5);
  GemmI8(Int8KernelsFor(isa), pool, I8Rows(o.a.data(), I8Rows::Matrix(m, k)), packed, c.data(), ldc, scratch.data());
  int wrong = 0;
  for (int64_t i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      const uint8_t got = c[static_cast<size_t>(i * ldc + j)], want = Expected(o, i, j, k);
      if (got != want && ++wrong <= 3) {
        ADD_FAILURE() << CpuIsaName(isa) << (int8 ? " int8" : " uint8") << " m=" << m << " n=" << n << " k=" << k
                      << " threads=" << threads << " C[" << i << "][" << j << "] = " << int{got} << ", "
                      << int{want} << " expected";
      }
    }
    for (int64_t j = n; j < ldc; ++j) ASSERT_EQ(c[static_cast<size_t>(i * ldc + j)], 0xA5) << "wrote past column n";
  }
}

TEST(GemmI8Test, EverySmallShape) {
  uint32_t seed = 1;
  for (CpuIsa isa : SupportedInt8CpuIsas()) {
    for (bool int8 : {true, false}) {
      for (int m : {1, 2, 3, 7, 8, 9, 16, 17}) {
        for (int n : {1, 7, 15, 16, 17, 31, 32, 33, 49}) {
          for (int k : {1, 3, 4, 5, 16, 31, 64}) RunGemm(isa, 1, int8, m, n, k, seed++);
        }
      }
    }
  }
}

TEST(GemmI8Test, BlocksAndThreads) {
  uint32_t seed = 100;
  for (CpuIsa isa : SupportedInt8CpuIsas()) {
    for (bool int8 : {true, false}) {
      for (int threads : {1, 2}) {
        RunGemm(isa, threads, int8, 1, 1000, 1024, seed++);  // FC batch 1: split by panel pairs
        RunGemm(isa, threads, int8, 250, 37, 300, seed++);   // blocks of rows
        RunGemm(isa, threads, int8, 20, 300, 200, seed++);   // few rows: split by columns
        RunGemm(isa, threads, int8, 500, 5, 64, seed++);     // one partial panel
        RunGemm(isa, threads, int8, 3, 3, 5000, seed++);     // deep
      }
    }
  }
}

TEST(GemmI8Test, Overrides) {
  const std::vector<CpuIsa> isas = SupportedInt8CpuIsas();
  {
    testing::ScopedCpuOverride cpu(std::optional<std::string>("generic"));
    EXPECT_EQ(SelectedInt8CpuIsa(), CpuIsa::kGeneric);
  }
  {
    testing::ScopedCpuOverride cpu(std::optional<std::string>("avx2"));
    EXPECT_EQ(SelectedInt8CpuIsa(), isas.size() > 1 ? CpuIsa::kAvx2Fma : CpuIsa::kGeneric);
  }
  testing::ScopedCpuOverride cpu(std::nullopt);
  const CpuFeatures& f = HostCpuFeatures();
  EXPECT_EQ(SelectedInt8CpuIsa(), isas.back());
  std::printf("host: avx512bw=%d avx512vl=%d avx512vnni=%d -> int8 %s\n", f.avx512bw, f.avx512vl, f.avx512vnni,
              CpuIsaName(SelectedInt8CpuIsa()));
}

}  // namespace
}  // namespace litescope
