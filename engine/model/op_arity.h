// How many inputs and outputs a builtin operator may plausibly have, counting omitted optional
// inputs (index -1). Used by the loader to reject models whose operators cannot be right before
// any kernel looks at them; kernels check the exact rules in prepare.
//
//   if (auto a = ExpectedArity(tflite::BuiltinOperator_CONV_2D)) { a->min_inputs ... }
#pragma once

#include <optional>

#include "engine/schema/tflite_generated.h"

namespace litescope {

struct Arity {
  int min_inputs;
  int max_inputs;
  int min_outputs;
  int max_outputs;
};

// nullopt for operators whose counts we do not constrain (custom, rarely used, or variadic).
std::optional<Arity> ExpectedArity(tflite::BuiltinOperator op);

}  // namespace litescope
