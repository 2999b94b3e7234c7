#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "resources/samples/sample_models.h"

namespace litescope::cli {

int SampleCommand(int argc, char** argv) {
  Args args(argc, argv);
  std::optional<std::string> out = args.Value({"-o", "--output"});
  if (Status s = args.Finish(0, 0); !s.ok() || !out) {
    std::fprintf(stderr, "sample: %s\nusage: litescope-cli sample -o FILE\n",
                 out ? s.message().c_str() : "missing -o FILE");
    return 2;
  }
  if (Status s = SampleClassifier().WriteFile(*out); !s.ok()) {
    std::fprintf(stderr, "error: %s\n", s.message().c_str());
    return 1;
  }
  std::printf("wrote %s\n", out->c_str());
  return 0;
}

}  // namespace litescope::cli
