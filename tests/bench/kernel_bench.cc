// How fast the float32 CPU kernels run, against this machine's own FMA peak and against ONNX
// Runtime and real TFLite on the same MobileNetV1 (see README.md).
//
//   build/release/tests/bench/kernel_bench
//   LITESCOPE_CPU=avx2 build/release/tests/bench/kernel_bench      # the AVX2 kernels
//   LITESCOPE_CPU=generic build/release/tests/bench/kernel_bench   # the portable kernels
//
// In one run: BM_FmaPeak (a tight FMA loop with 12 independent accumulators, 1 and 2 threads, for
// AVX2 and, where the CPU has it, AVX-512); representative MobileNet layers as one-op models
// through the interpreter (BuiltinOps(), 1 and 2 threads) with GFLOP/s and % of the measured peak
// of the instruction set in use (pct_peak) and of the AVX2 peak (pct_avx2_peak), at 2 threads of
// the 2-thread peak; MobileNetV1 whole-model latency (ours; ONNX Runtime on the .onnx twin;
// TFLite WebAssembly on the .tflite; the last two through ../shared/oracle when Node.js and its
// packages are set up, else those rows say why they were skipped). Counters of our MobileNet rows:
// median_ms, min_ms, and vs_ort_min / vs_ort_median (ours / ORT at the same thread count).
#include <benchmark/benchmark.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "engine/kernels/internal/cpu_features.h"
#include "engine/model/model.h"
#include "engine/model/model_builder.h"
#include "engine/model/npy.h"
#include "engine/runtime/interpreter.h"
#include "tests/bench/bench_support.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace litescope {
namespace {

using bench::CreateOrSkip;
using bench::OracleMissing;
using bench::OracleTiming;
using bench::RunOracleBench;
using bench::SharedDir;

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// ---- The FMA peak ---------------------------------------------------------------------------

constexpr int64_t kPeakIterations = 20'000'000;
constexpr double kPeakFmasPerIteration = 12;  // twelve independent chains cover the FMA latency

#if defined(__x86_64__)
// `lanes` floats per FMA: 8 (AVX2) or 16 (AVX-512).
__attribute__((target("avx2,fma"), noinline)) float FmaLoopAvx2(int64_t iterations) {
  const __m256 m = _mm256_set1_ps(0.999999f), c = _mm256_set1_ps(1e-7f);
  __m256 a0 = _mm256_set1_ps(1.0f), a1 = _mm256_set1_ps(1.1f), a2 = _mm256_set1_ps(1.2f), a3 = _mm256_set1_ps(1.3f);
  __m256 a4 = _mm256_set1_ps(1.4f), a5 = _mm256_set1_ps(1.5f), a6 = _mm256_set1_ps(1.6f), a7 = _mm256_set1_ps(1.7f);
  __m256 a8 = _mm256_set1_ps(1.8f), a9 = _mm256_set1_ps(1.9f), a10 = _mm256_set1_ps(2.0f), a11 = _mm256_set1_ps(2.1f);
  for (int64_t i = 0; i < iterations; ++i) {
    a0 = _mm256_fmadd_ps(a0, m, c), a1 = _mm256_fmadd_ps(a1, m, c), a2 = _mm256_fmadd_ps(a2, m, c);
    a3 = _mm256_fmadd_ps(a3, m, c), a4 = _mm256_fmadd_ps(a4, m, c), a5 = _mm256_fmadd_ps(a5, m, c);
    a6 = _mm256_fmadd_ps(a6, m, c), a7 = _mm256_fmadd_ps(a7, m, c), a8 = _mm256_fmadd_ps(a8, m, c);
    a9 = _mm256_fmadd_ps(a9, m, c), a10 = _mm256_fmadd_ps(a10, m, c), a11 = _mm256_fmadd_ps(a11, m, c);
  }
  __m256 s = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)),
                           _mm256_add_ps(_mm256_add_ps(a4, a5), _mm256_add_ps(a6, a7)));
  s = _mm256_add_ps(s, _mm256_add_ps(_mm256_add_ps(a8, a9), _mm256_add_ps(a10, a11)));
  float out[8];
  _mm256_storeu_ps(out, s);
  return out[0];
}

