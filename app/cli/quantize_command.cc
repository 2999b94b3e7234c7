// litescope-cli quantize: post-training quantization of a float .tflite (dynamic range, full
// int8 with calibration, float16, 16x8), with a report of what stayed float and what it saved.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "engine/base/atomic_file.h"
#include "quantization/ptq/auto_denylist.h"
#include "quantization/ptq/quantize_file.h"

namespace litescope::cli {
namespace {

constexpr const char* kUsage =
    "usage: litescope-cli quantize FLOAT.tflite -o OUT.tflite --mode dynamic|int8|float16|16x8\n"
    "         [--data DIR|FILE]... [--preprocess SPEC] [--samples N] [--per-tensor] [--io float|int8|uint8|int16]\n"
    "         [--observer mse|minmax|ema|percentile] [--keep-float REGEX] [--auto-denylist K] [--threads N]\n"
    "         [--report FILE.json]\n";

Result<tflite::TensorType> ParseIo(const std::string& name) {
  if (name == "float") return tflite::TensorType_FLOAT32;
  if (name == "int8") return tflite::TensorType_INT8;
  if (name == "uint8") return tflite::TensorType_UINT8;
  if (name == "int16") return tflite::TensorType_INT16;
  return InvalidArgument("--io wants float, int8, uint8 or int16, not '" + name + "'");
}

Result<int> ParsePositive(const std::string& option, const std::string& text) {
  try {
    size_t used = 0;
    const int n = std::stoi(text, &used);
    if (used == text.size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  return InvalidArgument(option + " wants a positive number, not '" + text + "'");
}

nlohmann::json ReportJson(const QuantizeFileResult& r, const QuantizeFileOptions& o) {
  nlohmann::json j;
  j["mode"] = QuantModeName(r.report.mode);
  j["observer"] = ObserverName(o.observer);
  j["quantized_ops"] = r.report.quantized_ops;
  j["float_ops"] = r.report.float_ops;
  j["quantize_ops_added"] = r.report.quantize_ops_added;
  j["dequantize_ops_added"] = r.report.dequantize_ops_added;
  j["weight_bytes"] = {{"before", r.report.weight_bytes_before}, {"after", r.report.weight_bytes_after}};
  j["file_bytes"] = {{"before", r.bytes_before}, {"after", r.bytes_after}};
  j["calibration"] = {{"random", r.data.random}, {"requested", r.data.requested}, {"used", r.data.used},
                      {"resized", r.data.resized}, {"skipped", r.data.skipped}, {"warnings", r.data.warnings}};
  j["warnings"] = r.report.warnings;
  if (const AutoDenylistResult* d = r.auto_denylist.get()) {
    auto measure = [](const AutoDenylistResult::Measure& m) {
      return nlohmann::json{{"snr_db", m.snr_db}, {"top1_agreement", m.top1_agreement}, {"file_bytes", m.file_bytes}, {"latency_ms", m.latency_ms}};
    };
    j["auto_denylist"] = {{"layers", d->layers}, {"keep_float", d->keep_float}, {"before", measure(d->before)}, {"after", measure(d->after)}};
  }
  return j;
}

}  // namespace

int QuantizeCommand(int argc, char** argv) {
  Args args(argc, argv);
  QuantizeFileOptions o;
  const std::optional<std::string> out = args.Value({"-o", "--output"});
  const std::optional<std::string> mode = args.Value("--mode");
  const std::optional<std::string> io = args.Value("--io");
  const std::optional<std::string> observer = args.Value("--observer");
  const std::optional<std::string> samples = args.Value("--samples");
  const std::optional<std::string> threads = args.Value("--threads");
  const std::optional<std::string> denylist = args.Value("--auto-denylist");
  const std::optional<std::string> report_path = args.Value("--report");
  o.data.paths = args.Values("--data");
  o.data.preprocess = args.Value("--preprocess").value_or("");
  o.quantize.per_channel = !args.Flag("--per-tensor");
  o.quantize.keep_float = args.Value("--keep-float").value_or("");
  Status s = args.Finish(1, 1);
  if (s.ok() && !out) s = InvalidArgument("-o OUT.tflite is required");
  if (s.ok() && !mode) s = InvalidArgument("--mode is required");
  if (s.ok()) {
    Result<QuantMode> m = ParseQuantMode(*mode);
    s = m.status();
    if (m.ok()) o.quantize.mode = *m;
  }
  if (s.ok() && io) {
    Result<tflite::TensorType> t = ParseIo(*io);
    s = t.status();
    if (t.ok()) o.quantize.io_type = *t;
  }
  if (s.ok() && observer) {
    Result<ObserverKind> k = ParseObserver(*observer);
    s = k.status();
    if (k.ok()) o.observer = *k;
  }
  if (s.ok() && samples) {
    Result<int> n = ParsePositive("--samples", *samples);
    s = n.status();
    if (n.ok()) o.data.samples = *n;
  }
  if (s.ok() && threads) {
    Result<int> n = ParsePositive("--threads", *threads);
    s = n.status();
    if (n.ok()) o.threads = *n;
  }
  if (s.ok() && denylist) {
    Result<int> n = ParsePositive("--auto-denylist", *denylist);
    s = n.status();
    if (n.ok()) o.auto_denylist = *n;
  }
  if (!s.ok()) {
    std::fprintf(stderr, "quantize: %s\n%s", s.message().c_str(), kUsage);
    return 2;
  }
  const std::string& source = args.positional()[0];
  o.progress = [](const std::string& stage, int done, int total) {
    std::fprintf(stderr, "\r%s %d/%d", stage.c_str(), done, total);
    if (done == total) std::fprintf(stderr, "\n");
    return true;
  };
  Result<QuantizeFileResult> r = QuantizeFile(source, *out, o);
  if (!r.ok()) {
    std::fprintf(stderr, "error: %s\n", r.status().message().c_str());
    return 1;
  }
  for (const std::string& w : r->data.warnings) std::printf("calibration: %s\n", w.c_str());
  std::cout << r->report.Text();
  if (const AutoDenylistResult* d = r->auto_denylist.get()) {
    std::printf("auto-denylist: kept in float (worst RMSE/scale first):");
    for (const std::string& l : d->layers) std::printf(" %s", l.c_str());
    std::printf("\n  output SNR %.2f -> %.2f dB", d->before.snr_db, d->after.snr_db);
    if (d->before.top1_agreement >= 0) std::printf(", top-1 agreement %.1f %% -> %.1f %%", 100 * d->before.top1_agreement, 100 * d->after.top1_agreement);
    std::printf("; size %llu -> %llu bytes; latency %.3f -> %.3f ms\n", static_cast<unsigned long long>(d->before.file_bytes),
                static_cast<unsigned long long>(d->after.file_bytes), d->before.latency_ms, d->after.latency_ms);
  }
  std::printf("%s: %lld -> %lld bytes\n", out->c_str(), static_cast<long long>(r->bytes_before), static_cast<long long>(r->bytes_after));
  if (report_path) {
    const std::string json = ReportJson(*r, o).dump(1) + "\n";
    if (Status w = WriteFileAtomically(*report_path, {reinterpret_cast<const uint8_t*>(json.data()), json.size()}, {source}); !w.ok()) {
      std::fprintf(stderr, "error: %s\n", w.message().c_str());
      return 1;
    }
    std::printf("report written to %s\n", report_path->c_str());
  }
  return 0;
}

}  // namespace litescope::cli
