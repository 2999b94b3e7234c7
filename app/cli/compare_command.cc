#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "quantization/report/report.h"

namespace litescope::cli {
namespace {

constexpr const char* kUsage =
    "usage: litescope-cli compare FLOAT.tflite QUANT.tflite [--data DIR|FILE ...] [--labels FILE]\n"
    "                             [--preprocess SPEC] [--samples N] [--seed S] [--threads N] [--runs R]\n"
    "                             [--no-layers] [--report FILE.html|.json|.csv ...]\n"
    "  Runs both models on the same data and compares their outputs (SNR, cosine, errors), classifier\n"
    "  accuracy or agreement, every layer (RMSE/scale; above 0.7 is flagged), latency and size.\n"
    "  --data: image folders (recursive; a folder's name is the label looked up in --labels), images,\n"
    "  .npy (a sample or a batch) or .npz (one array per input); none: random inputs.\n"
    "  --report may be repeated; the extension decides the format.\n";

bool ParseInt(const std::optional<std::string>& text, int min, int& out) {
  if (!text) return true;
  char* end = nullptr;
  const long v = std::strtol(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || v < min || v > 1000000000) return false;
  out = static_cast<int>(v);
  return true;
}

}  // namespace

int CompareCommand(int argc, char** argv) {
  Args args(argc, argv);
  DatasetSpec data;
  data.paths = args.Values("--data");
  data.labels = args.Value("--labels").value_or("");
  data.preprocess = args.Value("--preprocess").value_or("");
  CompareOptions options;
  int seed = 1;
  const bool ok = ParseInt(args.Value("--samples"), 1, data.samples) && ParseInt(args.Value("--seed"), 0, seed) &&
                  ParseInt(args.Value("--threads"), 1, options.threads) &&
                  ParseInt(args.Value("--runs"), 1, options.latency_runs);
  data.seed = static_cast<uint32_t>(seed);
  options.layers = !args.Flag("--no-layers");
  const std::vector<std::string> reports = args.Values("--report");
  if (Status s = args.Finish(2, 2); !s.ok() || !ok) {
    std::fprintf(stderr, "compare: %s\n%s", ok ? s.message().c_str() : "--samples, --seed, --threads and --runs take a positive whole number", kUsage);
    return 2;
  }
  for (const std::string& r : reports) {
    if (Result<ReportFormat> f = ReportFormatOf(r); !f.ok()) return std::fprintf(stderr, "error: %s\n", f.status().message().c_str()), 2;
  }
  if (isatty(fileno(stderr))) {
    options.progress = [](int done, int total) {
      std::fprintf(stderr, "\rcomparing: %d/%d%s", done, total, done == total ? "\n" : "");
      return true;
    };
  }
  Result<Comparison> c = Compare(args.positional()[0], args.positional()[1], data, options);
  if (!c.ok()) return std::fprintf(stderr, "error: %s\n", c.status().message().c_str()), 1;
  std::fputs(TextSummary(*c).c_str(), stdout);
  for (const std::string& r : reports) {
    if (Status s = WriteReport(*c, r); !s.ok()) return std::fprintf(stderr, "error: %s\n", s.message().c_str()), 1;
    std::printf("report written to %s\n", r.c_str());
  }
  return 0;
}

}  // namespace litescope::cli
