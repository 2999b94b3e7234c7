#include <cstdio>
#include <iostream>

#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "engine/model/model.h"
#include "engine/model/summary.h"

namespace litescope::cli {

int InspectCommand(int argc, char** argv) {
  Args args(argc, argv);
  bool json = args.Flag("--json");
  if (Status s = args.Finish(1, 1); !s.ok()) {
    std::fprintf(stderr, "inspect: %s\nusage: litescope-cli inspect MODEL [--json]\n", s.message().c_str());
    return 2;
  }
  Result<std::unique_ptr<Model>> model = Model::Load(args.positional()[0]);
  if (!model.ok()) {
    std::fprintf(stderr, "error: %s\n", model.status().message().c_str());
    return 1;
  }
  ModelSummary summary = Summarize(**model);
  if (json) {
    std::cout << SummaryJson(summary).dump(1) << "\n";
  } else {
    std::cout << SummaryText(summary);
  }
  return 0;
}

}  // namespace litescope::cli
