#include "io/date_field.h"

#include <simdjson.h>

#include <charconv>

namespace docsift {
namespace {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's
// days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// Reads exactly `width` digits at s[i].
bool digits(std::string_view s, size_t& i, size_t width, int& out) {
  if (i + width > s.size()) return false;
  out = 0;
  for (size_t k = 0; k < width; ++k) {
    const char c = s[i + k];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  i += width;
  return true;
}

bool expect(std::string_view s, size_t& i, char c) {
  if (i < s.size() && s[i] == c) {
    ++i;
    return true;
  }
  return false;
}

}  // namespace

Result<std::string> json_field_text(std::string_view line, std::string_view field) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(line.data(), line.size()).get(doc))
    return Status::InvalidInput("not a JSON line");
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) return Status::InvalidInput("not a JSON object");
  simdjson::dom::element v;
  if (obj.at_key(field).get(v))
    return Status::InvalidInput("no field \"" + std::string(field) + "\"");
  std::string_view s;
  if (!v.get_string().get(s)) return std::string(s);
  if (v.is_number()) return simdjson::minify(v);
  return Status::InvalidInput("field \"" + std::string(field) + "\" is neither string nor number");
}

Result<int64_t> parse_date(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidInput("not a date (YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM]): \"" +
                                std::string(text.substr(0, 64)) + "\"");
  };
  if (!text.empty() && (text[0] == '-' || (text[0] >= '0' && text[0] <= '9')) &&
      text.find('-', 1) == std::string_view::npos) {
    int64_t seconds = 0;  // a number: seconds since the epoch (fraction ignored)
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc()) return bad();
    std::string_view rest(end, static_cast<size_t>(text.data() + text.size() - end));
    if (rest.empty()) return seconds;
    if (rest[0] != '.' || rest.size() == 1 ||
        rest.substr(1).find_first_not_of("0123456789") != std::string_view::npos)
      return bad();
    return seconds;
  }
  size_t i = 0;
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!digits(text, i, 4, y) || !expect(text, i, '-') || !digits(text, i, 2, mo) ||
      !expect(text, i, '-') || !digits(text, i, 2, d))
    return bad();
  static const int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1]) return bad();
  if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return bad();
  int64_t offset = 0;
  if (i < text.size()) {
    if (!expect(text, i, 'T') && !expect(text, i, ' ')) return bad();
    if (!digits(text, i, 2, h) || !expect(text, i, ':') || !digits(text, i, 2, mi)) return bad();
    if (expect(text, i, ':')) {
      if (!digits(text, i, 2, sec)) return bad();
      if (expect(text, i, '.'))
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    }
    if (h > 23 || mi > 59 || sec > 60) return bad();
    if (expect(text, i, 'Z')) {
    } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      const int sign = text[i++] == '-' ? -1 : 1;
      int oh, om;
      if (!digits(text, i, 2, oh)) return bad();
      expect(text, i, ':');
      if (!digits(text, i, 2, om) || oh > 23 || om > 59) return bad();
      offset = sign * (oh * 3600 + om * 60);
    }
    if (i != text.size()) return bad();
  }
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
         h * 3600 + mi * 60 + sec - offset;
}

Result<int64_t> parse_duration(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("not a duration (a count and s, m, h, d or w: 3d): \"" +
                                   std::string(text.substr(0, 64)) + "\"");
  };
  if (text.size() < 2) return bad();
  int64_t count = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, count);
  if (ec != std::errc() || end != text.data() + text.size() - 1 || count < 0) return bad();
  int64_t unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    case 'w':
      unit = 7 * 86400;
      break;
    default:
      return bad();
  }
  if (count > INT64_MAX / unit) return bad();
  return count * unit;
}

}  // namespace docsift
