// Reports of a float-versus-quantized comparison: one self-contained HTML page (inline CSS and
// SVG charts, prints to PDF), a JSON document (docs/compare-report-json.md), a per-layer CSV, and
// the plain-text summary litescope-cli prints.
//
//   Result<Comparison> c = Compare("net.tflite", "net_int8.tflite", data);
//   Status s = WriteReport(*c, "report.html");   // .html, .json or .csv decides the format
//   fputs(TextSummary(*c).c_str(), stdout);
//   std::string option = KeepFloatOption(WorstLayers(*c));   // --keep-float '^(?:conv1/Relu)$'
#pragma once

#include <string>
#include <vector>

#include "quantization/compare/compare.h"

namespace litescope {

enum class ReportFormat { kHtml, kJson, kCsv };

// By extension: .html/.htm, .json, .csv; an error naming the path otherwise.
Result<ReportFormat> ReportFormatOf(const std::string& path);

std::string HtmlReport(const Comparison& c);
std::string JsonReport(const Comparison& c);
std::string LayersCsv(const Comparison& c);
std::string TextSummary(const Comparison& c);

// Writes the report `path` names (atomically; never over either model file).
Status WriteReport(const Comparison& c, const std::string& path);

// The layers worth keeping in float: the flagged ones (at most 5), else the 3 worst quantized ones.
std::vector<const LayerComparison*> WorstLayers(const Comparison& c);

// A regex matching exactly these tensor names, metacharacters escaped: ^(?:a|b\.c)$
std::string KeepFloatRegex(const std::vector<std::string>& tensor_names);
// The full command line that would quantize again keeping `layers` in float.
std::string KeepFloatCommand(const Comparison& c, const std::vector<const LayerComparison*>& layers);

}  // namespace litescope
