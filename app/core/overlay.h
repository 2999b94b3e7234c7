// A per-node metric drawn over the graph (docs/overlay-json.md): latency from `bench --json`,
// quantization error, placement. Parsing is strict: a file that is not an overlay is an error
// naming the key that is wrong, never an empty overlay.
//
//   Result<Overlay> o = ReadOverlay("profile.json");
//   o->values.at(3)   // value of operator 3 of o->subgraph
#pragma once

#include <map>
#include <string>

#include "engine/base/status.h"

namespace litescope {

struct Overlay {
  std::string title;
  std::string unit;
  std::string model;
  int subgraph = 0;
  std::map<int, double> values;  // operator index -> value
  double min = 0, max = 0;       // over values
};

Result<Overlay> ParseOverlay(const std::string& text, const std::string& label);
Result<Overlay> ReadOverlay(const std::string& path);

// Where `value` falls between the overlay's min and max, in [0, 1].
double OverlayPosition(const Overlay& overlay, double value);

}  // namespace litescope
