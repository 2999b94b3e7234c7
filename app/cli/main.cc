// litescope-cli: every feature of the Litescope desktop app, headless.
#include <cstdio>
#include <cstring>
#include <string>

#include "app/cli/commands.h"

namespace {

struct Command {
  const char* name;
  const char* usage;
  int (*run)(int argc, char** argv);
};

constexpr Command kCommands[] = {
    {"bench", "bench MODEL [--threads N] [--warmup W] [--runs R] [--profile] [--json FILE]   latency, per-op profile",
     litescope::cli::BenchCommand},
    {"compare", "compare FLOAT QUANT [--data D|F..] [--labels F] [--samples N] [--report F.html|.json|.csv]   float vs quantized",
     litescope::cli::CompareCommand},
    {"convert", "convert SRC -o OUT.tflite [--input-shape N=D,..] [--keep-nchw-io] [--allow-custom-ops] [--check] [--report F]",
     litescope::cli::ConvertCommand},
    {"inspect", "inspect MODEL [--json]        summary, op histogram, parameters, signatures, op table",
     litescope::cli::InspectCommand},
    {"quantize",
     "quantize FLOAT.tflite -o OUT.tflite --mode dynamic|int8|float16|16x8 [--data DIR|FILE].. [--preprocess S] [--samples N]\n"
     "           [--per-tensor] [--io float|int8|uint8|int16] [--observer mse|minmax|ema|percentile] [--keep-float RE]\n"
     "           [--auto-denylist K] [--report F]",
     litescope::cli::QuantizeCommand},
#ifdef LITESCOPE_WITH_QT
    {"render", "render MODEL -o graph.svg|png [--subgraph N] [--overlay FILE] [--direction tb|lr]   draw the graph",
     litescope::cli::RenderCommand},
#endif
    {"run", "run MODEL [--input NAME=F.npy] [--output-dir D] [--dump-intermediates D]   run on the CPU",
     litescope::cli::RunCommand},
    {"sample", "sample [-o FILE] [--images DIR [--count N]]   the bundled sample model (our ModelBuilder), synthetic images",
     litescope::cli::SampleCommand},
};

void PrintUsage(FILE* out) {
  std::fprintf(out, "usage: litescope-cli COMMAND [ARGS]\n\ncommands:\n");
  for (const Command& c : kCommands) std::fprintf(out, "  %s\n", c.usage);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    PrintUsage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  for (const Command& c : kCommands) {
    if (std::strcmp(argv[1], c.name) == 0) return c.run(argc - 1, argv + 1);
  }
  std::fprintf(stderr, "litescope-cli: unknown command '%s'\n\n", argv[1]);
  PrintUsage(stderr);
  return 2;
}
