// How fast the int8 GEMM kernels (gemm_i8.h) run: int8 CONV_2D (1x1 and 3x3) and FULLY_CONNECTED
// layers as one-op models through the interpreter next to the float32 versions of the same layers,
// and the whole-model latency of the Coral MobileNetV2 (UINT8).
//
//   build/release/tests/bench/int8_bench
//   LITESCOPE_CPU=avx2 build/release/tests/bench/int8_bench      # the AVX2 (vpmaddwd) kernels
//
// BM_Int8Peak: a tight loop of 12 independent multiply-add chains on the int8 ISA in use (vpdpbusd
// zmm: 64 MACs each; AVX2: vpmaddwd + vpaddd, 16 MACs), 1 and 2 threads. BM_Layer/<layer>/<type>:
// GMACs (multiply-adds per second), pct_int8_peak (int8 rows, of the peak at the same thread count)
// and, on int8 rows, int8_vs_float (float32 time / int8 time of the same layer and threads, the
// float row running first). BM_MobileNetV2Quant: median_ms and min_ms, skipped when
// ../shared/models is absent; BM_TfliteWasmMobileNetV2Quant: real TFLite (WebAssembly) on the same
// model, skipped without Node.js and the oracle.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/kernels/internal/cpu_features.h"
#include "engine/model/model.h"
#include "engine/model/model_builder.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/profile.h"
#include "tests/bench/bench_support.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace litescope {
namespace {

using bench::CreateOrSkip;
using bench::SharedDir;

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// ---- The int8 peak --------------------------------------------------------------------------

constexpr int64_t kPeakIterations = 20'000'000;

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512bw,avx512vnni"), noinline)) int PeakLoopVnni(int64_t iterations) {
  const __m512i a = _mm512_set1_epi8(3), b = _mm512_set1_epi8(-2);
  __m512i s[12];
  for (int i = 0; i < 12; ++i) s[i] = _mm512_set1_epi32(i);
  for (int64_t it = 0; it < iterations; ++it) {
    s[0] = _mm512_dpbusd_epi32(s[0], a, b), s[1] = _mm512_dpbusd_epi32(s[1], a, b);
    s[2] = _mm512_dpbusd_epi32(s[2], a, b), s[3] = _mm512_dpbusd_epi32(s[3], a, b);
    s[4] = _mm512_dpbusd_epi32(s[4], a, b), s[5] = _mm512_dpbusd_epi32(s[5], a, b);
    s[6] = _mm512_dpbusd_epi32(s[6], a, b), s[7] = _mm512_dpbusd_epi32(s[7], a, b);
    s[8] = _mm512_dpbusd_epi32(s[8], a, b), s[9] = _mm512_dpbusd_epi32(s[9], a, b);
    s[10] = _mm512_dpbusd_epi32(s[10], a, b), s[11] = _mm512_dpbusd_epi32(s[11], a, b);
  }
  __m512i t = s[0];
  for (int i = 1; i < 12; ++i) t = _mm512_add_epi32(t, s[i]);
  return _mm512_reduce_add_epi32(t);
}

__attribute__((target("avx2"), noinline)) int PeakLoopAvx2(int64_t iterations) {
  const __m256i a = _mm256_set1_epi16(3), b = _mm256_set1_epi16(-2);
  __m256i s[12];
  for (int i = 0; i < 12; ++i) s[i] = _mm256_set1_epi32(i);
  for (int64_t it = 0; it < iterations; ++it) {
#pragma GCC unroll 12
    for (int i = 0; i < 12; ++i) s[i] = _mm256_add_epi32(s[i], _mm256_madd_epi16(a, b));
  }
  __m256i t = s[0];
  for (int i = 1; i < 12; ++i) t = _mm256_add_epi32(t, s[i]);
  return _mm256_extract_epi32(t, 0);
}
#endif