__attribute__((target("avx512f"), noinline)) float FmaLoopAvx512(int64_t iterations) {
  const __m512 m = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-7f);
  __m512 a0 = _mm512_set1_ps(1.0f), a1 = _mm512_set1_ps(1.1f), a2 = _mm512_set1_ps(1.2f), a3 = _mm512_set1_ps(1.3f);
  __m512 a4 = _mm512_set1_ps(1.4f), a5 = _mm512_set1_ps(1.5f), a6 = _mm512_set1_ps(1.6f), a7 = _mm512_set1_ps(1.7f);
  __m512 a8 = _mm512_set1_ps(1.8f), a9 = _mm512_set1_ps(1.9f), a10 = _mm512_set1_ps(2.0f), a11 = _mm512_set1_ps(2.1f);
  for (int64_t i = 0; i < iterations; ++i) {
    a0 = _mm512_fmadd_ps(a0, m, c), a1 = _mm512_fmadd_ps(a1, m, c), a2 = _mm512_fmadd_ps(a2, m, c);
    a3 = _mm512_fmadd_ps(a3, m, c), a4 = _mm512_fmadd_ps(a4, m, c), a5 = _mm512_fmadd_ps(a5, m, c);
    a6 = _mm512_fmadd_ps(a6, m, c), a7 = _mm512_fmadd_ps(a7, m, c), a8 = _mm512_fmadd_ps(a8, m, c);
    a9 = _mm512_fmadd_ps(a9, m, c), a10 = _mm512_fmadd_ps(a10, m, c), a11 = _mm512_fmadd_ps(a11, m, c);
  }
  __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)),
                           _mm512_add_ps(_mm512_add_ps(a4, a5), _mm512_add_ps(a6, a7)));
  s = _mm512_add_ps(s, _mm512_add_ps(_mm512_add_ps(a8, a9), _mm512_add_ps(a10, a11)));
  float out[16];
  _mm512_storeu_ps(out, s);
  return out[0];
}
#endif

double CpuSeconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// The peak by the wall clock, and per core by each thread's CPU time (what a core does while it
// runs: the fair figure when other processes share the cores).
struct PeakFlops {
  double wall = 0;      // FLOP/s of all threads together
  double per_core = 0;  // FLOP/s per second of CPU time
};

// `threads` threads each running the loop of `isa` at once (best of five); zeros for kGeneric.
PeakFlops MeasurePeak(CpuIsa isa, int threads) {
  PeakFlops best;
#if defined(__x86_64__)
  if (isa == CpuIsa::kGeneric) return best;
  const double flops = kPeakIterations * kPeakFmasPerIteration * 2 * (isa == CpuIsa::kAvx512 ? 16 : 8);
  for (int round = 0; round < 5; ++round) {
    std::vector<std::thread> workers;
    std::vector<double> cpu(static_cast<size_t>(threads));
    auto start = Clock::now();
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&cpu, t, isa] {
        double c0 = CpuSeconds(CLOCK_THREAD_CPUTIME_ID);
        benchmark::DoNotOptimize(isa == CpuIsa::kAvx512 ? FmaLoopAvx512(kPeakIterations) : FmaLoopAvx2(kPeakIterations));
        cpu[static_cast<size_t>(t)] = CpuSeconds(CLOCK_THREAD_CPUTIME_ID) - c0;
      });
    }
    for (std::thread& w : workers) w.join();
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    best.wall = std::max(best.wall, threads * flops / seconds);
    for (double c : cpu) best.per_core = std::max(best.per_core, flops / c);
  }
#else
  (void)isa, (void)threads;
#endif
  return best;
}

const PeakFlops& Peak(CpuIsa isa, int threads) {  // measured once per ISA and thread count
  static std::map<std::pair<CpuIsa, int>, PeakFlops> peak;
  auto it = peak.find({isa, threads});
  if (it == peak.end()) it = peak.emplace(std::pair{isa, threads}, MeasurePeak(isa, threads)).first;
  return it->second;
}

