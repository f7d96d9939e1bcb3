#pragma once
// Minimal JSON emission for reports: escapes UTF-8 strings per RFC 8259 and formats numbers so
// that output is byte-identical across runs and platforms (fixed precision for doubles).
//
//   std::string line; JsonObject obj(line);
//   obj.field("id", rec.id).field("similarity", 0.91).close();   // {"id":"a","similarity":0.91}

#include <cstdint>
#include <string>
#include <string_view>

namespace docsift {

// Appends `s` as a quoted, escaped JSON string.
void append_json_string(std::string& out, std::string_view s);
// An id as it appears in a one-line message: JSON-quoted, cut at 200 bytes (on a UTF-8
// character boundary) with "..." appended.
std::string quoted_id(std::string_view id);
// Appends a double with up to 4 decimals, trailing zeros trimmed ("0.9", "1", "0.8125").
void append_json_number(std::string& out, double value);

// Builds one JSON object into a caller's string.
class JsonObject {
 public:
  explicit JsonObject(std::string& out) : out_(out) { out_.push_back('{'); }
  JsonObject& field(std::string_view key, std::string_view value);
  JsonObject& field(std::string_view key, const char* value) {
    return field(key, std::string_view(value));
  }
  JsonObject& field(std::string_view key, double value);
  JsonObject& field(std::string_view key, int64_t value);
  JsonObject& field(std::string_view key, uint64_t value);
  JsonObject& field(std::string_view key, int value) { return field(key, int64_t{value}); }
  JsonObject& field(std::string_view key, unsigned value) { return field(key, uint64_t{value}); }
  JsonObject& field(std::string_view key, bool value);
  // Inserts `json` verbatim as the value (a nested object or array built by the caller).
  JsonObject& raw_field(std::string_view key, std::string_view json);
  void close() { out_.push_back('}'); }

 private:
  void key(std::string_view k);
  std::string& out_;
  bool first_ = true;
};

}  // namespace docsift