// Multiply-adds per second of `threads` threads running the loop of `isa` at once (best of 3).
double MeasurePeak(CpuIsa isa, int threads) {
  double best = 0;
#if defined(__x86_64__)
  if (isa == CpuIsa::kGeneric) return 0;
  const double macs = kPeakIterations * 12.0 * (isa == CpuIsa::kAvx512 ? 64 : 16);
  for (int round = 0; round < 3; ++round) {
    std::vector<std::thread> workers;
    const auto start = Clock::now();
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([isa] {
        benchmark::DoNotOptimize(isa == CpuIsa::kAvx512 ? PeakLoopVnni(kPeakIterations) : PeakLoopAvx2(kPeakIterations));
      });
    }
    for (std::thread& w : workers) w.join();
    best = std::max(best, threads * macs / std::chrono::duration<double>(Clock::now() - start).count());
  }
#else
  (void)isa, (void)threads;
#endif
  return best;
}

double Peak(int threads) {  // of the selected int8 ISA, measured once per thread count
  static std::map<int, double> peak;
  auto it = peak.find(threads);
  if (it == peak.end()) it = peak.emplace(threads, MeasurePeak(SelectedInt8CpuIsa(), threads)).first;
  return it->second;
}

void BM_Int8Peak(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(Peak(threads));
  state.counters["GMACs"] = Peak(threads) / 1e9;
  state.SetLabel(CpuIsaName(SelectedInt8CpuIsa()));
}

// ---- One-layer models -----------------------------------------------------------------------

template <typename T>
std::vector<T> Random(size_t n, uint32_t seed, int lo, int hi) {
  std::vector<T> v(n);
  uint32_t s = seed * 2654435761u + 7;
  for (T& x : v) {
    s = s * 1664525u + 1013904223u;
    x = static_cast<T>(lo + static_cast<int>((s >> 8) % static_cast<uint32_t>(hi - lo + 1)));
  }
  return v;
}

struct Layer {
  std::string name;
  bool int8 = false;
  std::unique_ptr<Model> model;
  double macs = 0;  // per inference
};

QuantParams PerTensor(float scale, int64_t zero_point) { return {.scale = {scale}, .zero_point = {zero_point}}; }

// Weights [n][k] (CONV_2D OHWI or FC), int8 per-channel symmetric, or float32; int32 or float bias.
void AddWeights(ModelBuilder& b, bool int8, const Shape& shape, int channels, float in_scale, int* w, int* bias) {
  const size_t count = static_cast<size_t>(ElementCount(shape));
  if (!int8) {
    std::vector<float> values(count), biases(static_cast<size_t>(channels));
    for (size_t i = 0; i < count; ++i) values[i] = static_cast<float>(static_cast<int>(i * 7919 % 255) - 127) / 1270.0f;
    *w = b.AddConstTensor<float>("w", tflite::TensorType_FLOAT32, shape, values);
    *bias = b.AddConstTensor<float>("bias", tflite::TensorType_FLOAT32, {channels}, biases);
    return;
  }
  QuantParams wq, bq;
  for (int c = 0; c < channels; ++c) {
    wq.scale.push_back(0.01f + 0.0001f * static_cast<float>(c % 7));
    bq.scale.push_back(in_scale * wq.scale.back());
  }
  wq.zero_point.assign(wq.scale.size(), 0);
  bq.zero_point.assign(bq.scale.size(), 0);
  *w = b.AddConstTensor<int8_t>("w", tflite::TensorType_INT8, shape, Random<int8_t>(count, 1, -127, 127), wq);
  *bias = b.AddConstTensor<int32_t>("bias", tflite::TensorType_INT32, {channels},
                                    Random<int32_t>(static_cast<size_t>(channels), 2, -5000, 5000), bq);
}

std::unique_ptr<Model> Finish(ModelBuilder& b, const std::string& name) {
  Result<SerializedModel> s = b.Finish();
  if (!s.ok()) return nullptr;
  Result<std::unique_ptr<Model>> m = Model::FromBytes(s->Bytes(), name);
  return m.ok() ? std::move(m).value() : nullptr;
}

