#pragma once
// Status and Result<T>: how the library reports expected failures (unreadable file, malformed
// line, bad option) without printing, exiting or throwing across its API. Messages are one line
// and name the file, line (or byte offset) and offending value, ready for the CLI to print.
//
//   Result<Corpus> corpus = open_corpus(paths);
//   if (!corpus.ok()) { std::cerr << corpus.status().message() << "\n"; return 2; }
//
// Guarantees: cheap to copy when ok (no allocation); not thread-safe to mutate concurrently.

#include <optional>
#include <string>
#include <utility>

#include "core/assert.h"

namespace docsift {

// Broad categories so the CLI can map failures to exit codes.
enum class StatusCode { kOk = 0, kInvalidInput, kInvalidArgument, kIoError, kResourceExhausted };

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string msg) {
    return {StatusCode::kInvalidInput, std::move(msg)};
  }
  static Status InvalidArgument(std::string msg) {
    return {StatusCode::kInvalidArgument, std::move(msg)};
  }
  static Status IoError(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status ResourceExhausted(std::string msg) {
    return {StatusCode::kResourceExhausted, std::move(msg)};
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    DOCSIFT_ASSERT(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & {
    DOCSIFT_ASSERT(ok());
    return *value_;
  }
  const T& value() const& {
    DOCSIFT_ASSERT(ok());
    return *value_;
  }
  T&& value() && {
    DOCSIFT_ASSERT(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace docsift

// Propagates a failed Status from an expression to the caller.
#define DOCSIFT_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::docsift::Status docsift_status_ = (expr);        \
    if (!docsift_status_.ok()) return docsift_status_; \
  } while (0)
