// `convert --check`: runs the imported graph (before any pass) and the converted model on the same
// random inputs and compares their outputs; when they differ, names the first tensor (in the
// imported graph's order) that both models have, with the same name and shape, whose values
// diverge, and by how much.
//
//   Result<CheckReport> c = CheckConversion(imported, converted_bytes);
//   if (!c->ok) std::cout << c->summary;
#pragma once

#include <string>

#include "converter/ir/graph.h"
#include "engine/model/model_builder.h"

namespace litescope {

struct CheckReport {
  bool ok = true;
  double max_abs = 0;        // over the outputs
  std::string summary;       // one line per output, and the first divergence
  std::string first_divergence;  // tensor name, empty when none was found
};

// Tolerance per output: 1e-4 * max(1, max |reference|) for floats, exact for integers.
Result<CheckReport> CheckConversion(const ir::Model& imported, const SerializedModel& converted);

}  // namespace litescope