// CONV_2D (k x k, SAME, stride 1, RELU6) or, with h = w = 0, FULLY_CONNECTED of batch 1.
Layer MakeLayer(const std::string& name, bool int8, int h, int w, int in_c, int out_c, int k) {
  ModelBuilder b;
  const bool fc = h == 0;
  const Shape in_shape = fc ? Shape{1, in_c} : Shape{1, h, w, in_c};
  const Shape out_shape = fc ? Shape{1, out_c} : Shape{1, h, w, out_c};
  const auto type = int8 ? tflite::TensorType_INT8 : tflite::TensorType_FLOAT32;
  const float in_scale = 0.02f;
  const float out_scale = in_scale * 0.01f * 30.0f * std::sqrt(static_cast<float>(k * k * in_c));
  int x = b.AddTensor("x", type, in_shape, 0, int8 ? PerTensor(in_scale, -3) : QuantParams{});
  int y = b.AddTensor("y", type, out_shape, 0, int8 ? PerTensor(out_scale, 5) : QuantParams{});
  int wt = 0, bias = 0;
  AddWeights(b, int8, fc ? Shape{out_c, in_c} : Shape{out_c, k, k, in_c}, out_c, in_scale, &wt, &bias);
  if (fc) {
    tflite::FullyConnectedOptionsT o;
    b.AddOperator(tflite::BuiltinOperator_FULLY_CONNECTED, {x, wt, bias}, {y}, Options(o));
  } else {
    tflite::Conv2DOptionsT o;
    o.padding = tflite::Padding_SAME;
    o.stride_h = o.stride_w = 1;
    o.fused_activation_function = tflite::ActivationFunctionType_RELU6;
    b.AddOperator(tflite::BuiltinOperator_CONV_2D, {x, wt, bias}, {y}, Options(o));
  }
  b.SetInputs({x});
  b.SetOutputs({y});
  const double pixels = fc ? 1.0 : double(h) * w;
  return {name + (int8 ? "/int8" : "/float"), int8, Finish(b, name), pixels * out_c * k * k * in_c};
}

std::map<std::string, double>& FloatSeconds() {  // "<layer>/<threads>": seconds per float run
  static std::map<std::string, double> t;
  return t;
}

void BM_Layer(benchmark::State& state, const Layer* layer, std::string key) {
  const int threads = static_cast<int>(state.range(0));
  key += "/" + std::to_string(threads);
  std::unique_ptr<Interpreter> it = CreateOrSkip(state, *layer->model, threads);
  if (!it) return;
  Tensor* in = it->input(0);
  if (layer->int8) {
    const std::vector<int8_t> x = Random<int8_t>(in->bytes(), 5, -128, 127);
    std::copy(x.begin(), x.end(), in->data<int8_t>());
  } else {
    const std::vector<int> x = Random<int>(static_cast<size_t>(in->elements()), 5, -100, 100);
    for (size_t i = 0; i < x.size(); ++i) in->data<float>()[i] = static_cast<float>(x[i]) / 100.0f;
  }
  const auto start = Clock::now();
  for (auto _ : state) {
    if (!it->Invoke().ok()) state.SkipWithError("invoke failed");
  }
  const double seconds =
      std::chrono::duration<double>(Clock::now() - start).count() / static_cast<double>(state.iterations());
  state.counters["GMACs"] = benchmark::Counter(layer->macs / 1e9, benchmark::Counter::kIsIterationInvariantRate);
  if (layer->int8) {
    if (Peak(threads) > 0) state.counters["pct_int8_peak"] = layer->macs / seconds * 100 / Peak(threads);
    if (FloatSeconds().count(key)) state.counters["int8_vs_float"] = FloatSeconds()[key] / seconds;
    state.SetLabel(CpuIsaName(SelectedInt8CpuIsa()));
  } else {
    FloatSeconds()[key] = seconds;
    state.SetLabel(CpuIsaName(SelectedCpuIsa()));
  }
}

// ---- MobileNetV2 (Coral, UINT8) --------------------------------------------------------------


// Where the time of one thread goes, by op type (stderr): what the int8 GEMM leaves to others.
void PrintProfile(const Model& model) {
  InterpreterOptions options;
  options.profile = true;
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(model, BuiltinOps(), options);
  if (!it.ok()) return;
  std::vector<std::vector<std::chrono::nanoseconds>> runs;
  for (int i = 0; i < 10; ++i) {
    if (!(*it)->Invoke().ok()) return;
    if (i >= 2) runs.push_back((*it)->node_times());
  }
  const Profile p = BuildProfile(**it, runs);
  std::fprintf(stderr, "MobileNetV2 UINT8, 1 thread, %.2f ms by op type:\n", p.total_ms);
  for (const OpTypeProfile& op : p.by_op) {
    std::fprintf(stderr, "  %-20s x%-3d %8.2f ms %5.1f%%\n", op.op.c_str(), op.count, op.ms, op.percent);
  }
}

