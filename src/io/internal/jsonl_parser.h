#pragma once
// JsonlParser extracts the id and text fields from one JSON Lines record with simdjson's DOM
// parser (the whole line is validated: syntax and UTF-8), reusing its buffers across lines.
//
//   detail::JsonlParser parser("id", "text");
//   std::string id, text, error; bool has_id;
//   if (parser.parse(line, id, has_id, text, error) == detail::JsonlOutcome::kError) ...
//
// An integer id is returned as its decimal text. Not thread-safe (one parser per thread).

#include <memory>
#include <string>
#include <string_view>

namespace docsift::detail {

// kOutOfMemory: simdjson could not allocate its buffers for this line (a memory cap, e.g. ulimit
// -v, below what a line of this size needs: several times its size); not a fault of the data.
enum class JsonlOutcome { kRecord, kBlank, kError, kOutOfMemory };

class JsonlParser {
 public:
  JsonlParser(std::string id_field, std::string text_field);
  ~JsonlParser();
  JsonlParser(const JsonlParser&) = delete;
  JsonlParser& operator=(const JsonlParser&) = delete;

  // `line` must be followed by kLinePadding readable bytes (LineReader guarantees it).
  // kRecord: `text` holds the unescaped text; `id` the id when `has_id`. kBlank: only whitespace.
  // kError: `error` holds a one-line description (without file and line). kOutOfMemory: likewise.
  JsonlOutcome parse(std::string_view line, std::string& id, bool& has_id, std::string& text,
                     std::string& error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace docsift::detail
