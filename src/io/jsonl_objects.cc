#include "io/jsonl_objects.h"

#include "io/internal/byte_source.h"
#include "io/internal/line_reader.h"

namespace docsift {

Status for_each_jsonl_object(const std::string& path, const JsonlObjectFn& fn) {
  auto source = detail::open_byte_source(path, path, detail::compression_from_name(path));
  if (!source.ok()) return source.status();
  detail::LineReader lines;
  lines.reset(source.value().get());
  simdjson::dom::parser parser;
  std::string_view line;
  while (true) {
    auto more = lines.next(line);
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    const std::string where = path + ":" + std::to_string(lines.line_number()) + ": ";
    simdjson::dom::object object;
    // LineReader leaves kLinePadding readable bytes after the line: parse it in place.
    static_assert(detail::kLinePadding >= simdjson::SIMDJSON_PADDING);
    if (auto err = parser.parse(line.data(), line.size(), false).get_object().get(object)) {
      return Status::InvalidInput(where + "not a JSON object (" + simdjson::error_message(err) +
                                  ")");
    }
    std::string message = fn(object, lines.line_number());
    if (!message.empty()) return Status::InvalidInput(where + message);
  }
}

bool jsonl_scalar_key(simdjson::dom::element value, std::string& key) {
  std::string_view s;
  int64_t i;
  uint64_t u;
  if (!value.get_string().get(s)) {
    key = "s:";
    key += s;
  } else if (!value.get_int64().get(i)) {
    key = "i:" + std::to_string(i);
  } else if (!value.get_uint64().get(u)) {
    key = "i:" + std::to_string(u);
  } else {
    return false;
  }
  return true;
}

}  // namespace docsift
