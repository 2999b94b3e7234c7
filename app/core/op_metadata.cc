#include "app/core/op_metadata.h"

#include <QFile>
#include <nlohmann/json.hpp>

namespace litescope {

Result<OpMetadata> OpMetadata::Parse(const std::string& json) {
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || j.value("format", "") != "litescope.op_metadata")
    return InvalidArgument("op metadata: not a litescope.op_metadata JSON document");
  if (!j.contains("categories") || !j["categories"].is_object() || !j.contains("ops") || !j["ops"].is_object())
    return InvalidArgument("op metadata: \"categories\" and \"ops\" must be objects");
  OpMetadata m;
  for (const auto& [name, c] : j["categories"].items()) {
    if (!c.is_object() || !c.contains("colour") || !c["colour"].is_string())
      return InvalidArgument("op metadata: category " + name + " has no \"colour\" string");
    m.colours_[name] = c["colour"].get<std::string>();
  }
  for (const auto& [name, op] : j["ops"].items()) {
    if (!op.is_object() || !op.contains("category") || !op["category"].is_string())
      return InvalidArgument("op metadata: op " + name + " has no \"category\" string");
    Op o{op["category"].get<std::string>(), op.value("description", "")};
    if (!m.colours_.contains(o.category))
      return InvalidArgument("op metadata: op " + name + " is in undefined category " + o.category);
    m.ops_[name] = std::move(o);
  }
  return m;
}

Result<OpMetadata> OpMetadata::LoadBuiltIn() {
  QFile file(":/litescope/op_metadata.json");
  if (!file.open(QIODevice::ReadOnly)) return Internal("op metadata: the compiled-in resource is missing");
  return Parse(file.readAll().toStdString());
}

std::string OpMetadata::Category(const std::string& op) const {
  if (op.starts_with("CUSTOM")) return "Custom";
  auto it = ops_.find(op);
  return it == ops_.end() ? "Other" : it->second.category;
}

std::string OpMetadata::Colour(const std::string& category) const {
  auto it = colours_.find(category);
  return it == colours_.end() ? "#6b6b6b" : it->second;
}

std::string OpMetadata::Description(const std::string& op) const {
  auto it = ops_.find(op);
  return it == ops_.end() ? std::string() : it->second.description;
}

}  // namespace litescope
