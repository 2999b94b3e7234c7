// Shared by the benchmark programs: where ../shared is, an interpreter or a skipped benchmark, and
// timing a model in real TFLite (WebAssembly) or ONNX Runtime through ../shared/oracle, so our
// latencies are printed next to theirs in the same run.
//
//   std::unique_ptr<Interpreter> it = CreateOrSkip(state, model, threads);  // nullptr: skipped
//   if (std::string why = OracleMissing(); !why.empty()) state.SkipWithError(why.c_str());
//   std::optional<OracleTiming> t = RunOracleBench("tflite_wasm_run.js", model, input, 0, 10, 50);
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "engine/runtime/interpreter.h"
#include "engine/runtime/op_registry.h"

namespace litescope::bench {

// An interpreter of `model` with `threads` threads, or nullptr after skipping the benchmark with
// the reason.
inline std::unique_ptr<Interpreter> CreateOrSkip(benchmark::State& state, const Model& model, int threads) {
  InterpreterOptions options;
  options.threads = threads;
  Result<std::unique_ptr<Interpreter>> it = Interpreter::Create(model, BuiltinOps(), options);
  if (!it.ok()) {
    state.SkipWithError(it.status().message().c_str());
    return nullptr;
  }
  return std::move(it).value();
}

inline std::filesystem::path SharedDir() {
  const char* env = std::getenv("LITESCOPE_SHARED_DIR");
  return env != nullptr && *env != '\0' ? std::filesystem::path(env) : std::filesystem::path(LITESCOPE_SHARED_DIR);
}

// Why the Node.js oracles cannot run here, or "" when they can.
inline std::string OracleMissing() {
  namespace fs = std::filesystem;
  if (std::system("node --version > /dev/null 2>&1") != 0) return "Node.js is not installed";
  const char* dir = std::getenv("LITESCOPE_ORACLE_DIR");
  const char* home = std::getenv("HOME");
  const fs::path modules =
      dir ? fs::path(dir) / "node_modules" : fs::path(home ? home : "/") / ".cache/litescope-oracle/node_modules";
  std::error_code ec;
  if (!fs::exists(SharedDir() / "oracle" / "ort_run.js", ec)) return "no " + (SharedDir() / "oracle").string();
  if (!fs::exists(modules / "onnxruntime-node", ec) && !fs::exists(SharedDir() / "oracle" / "node_modules", ec)) {
    return "the oracle's npm packages are not installed (../shared/oracle/setup.sh)";
  }
  return "";
}

struct OracleTiming {
  double median_ms = 0, min_ms = 0;
};

// Runs `script` (tflite_wasm_run.js, ort_run.js) on `model` with `input` and --bench warmup,runs
// (threads > 0 adds --threads); nullopt when the oracle fails.
inline std::optional<OracleTiming> RunOracleBench(const std::string& script, const std::filesystem::path& model,
                                                  const std::filesystem::path& input, int threads, int warmup,
                                                  int runs) {
  std::string cmd = "node " + (SharedDir() / "oracle" / script).string() + " " + model.string() + " --inputs " +
                    input.string() + " --bench " + std::to_string(warmup) + "," + std::to_string(runs);
  if (threads > 0) cmd += " --threads " + std::to_string(threads);
  cmd += " 2>/dev/null";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    while (fgets(buf, sizeof buf, p) != nullptr) out += buf;
    pclose(p);
  }
  // The runtime may print lines of its own before the JSON line.
  const size_t brace = out.rfind("\n{");
  const nlohmann::json j = nlohmann::json::parse(brace == std::string::npos ? out : out.substr(brace + 1), nullptr, false);
  if (j.is_discarded() || !j.contains("bench")) return std::nullopt;
  return OracleTiming{j["bench"]["median_ms"].get<double>(), j["bench"]["min_ms"].get<double>()};
}

}  // namespace litescope::bench