void BM_MobileNetV2Quant(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const fs::path path = SharedDir() / "models/tflite/coral/mobilenet_v2_1.0_224_quant.tflite";
  Result<std::unique_ptr<Model>> model = Model::Load(path.string());
  if (!model.ok()) {
    state.SkipWithError(("skipped: no " + path.string()).c_str());
    return;
  }
  std::unique_ptr<Interpreter> it = CreateOrSkip(state, **model, threads);
  if (!it) return;
  const std::vector<uint8_t> x = Random<uint8_t>(it->input(0)->bytes(), 9, 0, 255);
  std::copy(x.begin(), x.end(), it->input(0)->raw());
  for (int i = 0; i < 5; ++i) (void)it->Invoke();
  std::vector<double> ms;
  for (auto _ : state) {
    const auto start = Clock::now();
    if (!it->Invoke().ok()) state.SkipWithError("invoke failed");
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    state.SetIterationTime(seconds);
    ms.push_back(seconds * 1e3);
  }
  std::sort(ms.begin(), ms.end());
  state.counters["median_ms"] = ms[ms.size() / 2];
  state.counters["min_ms"] = ms.front();
  state.SetLabel(CpuIsaName(SelectedInt8CpuIsa()));
  if (threads == 1) PrintProfile(**model);
}

// Real TFLite (WebAssembly, XNNPACK, one thread) on the same model in the same run: the latency
// to beat. Fed the golden's input tensor.
void BM_TfliteWasmMobileNetV2Quant(benchmark::State& state) {
  if (const std::string why = bench::OracleMissing(); !why.empty()) {
    state.SkipWithError(("skipped: " + why).c_str());
    return;
  }
  const fs::path model = SharedDir() / "models/tflite/coral/mobilenet_v2_1.0_224_quant.tflite";
  const fs::path input = SharedDir() / "golden/tflite/coral/mobilenet_v2_1.0_224_quant/input_0.npy";
  for (auto _ : state) {
    const std::optional<bench::OracleTiming> t = bench::RunOracleBench("tflite_wasm_run.js", model, input, 0, 5, 30);
    if (!t) {
      state.SkipWithError("the TFLite oracle failed");
      return;
    }
    state.SetIterationTime(t->min_ms / 1e3);
    state.counters["median_ms"] = t->median_ms;
    state.counters["min_ms"] = t->min_ms;
  }
}

}  // namespace
}  // namespace litescope

int main(int argc, char** argv) {
  using namespace litescope;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RegisterBenchmark("BM_Int8Peak", BM_Int8Peak)->ArgName("threads")->Arg(1)->Arg(2)->Iterations(1);
  static std::vector<Layer> layers;
  struct Shape4 {
    const char* name;
    int h, w, in_c, out_c, k;
  };
  for (const Shape4& s : {Shape4{"pointwise_56x56x128_to_128", 56, 56, 128, 128, 1},
                          Shape4{"pointwise_14x14x576_to_96", 14, 14, 576, 96, 1},
                          Shape4{"conv3x3_56x56x64_to_64", 56, 56, 64, 64, 3},
                          Shape4{"fc_1024_to_1000_batch1", 0, 0, 1024, 1000, 1}}) {
    for (bool int8 : {false, true}) layers.push_back(MakeLayer(s.name, int8, s.h, s.w, s.in_c, s.out_c, s.k));
  }
  for (const Layer& l : layers) {
    if (!l.model) return 1;
    const std::string key = l.name.substr(0, l.name.rfind('/'));
    benchmark::RegisterBenchmark(("BM_Layer/" + l.name).c_str(), BM_Layer, &l, key)
        ->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMicrosecond);
  }
  benchmark::RegisterBenchmark("BM_TfliteWasmMobileNetV2Quant/threads:1", BM_TfliteWasmMobileNetV2Quant)
      ->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_MobileNetV2Quant", BM_MobileNetV2Quant)
      ->ArgName("threads")->Arg(1)->Arg(2)->Iterations(30)->UseManualTime()->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
