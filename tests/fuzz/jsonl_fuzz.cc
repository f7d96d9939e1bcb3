// Fuzzer for io/internal/jsonl_parser.h: the input is split into lines on '\n' as LineReader
// does, each line is parsed from a buffer with kLinePadding bytes after it (the only padding the
// parser may rely on; ASan catches any read past it). Checked:
//   - kBlank only for lines of JSON whitespace; kError with a one-line, non-empty message;
//   - kRecord: text and id are valid UTF-8, and the unescaper round-trips: the text and id,
//     escaped again by a plain escaper written here, parse back to the same strings;
//   - the same parser gives the same outcome when a line is parsed a second time (buffer reuse).
// The first input byte picks the field names (the usual id/text or short ones the fuzzer can
// spell), so records whose keys collide or repeat are reached.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "io/internal/jsonl_parser.h"
#include "io/internal/line_reader.h"
#include "io/internal/utf8.h"

namespace {

using docsift::detail::JsonlOutcome;
using docsift::detail::JsonlParser;

std::string json_escape(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

struct Parsed {
  JsonlOutcome outcome;
  std::string id, text, error;
  bool has_id = false;
};

Parsed parse_padded(JsonlParser& parser, std::string_view line) {
  // Exactly line.size() + kLinePadding bytes, the padding filled with a byte simdjson must not
  // take as part of the document.
  std::vector<char> buf(line.size() + docsift::detail::kLinePadding, 'x');
  std::copy(line.begin(), line.end(), buf.begin());
  Parsed p;
  p.outcome =
      parser.parse(std::string_view(buf.data(), line.size()), p.id, p.has_id, p.text, p.error);
  return p;
}

bool is_json_blank(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool short_names = data[0] & 1;
  const std::string id_field = short_names ? "i" : "id";
  const std::string text_field = short_names ? "t" : "text";
  JsonlParser parser(id_field, text_field);
  JsonlParser fresh(id_field, text_field);

  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  while (true) {
    const size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);

    const Parsed p = parse_padded(parser, line);
    FUZZ_CHECK((p.outcome == JsonlOutcome::kBlank) == is_json_blank(line),
               "blank outcome disagrees for a line of " << line.size() << " bytes");
    if (p.outcome == JsonlOutcome::kError) {
      FUZZ_CHECK(!p.error.empty() && p.error.find('\n') == std::string::npos,
                 "error message \"" << p.error << "\"");
    }
    if (p.outcome == JsonlOutcome::kRecord) {
      FUZZ_CHECK(docsift::detail::is_valid_utf8(p.text), "text is not valid UTF-8");
      FUZZ_CHECK(!p.has_id || docsift::detail::is_valid_utf8(p.id), "id is not valid UTF-8");
      // Round trip through a plain escaper.
      std::string again = "{" + json_escape(text_field) + ":" + json_escape(p.text);
      if (p.has_id) again += "," + json_escape(id_field) + ":" + json_escape(p.id);
      again += "}";
      const Parsed q = parse_padded(fresh, again);
      FUZZ_CHECK(q.outcome == JsonlOutcome::kRecord, "re-escaped record fails: " << q.error);
      FUZZ_CHECK(q.text == p.text, "text changed in the round trip");
      FUZZ_CHECK(q.has_id == p.has_id && (!p.has_id || q.id == p.id),
                 "id changed in the round trip: \"" << p.id << "\" -> \"" << q.id << "\"");
    }
    // Reusing the parser's buffers must not change the result.
    const Parsed r = parse_padded(parser, line);
    FUZZ_CHECK(r.outcome == p.outcome && r.text == p.text && r.error == p.error &&
                   r.has_id == p.has_id && (!p.has_id || r.id == p.id),
               "second parse of the same line differs");

    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return 0;
}