void BM_FmaPeak(benchmark::State& state, CpuIsa isa) {
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(Peak(isa, threads));
  state.counters["GFLOPs"] = Peak(isa, threads).wall / 1e9;
  state.counters["GFLOPs_per_core_cpu"] = Peak(isa, threads).per_core / 1e9;
}

// ---- One-layer models -----------------------------------------------------------------------

std::vector<float> Random(size_t n, uint32_t seed) {
  std::vector<float> v(n);
  uint32_t s = seed * 2654435761u + 7;
  for (float& x : v) {
    s = s * 1664525u + 1013904223u;
    x = static_cast<float>(s >> 8) / static_cast<float>(1u << 24) * 2.0f - 1.0f;
  }
  return v;
}

struct Layer {
  std::string name;
  std::unique_ptr<Model> model;
  double flops = 0;  // per inference (2 per multiply-add)
};

std::unique_ptr<Model> Finish(ModelBuilder& b, const std::string& name) {
  Result<SerializedModel> s = b.Finish();
  if (!s.ok()) return nullptr;
  Result<std::unique_ptr<Model>> m = Model::FromBytes(s->Bytes(), name);
  return m.ok() ? std::move(m).value() : nullptr;
}

// CONV_2D (depthwise = false) or DEPTHWISE_CONV_2D over a [1, h, w, in_c] input, SAME, RELU6.
Layer ConvLayer(const std::string& name, bool depthwise, int h, int w, int in_c, int out_c, int k, int stride) {
  ModelBuilder b;
  const int out_h = (h + stride - 1) / stride, out_w = (w + stride - 1) / stride;
  int x = b.AddTensor("x", tflite::TensorType_FLOAT32, {1, h, w, in_c});
  int y = b.AddTensor("y", tflite::TensorType_FLOAT32, {1, out_h, out_w, out_c});
  Shape filter_shape = depthwise ? Shape{1, k, k, out_c} : Shape{out_c, k, k, in_c};
  int f = b.AddConstTensor<float>("filter", tflite::TensorType_FLOAT32, filter_shape,
                                  Random(static_cast<size_t>(ElementCount(filter_shape)), 1));
  int bias = b.AddConstTensor<float>("bias", tflite::TensorType_FLOAT32, {out_c}, Random(static_cast<size_t>(out_c), 2));
  if (depthwise) {
    tflite::DepthwiseConv2DOptionsT o;
    o.padding = tflite::Padding_SAME;
    o.stride_h = o.stride_w = stride;
    o.depth_multiplier = 1;
    o.fused_activation_function = tflite::ActivationFunctionType_RELU6;
    b.AddOperator(tflite::BuiltinOperator_DEPTHWISE_CONV_2D, {x, f, bias}, {y}, Options(o));
  } else {
    tflite::Conv2DOptionsT o;
    o.padding = tflite::Padding_SAME;
    o.stride_h = o.stride_w = stride;
    o.fused_activation_function = tflite::ActivationFunctionType_RELU6;
    b.AddOperator(tflite::BuiltinOperator_CONV_2D, {x, f, bias}, {y}, Options(o));
  }
  b.SetInputs({x});
  b.SetOutputs({y});
  const double macs = double(out_h) * out_w * out_c * k * k * (depthwise ? 1 : in_c);
  return {name, Finish(b, name), 2 * macs};
}

Layer FcLayer(const std::string& name, int batch, int depth, int units) {
  ModelBuilder b;
  int x = b.AddTensor("x", tflite::TensorType_FLOAT32, {batch, depth});
  int y = b.AddTensor("y", tflite::TensorType_FLOAT32, {batch, units});
  int w = b.AddConstTensor<float>("w", tflite::TensorType_FLOAT32, {units, depth},
                                  Random(static_cast<size_t>(units) * depth, 3));
  int bias = b.AddConstTensor<float>("bias", tflite::TensorType_FLOAT32, {units}, Random(static_cast<size_t>(units), 4));
  tflite::FullyConnectedOptionsT o;
  b.AddOperator(tflite::BuiltinOperator_FULLY_CONNECTED, {x, w, bias}, {y}, Options(o));
  b.SetInputs({x});
  b.SetOutputs({y});
  return {name, Finish(b, name), 2.0 * batch * depth * units};
}

