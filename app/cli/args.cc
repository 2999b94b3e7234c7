#include "app/cli/args.h"

namespace litescope::cli {

Args::Args(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) rest_.emplace_back(argv[i]);
}

bool Args::Flag(std::initializer_list<const char*> names) {
  bool found = false;
  for (auto it = rest_.begin(); it != rest_.end();) {
    bool match = false;
    for (const char* n : names) match = match || *it == n;
    if (match) {
      found = true;
      it = rest_.erase(it);
    } else {
      ++it;
    }
  }
  return found;
}

std::vector<std::string> Args::Values(const char* name) {
  std::vector<std::string> values;
  const std::string flag = name;
  for (size_t i = 0; i < rest_.size();) {
    if (rest_[i] == flag) {
      if (i + 1 >= rest_.size()) {
        error_ = "option " + flag + " needs a value";
        rest_.erase(rest_.begin() + static_cast<long>(i));
        continue;
      }
      values.push_back(rest_[i + 1]);
      rest_.erase(rest_.begin() + static_cast<long>(i), rest_.begin() + static_cast<long>(i) + 2);
    } else if (rest_[i].rfind(flag + "=", 0) == 0) {
      values.push_back(rest_[i].substr(flag.size() + 1));
      rest_.erase(rest_.begin() + static_cast<long>(i));
    } else {
      ++i;
    }
  }
  return values;
}

std::optional<std::string> Args::Value(std::initializer_list<const char*> names) {
  std::optional<std::string> value;
  for (size_t i = 0; i < rest_.size();) {
    bool consumed = false;
    for (const char* n : names) {
      std::string name = n;
      if (rest_[i] == name) {
        if (i + 1 >= rest_.size()) {
          error_ = "option " + name + " needs a value";
          rest_.erase(rest_.begin() + static_cast<long>(i));
        } else {
          value = rest_[i + 1];
          rest_.erase(rest_.begin() + static_cast<long>(i), rest_.begin() + static_cast<long>(i) + 2);
        }
        consumed = true;
        break;
      }
      if (rest_[i].rfind(name + "=", 0) == 0) {
        value = rest_[i].substr(name.size() + 1);
        rest_.erase(rest_.begin() + static_cast<long>(i));
        consumed = true;
        break;
      }
    }
    if (!consumed) ++i;
  }
  return value;
}

Status Args::Finish(size_t min_positional, size_t max_positional) {
  if (!error_.empty()) return InvalidArgument(error_);
  for (const std::string& a : rest_) {
    if (a.size() > 1 && a[0] == '-') return InvalidArgument("unknown option " + a);
    positional_.push_back(a);
  }
  if (positional_.size() < min_positional) return InvalidArgument("missing argument");
  if (positional_.size() > max_positional) return InvalidArgument("unexpected argument " + positional_[max_positional]);
  return Status::Ok();
}

}  // namespace litescope::cli
