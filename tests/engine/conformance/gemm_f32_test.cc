// The packed GEMM driver and its per-ISA inner loops on their own, against a plain triple loop:
// every small M, N and K around the tile sizes (6 x 16) and the depth passes (k > 1024).
#include "engine/kernels/internal/gemm_f32.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/kernels/internal/cpu_features.h"
#include "tests/engine/conformance/conformance.h"

namespace litescope {
namespace {

using testing::RandomFloats;

class GemmTest : public ::testing::Test {
 protected:
  void Run(CpuIsa isa, int threads, int64_t m, int n, int k, const ActivationRange& range) {
    const std::vector<float> a = RandomFloats(static_cast<size_t>(m) * k, 1);
    const std::vector<float> w = RandomFloats(static_cast<size_t>(n) * k, 2);
    const std::vector<float> bias = RandomFloats(static_cast<size_t>(n), 3);
    PackedMatrix packed;
    ASSERT_TRUE(packed.Allocate(n, k));
    packed.Pack(w.data(), bias.data());
    ThreadPool pool(threads);
    const GemmPlan plan = PlanGemm(m, n, k, threads, false);
    EXPECT_EQ(GemmScratchFloats(plan), 0u);
    const int64_t ldc = n + 3;  // a wider C: stores must stay inside each row's n columns
    std::vector<float> c(static_cast<size_t>(m * ldc), 1234.0f);
    GemmF32(FloatKernelsFor(isa), pool, MatrixRows(a.data(), m, k, k), packed, range, c.data(), ldc, nullptr);
    double worst = 0;
    for (int64_t i = 0; i < m; ++i) {
      for (int j = 0; j < n; ++j) {
        double sum = bias[static_cast<size_t>(j)];
        for (int p = 0; p < k; ++p) sum += double{a[static_cast<size_t>(i * k + p)]} * w[static_cast<size_t>(j) * k + p];
        const double expected = std::min<double>(std::max<double>(sum, range.min), range.max);
        worst = std::max(worst, std::fabs(expected - c[static_cast<size_t>(i * ldc + j)]) / (1.0 + std::sqrt(double(k))));
      }
      for (int64_t j = n; j < ldc; ++j) ASSERT_EQ(c[static_cast<size_t>(i * ldc + j)], 1234.0f) << "wrote past column n";
    }
    EXPECT_LT(worst, 2e-6) << CpuIsaName(isa) << " m=" << m << " n=" << n << " k=" << k << " threads=" << threads;
  }
};

TEST_F(GemmTest, EverySmallShape) {
  const ActivationRange relu6{0.0f, 6.0f};
  for (CpuIsa isa : SupportedCpuIsas()) {
    for (int m : {1, 2, 5, 6, 7, 8, 9, 12, 13, 17}) {
      for (int n : {1, 7, 15, 16, 17, 33}) {
        for (int k : {1, 2, 5, 16, 31}) Run(isa, 1, m, n, k, relu6);
      }
    }
  }
}

TEST_F(GemmTest, DepthPassesBlocksAndThreads) {
  for (CpuIsa isa : SupportedCpuIsas()) {
    for (int threads : {1, 2}) {
      Run(isa, threads, 1, 1000, 1024, {});          // GEMV, split by panels
      Run(isa, threads, 7, 40, 1025, {});            // three passes over k
      Run(isa, threads, 250, 37, 2100, {-1.0f, 1.0f});  // blocks of rows, five passes
      Run(isa, threads, 49, 300, 200, {0.0f, 6.0f});   // few rows: split by columns
      Run(isa, threads, 500, 5, 64, {});             // one partial panel
    }
  }
}

TEST(CpuFeatures, Overrides) {
  const std::vector<CpuIsa> isas = SupportedCpuIsas();
  {
    testing::ScopedCpuOverride cpu(std::optional<std::string>("generic"));
    EXPECT_EQ(SelectedCpuIsa(), CpuIsa::kGeneric);
  }
  {
    testing::ScopedCpuOverride cpu(std::optional<std::string>("avx2"));
    EXPECT_EQ(SelectedCpuIsa(), isas.size() > 1 ? CpuIsa::kAvx2Fma : CpuIsa::kGeneric);
  }
  testing::ScopedCpuOverride cpu(std::nullopt);
  const CpuFeatures& f = HostCpuFeatures();
  EXPECT_EQ(SelectedCpuIsa(), isas.back());
  std::printf("host: avx2=%d fma=%d os_saves_ymm=%d avx512f=%d os_saves_zmm=%d -> %s\n", f.avx2, f.fma,
              f.os_saves_ymm, f.avx512f, f.os_saves_zmm, CpuIsaName(SelectedCpuIsa()));
}

}  // namespace
}  // namespace litescope
