#pragma once
// Line-by-line JSONL reading for the evaluation tools: each non-blank line must be one JSON
// object; errors name the file and line. Header-only (tools/programs/*.cc are single programs).

#include <simdjson.h>

#include <cstdint>
#include <fstream>
#include <string>

namespace docsift::detail {

// A JSON scalar used as a key: strings and integers are distinct keys ("1" vs 1).
inline bool scalar_key(simdjson::dom::element v, std::string& key) {
  std::string_view s;
  int64_t i;
  uint64_t u;
  if (!v.get_string().get(s)) {
    key = "s:";
    key += s;
  } else if (!v.get_int64().get(i)) {
    key = "i:" + std::to_string(i);
  } else if (!v.get_uint64().get(u)) {
    key = "i:" + std::to_string(u);
  } else {
    return false;
  }
  return true;
}

// Calls fn(object, line_number) for each non-blank line of `path`; returns an error message.
template <typename Fn>
std::string for_each_object(const std::string& path, Fn fn) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": cannot open";
  simdjson::dom::parser parser;
  std::string line;
  for (uint64_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::dom::object obj;
    if (auto err = parser.parse(line).get_object().get(obj)) {
      return path + ":" + std::to_string(line_no) + ": not a JSON object (" +
             simdjson::error_message(err) + ")";
    }
    std::string msg = fn(obj, line_no);
    if (!msg.empty()) return path + ":" + std::to_string(line_no) + ": " + msg;
  }
  return {};
}


}  // namespace docsift::detail