void BM_Layer(benchmark::State& state, const Layer* layer) {
  const int threads = static_cast<int>(state.range(0));
  std::unique_ptr<Interpreter> it = CreateOrSkip(state, *layer->model, threads);
  if (!it) return;
  Tensor* in = it->input(0);
  std::vector<float> x = Random(static_cast<size_t>(in->elements()), 5);
  std::copy(x.begin(), x.end(), in->data<float>());
  const double cpu0 = CpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
  for (auto _ : state) {
    if (!it->Invoke().ok()) state.SkipWithError("invoke failed");
  }
  const double cpu = CpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
  state.counters["GFLOPs"] = benchmark::Counter(layer->flops / 1e9, benchmark::Counter::kIsIterationInvariantRate);
  // Against the peak of the instruction set the kernels run (pct_peak), and against the AVX2 + FMA
  // peak (pct_avx2_peak), the yardstick of the targets.
  const CpuIsa isa = SelectedCpuIsa();
  for (const auto& [name, peak_isa] : {std::pair{"pct_peak", isa}, std::pair{"pct_avx2_peak", CpuIsa::kAvx2Fma}}) {
    const PeakFlops& peak = Peak(peak_isa, threads);
    if (peak.wall > 0) {
      state.counters[name] = benchmark::Counter(layer->flops * 100 / peak.wall, benchmark::Counter::kIsIterationInvariantRate);
    }
  }
  // By CPU time: FLOP per CPU-second of all threads, against the per-core peak measured the same way.
  const PeakFlops& peak = Peak(isa, threads);
  if (cpu > 0 && peak.per_core > 0) {
    const double per_core = layer->flops * static_cast<double>(state.iterations()) / cpu;
    state.counters["cpu_GFLOPs_per_core"] = per_core / 1e9;
    state.counters["cpu_pct_peak"] = per_core * 100 / peak.per_core;
  }
  state.SetLabel(CpuIsaName(SelectedCpuIsa()));
}

// ---- MobileNetV1: ours, ONNX Runtime, TFLite (WebAssembly) -----------------------------------

constexpr int kWarmup = 10, kRuns = 50;

struct Timing {
  double median_ms = 0, min_ms = 0;
};
std::map<std::string, Timing>& Timings() {  // "ort/1", "ort/2", "ours/1", ...
  static std::map<std::string, Timing> t;
  return t;
}

// Runs one oracle command with --bench kWarmup,kRuns and reads its JSON line.
void BM_Oracle(benchmark::State& state, std::string key, std::string script, std::string model, std::string input,
               int threads) {
  const std::string missing = OracleMissing();
  if (!missing.empty()) {
    state.SkipWithError(("skipped: " + missing).c_str());
    return;
  }
  const fs::path bench = SharedDir() / "bench";
  for (auto _ : state) {
    const std::optional<OracleTiming> t =
        RunOracleBench(script, bench / model, bench / "golden" / input, threads, kWarmup, kRuns);
    if (!t) {
      state.SkipWithError(("the oracle failed on " + model).c_str());
      return;
    }
    Timings()[key] = {t->median_ms, t->min_ms};
    state.SetIterationTime(t->min_ms / 1e3);
  }
  state.counters["median_ms"] = Timings()[key].median_ms;
  state.counters["min_ms"] = Timings()[key].min_ms;
}

