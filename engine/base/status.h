// Status and Result<T>: how every Litescope library reports failure (no exceptions cross a
// library boundary).
//
//   Result<std::unique_ptr<Model>> m = Model::Load("net.tflite");
//   if (!m.ok()) { std::cerr << m.status().message() << "\n"; return 1; }
//   const Model& model = **m;
//
// Messages say what was being done, to what, and the rule broken:
//   "failed to load net.tflite: tensor 17 (conv1/weights) needs 4608 bytes, buffer 3 holds 1024"
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace litescope {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller's input is malformed (model file, dataset, option)
  kNotFound,         // a file, tensor, signature or op that was named does not exist
  kUnsupported,      // well-formed, but something we do not implement
  kIoError,          // the operating system refused a read or a write
  kCancelled,        // the user cancelled a running job
  kInternal,         // a bug in Litescope
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Prefixes the message with what was being done: "loading net.tflite: " + message.
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status Cancelled(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "a Result built from a Status must carry an error");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace litescope

// Returns early from the enclosing function when `expr` (a Status) is not ok.
#define LITESCOPE_RETURN_IF_ERROR(expr)          \
  do {                                           \
    ::litescope::Status _st = (expr);            \
    if (!_st.ok()) return _st;                   \
  } while (0)
