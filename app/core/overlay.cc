#include "app/core/overlay.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

namespace litescope {

Result<Overlay> ParseOverlay(const std::string& text, const std::string& label) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto bad = [&](const std::string& why) { return InvalidArgument("overlay " + label + ": " + why); };
  if (j.is_discarded()) return bad("not valid JSON");
  if (!j.is_object() || j.value("format", "") != "litescope.overlay")
    return bad("\"format\" must be \"litescope.overlay\"");
  if (!j.contains("format_version") || !j["format_version"].is_number_integer() || j["format_version"] != 1)
    return bad("\"format_version\" must be 1");
  Overlay o;
  for (auto [key, field] : {std::pair{"title", &o.title}, std::pair{"unit", &o.unit}, std::pair{"model", &o.model}}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_string()) return bad(std::string("\"") + key + "\" must be a string");
    *field = j[key].get<std::string>();
  }
  if (j.contains("subgraph")) {
    if (!j["subgraph"].is_number_integer() || j["subgraph"].get<int64_t>() < 0) return bad("\"subgraph\" must be an index >= 0");
    o.subgraph = j["subgraph"].get<int>();
  }
  if (!j.contains("values") || !j["values"].is_object()) return bad("\"values\" must be an object (node index -> number)");
  o.min = std::numeric_limits<double>::infinity();
  o.max = -std::numeric_limits<double>::infinity();
  for (const auto& [key, value] : j["values"].items()) {
    size_t used = 0;
    long index = -1;
    try {
      index = std::stol(key, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != key.size() || index < 0 || index > std::numeric_limits<int>::max())
      return bad("value key \"" + key + "\" is not a node index");
    if (!value.is_number() || !std::isfinite(value.get<double>()))
      return bad("the value of node " + key + " is not a finite number");
    const double v = value.get<double>();
    o.values[static_cast<int>(index)] = v;
    o.min = std::min(o.min, v);
    o.max = std::max(o.max, v);
  }
  if (o.values.empty()) o.min = o.max = 0;
  return o;
}

Result<Overlay> ReadOverlay(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open overlay " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParseOverlay(text.str(), path);
}

double OverlayPosition(const Overlay& overlay, double value) {
  if (overlay.max <= overlay.min) return 1.0;
  return std::clamp((value - overlay.min) / (overlay.max - overlay.min), 0.0, 1.0);
}

}  // namespace litescope
