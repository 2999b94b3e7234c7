// How much loading a model costs, against the naive alternative of reading the whole file.
//
//   build/release/tests/bench/model_load_bench
//   LITESCOPE_SHARED_DIR=/path/to/shared build/release/tests/bench/model_load_bench
//
// Models: the largest .tflite under <shared>/models and under <shared>/bench, and a generated
// model with 64 MiB of weights (always, so that there is something to measure without
// ../shared). For each: Model::Load (map + verify + validate), the baseline (read the file into
// a std::vector), and Summarize(). Counters: rss_over_file is the resident memory a load adds,
// over the file size (the loader maps the file and never touches the weights, so it stays far
// below 1; the baseline's copy is 1.0). At the end a table gives load / baseline.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/model.h"
#include "engine/model/model_builder.h"
#include "engine/model/summary.h"

namespace litescope {
namespace {

namespace fs = std::filesystem;

struct BenchModel {
  std::string label;  // "bench/mobilenet_v1_f32.tflite"
  std::string path;
  uint64_t bytes = 0;
};

uint64_t ResidentBytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long long size = 0, resident = 0;
  int n = std::fscanf(f, "%llu %llu", &size, &resident);
  std::fclose(f);
  return n == 2 ? resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE)) : 0;
}

// Drops the file's pages from the page cache (it is flushed first), so that every model starts
// as a file read from disk does. Without it, a file this program has just written sits in the
// page cache in large folios (up to 2 MiB on ext4 with Linux 6.x), a fault maps a whole folio,
// and touching one table next to the weights would count megabytes of weights as resident.
void EvictFromPageCache(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fdatasync(fd);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
}

// Resident memory that `work` adds while what it returns is alive. Free heap memory is given
// back first, so that a copy cannot hide in pages an earlier run left resident; a mapping is
// new on every load, so its pages count when they are touched, whether or not the file is in
// the page cache.
template <typename Work>
uint64_t ResidentGrowth(Work work) {
  malloc_trim(0);
  uint64_t before = ResidentBytes();
  auto keep = work();
  uint64_t after = ResidentBytes();
  benchmark::DoNotOptimize(keep);
  return after > before ? after - before : 0;
}

std::vector<uint8_t> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> bytes(static_cast<size_t>(fs::file_size(path)));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

std::unique_ptr<Model> LoadOrDie(const std::string& path) {
  Result<std::unique_ptr<Model>> model = Model::Load(path);
  if (!model.ok()) {
    std::fprintf(stderr, "model_load_bench: %s\n", model.status().message().c_str());
    std::exit(1);
  }
  return std::move(model).value();
}

void SetCounters(benchmark::State& state, const BenchModel& m, uint64_t growth) {
  state.counters["file_MiB"] = static_cast<double>(m.bytes) / (1 << 20);
  state.counters["rss_MiB"] = static_cast<double>(growth) / (1 << 20);
  state.counters["rss_over_file"] = static_cast<double>(growth) / static_cast<double>(m.bytes);
}

void BM_Load(benchmark::State& state, const BenchModel& m) {
  for (auto _ : state) {
    std::unique_ptr<Model> model = LoadOrDie(m.path);
    benchmark::DoNotOptimize(model.get());
  }
  SetCounters(state, m, ResidentGrowth([&] { return LoadOrDie(m.path); }));
}

void BM_ReadWholeFile(benchmark::State& state, const BenchModel& m) {
  for (auto _ : state) {
    std::vector<uint8_t> bytes = ReadWholeFile(m.path);
    benchmark::DoNotOptimize(bytes.data());
  }
  SetCounters(state, m, ResidentGrowth([&] { return ReadWholeFile(m.path); }));
}

void BM_Summarize(benchmark::State& state, const BenchModel& m) {
  std::unique_ptr<Model> model = LoadOrDie(m.path);
  for (auto _ : state) {
    ModelSummary summary = Summarize(*model);
    benchmark::DoNotOptimize(summary.operator_count);
  }
  // What the summary adds on top of a loaded model (it reads sizes, never weights).
  uint64_t growth = ResidentGrowth([&] { return Summarize(*model); });
  state.counters["operators"] = static_cast<double>(Summarize(*model).operator_count);
  state.counters["rss_MiB"] = static_cast<double>(growth) / (1 << 20);
}

// The largest .tflite file under `dir`, if any.
std::optional<BenchModel> Largest(const fs::path& shared, const std::string& sub) {
  std::optional<BenchModel> best;
  std::error_code ec;
  if (!fs::is_directory(shared / sub, ec)) return best;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(shared / sub, ec)) {
    if (!e.is_regular_file(ec) || e.path().extension() != ".tflite") continue;
    uint64_t size = e.file_size(ec);
    if (!best || size > best->bytes) {
      best = BenchModel{fs::relative(e.path(), shared).string(), e.path().string(), size};
    }
  }
  return best;
}

