#include "io/jsonl_fields.h"

#include <simdjson.h>

#include <fstream>

namespace docsift {

Result<std::vector<std::vector<std::string>>> read_jsonl_columns(
    const std::string& path, const std::vector<std::string>& fields) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  std::vector<std::vector<std::string>> columns(fields.size());
  simdjson::dom::parser parser;
  std::string line;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::dom::element doc;
    if (auto err = parser.parse(line).get(doc); err)
      return Status::InvalidInput(path + ":" + std::to_string(line_no) +
                                  ": invalid JSON: " + simdjson::error_message(err));
    for (size_t f = 0; f < fields.size(); ++f) {
      simdjson::dom::element value;
      if (doc[fields[f]].get(value) != simdjson::SUCCESS)
        return Status::InvalidInput(path + ":" + std::to_string(line_no) + ": no field \"" +
                                    fields[f] + "\"");
      if (value.is_string()) {
        columns[f].emplace_back(std::string_view(value.get_string().value_unsafe()));
      } else {
        columns[f].push_back(simdjson::minify(value));
      }
    }
  }
  if (in.bad()) return Status::IoError(path + ": read error");
  return columns;
}

}  // namespace docsift
