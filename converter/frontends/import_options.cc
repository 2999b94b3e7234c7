#include "converter/frontends/import_options.h"

#include <map>
#include <sstream>

namespace litescope {

nlohmann::json ConversionReport::Json() const {
  nlohmann::json j;
  j["format"] = "litescope.convert_report";
  j["format_version"] = 1;
  j["source"] = source;
  j["source_format"] = format;
  j["tflite_ops"] = tflite_ops;
  j["subgraphs"] = subgraphs;
  j["transposes"] = transposes;
  j["ops"] = nlohmann::json::array();
  for (const Op& op : ops) j["ops"].push_back({{"name", op.name}, {"type", op.type}, {"tflite", op.tflite_ops}});
  j["unsupported"] = nlohmann::json::array();
  for (const Unsupported& u : unsupported) j["unsupported"].push_back({{"name", u.name}, {"type", u.type}, {"reason", u.reason}});
  j["warnings"] = warnings;
  j["passes"] = passes;
  return j;
}

std::string ConversionReport::Text() const {
  std::ostringstream out;
  std::map<std::string, int> by_type;
  for (const Op& op : ops) ++by_type[op.type];
  out << source << " (" << format << "): " << ops.size() << " source ops -> " << tflite_ops << " TFLite ops"
      << (subgraphs > 1 ? " in " + std::to_string(subgraphs) + " subgraphs" : std::string()) << ", "
      << transposes << " TRANSPOSE\n";
  for (const auto& [type, count] : by_type) out << "  " << type << " x" << count << "\n";
  for (const std::string& p : passes) out << "pass " << p << "\n";
  for (const Unsupported& u : unsupported) out << "unsupported: " << u.name << " (" << u.type << "): " << u.reason << "\n";
  for (const std::string& w : warnings) out << "warning: " << w << "\n";
  return out.str();
}

}  // namespace litescope
