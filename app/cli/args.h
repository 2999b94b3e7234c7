// A small command-line reader for litescope-cli subcommands: flags, options with a value
// (`-o FILE`, `--output FILE` or `--output=FILE`) and positional arguments; anything left
// unrecognised is an error that names it.
//
//   Args args(argc, argv);            // argv[0] is the subcommand
//   bool json = args.Flag("--json");
//   std::optional<std::string> out = args.Value({"-o", "--output"});   // the last one given
//   std::vector<std::string> inputs = args.Values("--input");         // all of them
//   if (Status s = args.Finish(1, 1); !s.ok()) ...   // exactly one positional argument
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/status.h"

namespace litescope::cli {

class Args {
 public:
  Args(int argc, char** argv);

  bool Flag(std::initializer_list<const char*> names);
  bool Flag(const char* name) { return Flag({name}); }
  std::optional<std::string> Value(std::initializer_list<const char*> names);
  std::optional<std::string> Value(const char* name) { return Value({name}); }
  // Every value of a repeatable option, in command-line order.
  std::vector<std::string> Values(const char* name);
  // Checks that no unknown option is left and that the positional count is in [min, max].
  Status Finish(size_t min_positional, size_t max_positional);
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::vector<std::string> rest_;
  std::vector<std::string> positional_;
  std::string error_;
};

}  // namespace litescope::cli
