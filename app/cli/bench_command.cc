#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "engine/runtime/random_input.h"
#include "engine/base/atomic_file.h"
#include "engine/runtime/interpreter.h"
#include "engine/runtime/profile.h"

namespace litescope::cli {
namespace {

constexpr const char* kUsage =
    "usage: litescope-cli bench MODEL [--threads N] [--warmup W] [--runs R] [--profile] [--json FILE]\n";

double Percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// The per-node latency as a graph overlay (docs/overlay-json.md).
nlohmann::json OverlayJson(const std::string& model, const Profile& p, int threads) {
  nlohmann::json values = nlohmann::json::object();
  for (const NodeProfile& n : p.nodes) values[std::to_string(n.node)] = n.ms;
  return {{"format", "litescope.overlay"}, {"format_version", 1},
          {"title", "latency per node (" + std::to_string(threads) + " thread" + (threads > 1 ? "s" : "") + ")"},
          {"unit", "ms"}, {"model", model}, {"subgraph", 0}, {"values", values}};
}

}  // namespace

int BenchCommand(int argc, char** argv) {
  Args args(argc, argv);
  int threads = std::max(1, std::atoi(args.Value("--threads").value_or("1").c_str()));
  int warmup = std::max(0, std::atoi(args.Value("--warmup").value_or("3").c_str()));
  int runs = std::max(1, std::atoi(args.Value("--runs").value_or("20").c_str()));
  bool profile = args.Flag("--profile");
  std::optional<std::string> json = args.Value("--json");
  if (Status s = args.Finish(1, 1); !s.ok()) {
    std::fprintf(stderr, "bench: %s\n%s", s.message().c_str(), kUsage);
    return 2;
  }
  const std::string path = args.positional()[0];
  Result<std::unique_ptr<Model>> model = Model::Load(path);
  if (!model.ok()) return std::fprintf(stderr, "error: %s\n", model.status().message().c_str()), 1;
  InterpreterOptions options;
  options.threads = threads;
  options.profile = profile || json.has_value();
  Result<std::unique_ptr<Interpreter>> created = Interpreter::Create(**model, BuiltinOps(), options);
  if (!created.ok()) return std::fprintf(stderr, "error: %s\n", created.status().message().c_str()), 1;
  Interpreter& it = **created;
  std::mt19937 rng(0);
  for (int i = 0; i < it.input_count(); ++i) FillRandom(*it.input(i), rng);
  std::vector<double> ms;
  std::vector<std::vector<std::chrono::nanoseconds>> node_times;
  for (int r = 0; r < warmup + runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    if (Status s = it.Invoke(); !s.ok()) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 1;
    double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (r < warmup) continue;
    ms.push_back(elapsed);
    if (options.profile) node_times.push_back(it.node_times());
  }
  std::printf("%s: %d runs after %d warm-up, %d thread%s\n", path.c_str(), runs, warmup, threads, threads > 1 ? "s" : "");
  std::printf("latency ms: min %.3f  median %.3f  p90 %.3f\n", Percentile(ms, 0), Percentile(ms, 0.5), Percentile(ms, 0.9));
  std::printf("arena %.2f MiB (%.2f MiB without reuse)\n", static_cast<double>(it.arena_bytes()) / (1 << 20),
              static_cast<double>(it.naive_bytes()) / (1 << 20));
  if (!options.profile) return 0;
  Profile p = BuildProfile(it, node_times);
  if (profile) {
    std::printf("\n%-28s %6s %10s %7s %9s\n", "op", "count", "ms", "%", "GFLOP/s");
    for (const OpTypeProfile& o : p.by_op) {
      std::printf("%-28s %6d %10.3f %6.1f%%", o.op.c_str(), o.count, o.ms, o.percent);
      if (o.flops > 0) std::printf(" %9.1f", o.gflops_per_s());
      std::printf("\n");
    }
    std::printf("%-28s %6zu %10.3f\n", "total (sum of nodes)", p.nodes.size(), p.total_ms);
  }
  if (json) {
    std::string text = OverlayJson(path, p, threads).dump(1);
    Status s = WriteFileAtomically(*json, {reinterpret_cast<const uint8_t*>(text.data()), text.size()}, {path});
    if (!s.ok()) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 1;
    std::printf("per-node latency overlay written to %s\n", json->c_str());
  }
  return 0;
}

}  // namespace litescope::cli