// 16 FULLY_CONNECTED layers of 1024x1024 float weights: 64 MiB, stored inline as TFLite does.
std::optional<BenchModel> Generated(const fs::path& path) {
  constexpr int kLayers = 16, kWidth = 1024;
  ModelBuilder b;
  b.SetDescription("model_load_bench: 64 MiB of weights");
  std::vector<float> weights(static_cast<size_t>(kWidth) * kWidth);
  uint32_t state = 1;
  int x = b.AddTensor("input", tflite::TensorType_FLOAT32, {1, kWidth});
  b.SetInputs({x});
  for (int l = 0; l < kLayers; ++l) {
    for (float& w : weights) {
      state = state * 1664525u + 1013904223u;
      w = static_cast<float>(state >> 8) / static_cast<float>(1u << 24) - 0.5f;
    }
    std::string name = "fc" + std::to_string(l);
    int w = b.AddConstTensor(name + "/weights", tflite::TensorType_FLOAT32, {kWidth, kWidth}, weights);
    int bias = b.AddConstTensor(name + "/bias", tflite::TensorType_FLOAT32, {kWidth}, std::vector<float>(kWidth, 0.f));
    int y = b.AddTensor(name, tflite::TensorType_FLOAT32, {1, kWidth});
    tflite::FullyConnectedOptionsT fc;
    fc.fused_activation_function = tflite::ActivationFunctionType_RELU;
    b.AddOperator(tflite::BuiltinOperator_FULLY_CONNECTED, {x, w, bias}, {y}, Options(fc));
    x = y;
  }
  b.SetOutputs({x});
  if (Status s = b.WriteFile(path.string()); !s.ok()) {
    std::fprintf(stderr, "model_load_bench: %s\n", s.message().c_str());
    return std::nullopt;
  }
  return BenchModel{"generated_64MiB.tflite", path.string(), fs::file_size(path)};
}

// Prints the usual console table, then load / baseline per model from the same run.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  // Colours only on a terminal (a display reporter of our own does not see --benchmark_color).
  RatioReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_Defaults : OO_Tabular) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred || run.run_type != Run::RT_Iteration) continue;
      std::string name = run.benchmark_name();
      size_t slash = name.find('/');
      if (slash == std::string::npos) continue;
      auto rss = run.counters.find("rss_over_file");
      results_[name.substr(slash + 1)][name.substr(0, slash)] = {
          run.GetAdjustedRealTime(), rss == run.counters.end() ? 0.0 : rss->second.value};
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    std::printf("\n%-56s %14s %14s %12s %14s %14s\n", "model", "load", "read copy", "load/copy",
                "rss/file load", "rss/file copy");
    for (const auto& [model, by_bench] : results_) {
      auto load = by_bench.find("BM_Load"), copy = by_bench.find("BM_ReadWholeFile");
      if (load == by_bench.end() || copy == by_bench.end()) continue;
      std::printf("%-56s %11.3f %s %11.3f %s %12.3f %14.4f %14.4f\n", model.c_str(), load->second.time,
                  time_unit_.c_str(), copy->second.time, time_unit_.c_str(), load->second.time / copy->second.time,
                  load->second.rss_over_file, copy->second.rss_over_file);
    }
  }

 private:
  struct Measured {
    double time = 0;  // in time_unit_, as every benchmark here is registered
    double rss_over_file = 0;
  };
  std::map<std::string, std::map<std::string, Measured>> results_;
  std::string time_unit_ = "us";
};

}  // namespace
}  // namespace litescope

int main(int argc, char** argv) {
  using namespace litescope;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  const char* env = std::getenv("LITESCOPE_SHARED_DIR");
  fs::path shared = env != nullptr && *env != '\0' ? fs::path(env) : fs::path(LITESCOPE_SHARED_DIR);
  std::vector<BenchModel> models;
  for (const char* sub : {"models", "bench"}) {
    if (std::optional<BenchModel> m = Largest(shared, sub)) models.push_back(*m);
  }
  if (models.empty()) {
    std::fprintf(stderr, "model_load_bench: no .tflite under %s/models or %s/bench (set LITESCOPE_SHARED_DIR); "
                 "measuring the generated model only\n", shared.c_str(), shared.c_str());
  }
  fs::path generated_path = fs::temp_directory_path() / ("model_load_bench_" + std::to_string(getpid()) + ".tflite");
  if (std::optional<BenchModel> m = Generated(generated_path)) models.push_back(*m);
  if (models.empty()) return 1;

  for (const BenchModel& m : models) {
    EvictFromPageCache(m.path);
    benchmark::RegisterBenchmark(("BM_Load/" + m.label).c_str(), BM_Load, m)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_ReadWholeFile/" + m.label).c_str(), BM_ReadWholeFile, m)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_Summarize/" + m.label).c_str(), BM_Summarize, m)->Unit(benchmark::kMicrosecond);
  }
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  std::error_code ec;
  fs::remove(generated_path, ec);
  return 0;
}
