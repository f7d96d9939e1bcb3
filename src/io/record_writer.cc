#include "io/record_writer.h"

#include <simdjson.h>

#include "io/json_writer.h"

namespace docsift {

void append_kept_record(std::string& out, const Record& rec) {
  if (rec.has_raw) {
    out.append(rec.raw);
  } else {
    JsonObject(out).field("id", rec.id).field("text", rec.text).close();
  }
  out.push_back('\n');
}

namespace {

// Byte range of the raw JSON value of `field` in `line`, found with simdjson's On-Demand parser
// (raw_json_token points into the parsed buffer, so its offset is the offset in the line).
bool find_raw_value(const std::string& line, std::string_view field, size_t& begin, size_t& end) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(line);
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc)) return false;
  simdjson::ondemand::object obj;
  if (doc.get_object().get(obj)) return false;
  for (auto entry : obj) {
    std::string_view key;
    if (entry.unescaped_key().get(key)) return false;
    if (key != field) continue;
    std::string_view token = entry.value().raw_json_token();
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r' ||
                              token.back() == '\n')) {
      token.remove_suffix(1);
    }
    begin = static_cast<size_t>(token.data() - padded.data());
    end = begin + token.size();
    return end <= line.size();
  }
  return false;
}

}  // namespace

void append_record_with_text(std::string& out, const Record& rec, std::string_view new_text,
                             std::string_view text_field) {
  size_t begin = 0, end = 0;
  if (rec.has_raw && find_raw_value(rec.raw, text_field, begin, end)) {
    out.append(rec.raw, 0, begin);
    append_json_string(out, new_text);
    out.append(rec.raw, end);
  } else {
    JsonObject(out).field("id", rec.id).field("text", new_text).close();
  }
  out.push_back('\n');
}

}  // namespace docsift