void BM_OursMobileNet(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const fs::path bench = SharedDir() / "bench";
  Result<std::unique_ptr<Model>> model = Model::Load((bench / "mobilenet_v1_f32.tflite").string());
  Result<NpyArray> input = ReadNpy((bench / "golden" / "input_0.npy").string());
  if (!model.ok() || !input.ok()) {
    state.SkipWithError(("skipped: no " + (bench / "mobilenet_v1_f32.tflite").string() + " or its golden input").c_str());
    return;
  }
  std::unique_ptr<Interpreter> it = CreateOrSkip(state, **model, threads);
  if (!it) return;
  std::copy(input->data.begin(), input->data.end(), it->input(0)->raw());
  for (int i = 0; i < kWarmup; ++i) (void)it->Invoke();
  std::vector<double> ms;
  for (auto _ : state) {
    auto start = Clock::now();
    if (!it->Invoke().ok()) state.SkipWithError("invoke failed");
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    state.SetIterationTime(seconds);
    ms.push_back(seconds * 1e3);
  }
  std::sort(ms.begin(), ms.end());
  Timing t{ms[ms.size() / 2], ms.front()};
  state.counters["median_ms"] = t.median_ms;
  state.counters["min_ms"] = t.min_ms;
  state.counters["GFLOPs"] = 1.137483 / (t.min_ms / 1e3);
  const std::string ort = "ort/" + std::to_string(threads);
  if (Timings().count(ort)) {
    state.counters["vs_ort_min"] = t.min_ms / Timings()[ort].min_ms;
    state.counters["vs_ort_median"] = t.median_ms / Timings()[ort].median_ms;
  }
  // The output must be TFLite's (golden softmax from tflite_wasm), or the timing means nothing.
  Result<NpyArray> golden = ReadNpy((bench / "golden" / "tflite_wasm" / "output_0.npy").string());
  if (golden.ok() && golden->data.size() == it->output(0)->bytes()) {
    const float* a = it->output(0)->data<float>();
    const auto* g = reinterpret_cast<const float*>(golden->data.data());
    double diff = 0, ref = 0;
    for (size_t i = 0; i < golden->data.size() / 4; ++i) diff = std::max(diff, double(std::fabs(a[i] - g[i]))), ref = std::max(ref, double(std::fabs(g[i])));
    state.counters["rel_diff_vs_tflite"] = diff / ref;
  }
  state.SetLabel(CpuIsaName(SelectedCpuIsa()));
}

}  // namespace
}  // namespace litescope

int main(int argc, char** argv) {
  using namespace litescope;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) == 3) std::fprintf(stderr, "load average: %.2f %.2f %.2f\n", load[0], load[1], load[2]);

  for (CpuIsa isa : SupportedCpuIsas()) {
    if (isa == CpuIsa::kGeneric) continue;
    benchmark::RegisterBenchmark((std::string("BM_FmaPeak/") + CpuIsaName(isa)).c_str(), BM_FmaPeak, isa)
        ->ArgName("threads")->Arg(1)->Arg(2)->Iterations(1)->UseRealTime();
  }
  static std::vector<Layer> layers;
  layers.push_back(ConvLayer("pointwise_56x56x128_to_128", false, 56, 56, 128, 128, 1, 1));
  layers.push_back(ConvLayer("conv3x3_56x56x64_to_64", false, 56, 56, 64, 64, 3, 1));
  layers.push_back(ConvLayer("first_conv_224x224x3_to_32_s2", false, 224, 224, 3, 32, 3, 2));
  layers.push_back(ConvLayer("pointwise_14x14x512_to_512", false, 14, 14, 512, 512, 1, 1));
  layers.push_back(ConvLayer("pointwise_7x7x1024_to_1024", false, 7, 7, 1024, 1024, 1, 1));
  layers.push_back(ConvLayer("depthwise3x3_112x112x64", true, 112, 112, 64, 64, 3, 1));
  layers.push_back(FcLayer("fc_1024_to_1000_batch1", 1, 1024, 1000));
  for (const Layer& l : layers) {
    if (!l.model) return 1;
    benchmark::RegisterBenchmark(("BM_Layer/" + l.name).c_str(), BM_Layer, &l)
        ->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMicrosecond);
  }
  for (int threads : {1, 2}) {
    benchmark::RegisterBenchmark(("BM_OrtMobileNet/threads:" + std::to_string(threads)).c_str(), BM_Oracle,
                                 "ort/" + std::to_string(threads), "ort_run.js", "mobilenet_v1_f32.onnx",
                                 "input_0_nchw.npy", threads)
        ->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("BM_TfliteWasmMobileNet/threads:1", BM_Oracle, "tflite_wasm/1",
                               "tflite_wasm_run.js", "mobilenet_v1_f32.tflite", "input_0.npy", 0)
      ->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_OursMobileNet", BM_OursMobileNet)
      ->ArgName("threads")->Arg(1)->Arg(2)->Iterations(kRuns)->UseManualTime()->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
