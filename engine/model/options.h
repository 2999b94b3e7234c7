// Builtin operator options decoded into named fields, for any operator the schema knows,
// without one hand-written decoder per op: the generated reflection tables give the names.
//
//   for (const OptionField& f : DecodeOptions(op))          // CONV_2D:
//     std::cout << f.name << " = " << f.text << "\n";        //   padding = SAME, stride_w = 2, ...
//
// Fields the file omits appear with their schema default, as TFLite reads them.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "engine/model/model.h"

namespace litescope {

struct OptionField {
  std::string name;
  // bool, integer, floating point, enum name or string, or a vector of integers / floats.
  std::variant<bool, int64_t, double, std::string, std::vector<int64_t>, std::vector<double>> value;
  std::string text;  // the value as a person reads it: "SAME", "2", "[1, 2]"
};

// The fields of the operator's builtin_options (or builtin_options_2); empty when it has none.
std::vector<OptionField> DecodeOptions(const OperatorView& op);

// The name of the options table ("Conv2DOptions"), or empty.
std::string OptionsTypeName(const OperatorView& op);

}  // namespace litescope
