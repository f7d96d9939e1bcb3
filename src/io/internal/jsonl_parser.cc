#include "io/internal/jsonl_parser.h"

#include <simdjson.h>

#include <charconv>

#include "io/internal/line_reader.h"
#include "io/internal/utf8.h"

namespace docsift::detail {

static_assert(kLinePadding >= simdjson::SIMDJSON_PADDING, "lines are parsed in place");

struct JsonlParser::Impl {
  Impl(std::string id, std::string text) : id_field(std::move(id)), text_field(std::move(text)) {}
  std::string id_field;
  std::string text_field;
  simdjson::dom::parser parser;
};

JsonlParser::JsonlParser(std::string id_field, std::string text_field)
    : impl_(std::make_unique<Impl>(std::move(id_field), std::move(text_field))) {}

JsonlParser::~JsonlParser() = default;

namespace {

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_blank(std::string_view line) {
  for (char c : line)
    if (!is_json_space(c)) return false;
  return true;
}

}  // namespace

JsonlOutcome JsonlParser::parse(std::string_view line, std::string& id, bool& has_id,
                                std::string& text, std::string& error) {
  // simdjson rejects an empty document; a blank line is not an error in JSON Lines.
  if (line.empty() || (is_json_space(line.front()) && is_blank(line))) return JsonlOutcome::kBlank;

  simdjson::dom::element doc;
  if (auto err = impl_->parser.parse(line.data(), line.size(), false).get(doc); err) {
    if (err == simdjson::MEMALLOC) {
      error = "out of memory parsing a JSON line of " + std::to_string(line.size()) +
              " bytes (the JSON parser needs several times the line's size)";
      return JsonlOutcome::kOutOfMemory;
    }
    if (err == simdjson::UTF8_ERROR) {
      error = "invalid UTF-8 at byte " + std::to_string(first_invalid_utf8(line)) + " of the line";
    } else {
      error = std::string("invalid JSON (") + simdjson::error_message(err) + ")";
    }
    return JsonlOutcome::kError;
  }
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) {
    error = "expected a JSON object";
    return JsonlOutcome::kError;
  }

  simdjson::dom::element text_el;
  if (obj.at_key(impl_->text_field).get(text_el)) {
    error = "missing \"" + impl_->text_field + "\" field";
    return JsonlOutcome::kError;
  }
  std::string_view text_view;
  if (text_el.get_string().get(text_view)) {
    error = "\"" + impl_->text_field + "\" field is not a string";
    return JsonlOutcome::kError;
  }

  simdjson::dom::element id_el;
  has_id = !obj.at_key(impl_->id_field).get(id_el);
  if (has_id) {
    std::string_view id_view;
    int64_t as_int;
    uint64_t as_uint;
    if (!id_el.get_string().get(id_view)) {
      id.assign(id_view);
    } else if (id_el.is_int64() && !id_el.get_int64().get(as_int)) {
      char digits[24];
      auto res = std::to_chars(digits, digits + sizeof digits, as_int);
      id.assign(digits, res.ptr);
    } else if (id_el.is_uint64() && !id_el.get_uint64().get(as_uint)) {
      char digits[24];
      auto res = std::to_chars(digits, digits + sizeof digits, as_uint);
      id.assign(digits, res.ptr);
    } else {
      error = "\"" + impl_->id_field + "\" field is not a string or an integer";
      return JsonlOutcome::kError;
    }
  }
  text.assign(text_view);
  return JsonlOutcome::kRecord;
}

}  // namespace docsift::detail
