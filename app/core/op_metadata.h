// What the graph view knows about each operator: its category, the category's colour, and a
// one-line description. The data is resources/op_metadata.json, compiled into the program.
//
//   Result<OpMetadata> m = OpMetadata::LoadBuiltIn();
//   m->Category("CONV_2D")        // "Layer"
//   m->Colour("Layer")            // "#335c81"
#pragma once

#include <map>
#include <string>

#include "engine/base/status.h"

namespace litescope {

class OpMetadata {
 public:
  static Result<OpMetadata> Parse(const std::string& json);
  // The compiled-in metadata (a Qt resource).
  static Result<OpMetadata> LoadBuiltIn();

  // "Other" for unknown names; "CUSTOM:x" is "Custom".
  std::string Category(const std::string& op) const;
  // "#rrggbb"; grey for unknown categories.
  std::string Colour(const std::string& category) const;
  std::string Description(const std::string& op) const;
  const std::map<std::string, std::string>& category_colours() const { return colours_; }
  size_t op_count() const { return ops_.size(); }

 private:
  struct Op {
    std::string category;
    std::string description;
  };
  std::map<std::string, Op> ops_;
  std::map<std::string, std::string> colours_;
};

}  // namespace litescope
