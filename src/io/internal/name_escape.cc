#include "io/internal/name_escape.h"

#include "io/internal/utf8.h"

namespace docsift::detail {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_percent(std::string& out, unsigned char byte) {
  static const char kHex[] = "0123456789ABCDEF";
  out.push_back('%');
  out.push_back(kHex[byte >> 4]);
  out.push_back(kHex[byte & 15]);
}

}  // namespace

std::string escape_file_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  while (!name.empty()) {
    // The valid prefix is copied as it is, except for '%'.
    const size_t valid = first_invalid_utf8(name);
    for (char c : name.substr(0, valid)) {
      if (c == '%')
        out.append("%25");
      else
        out.push_back(c);
    }
    if (valid == name.size()) break;
    append_percent(out, static_cast<unsigned char>(name[valid]));
    name.remove_prefix(valid + 1);
  }
  return out;
}

std::string unescape_file_name(std::string_view escaped) {
  std::string out;
  out.reserve(escaped.size());
  for (size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] == '%' && i + 2 < escaped.size()) {
      const int hi = hex_value(escaped[i + 1]);
      const int lo = hex_value(escaped[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(escaped[i]);
  }
  return out;
}

}  // namespace docsift::detail
