#pragma once
// JSON string escaping for the helper programs (RFC 8259 section 7): '"', '\\' and control
// characters below U+0020 are escaped, everything else (UTF-8 included) is copied verbatim.
// Local to tools/programs until the library's io/json_writer.h is linked everywhere; the
// output is the same as append_json_string() for valid UTF-8.
//
//   std::string line = "{\"id\":";
//   append_json_escaped(line, "doc-1");            // {"id":"doc-1"
//
// Deterministic; no allocation beyond growing `out`.

#include <cstdio>
#include <string>
#include <string_view>

namespace docsift::detail {

inline void append_json_escaped(std::string& out, std::string_view s) {
  out.push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

// Fixed 4-decimal rendering with trailing zeros trimmed ("0.5", "1", "0.8125"), so that
// numbers in generated files are byte-identical across platforms.
inline void append_json_fixed4(std::string& out, double value) {
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%.4f", value);
  while (n > 0 && buf[n - 1] == '0') --n;
  if (n > 0 && buf[n - 1] == '.') --n;
  out.append(buf, static_cast<size_t>(n));
}

}  // namespace docsift::detail
