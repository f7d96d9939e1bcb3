#pragma once
// Dates of JSONL records for story windows (docsift cluster --by story --date-field F
// --window 3d): the text of a top-level field of a JSON line, ISO 8601 dates and times as
// seconds since 1970-01-01 UTC, and durations such as "3d".
//
//   auto text = json_field_text(rec.raw, "date");     // "2024-03-09T10:15:00+06:00"
//   auto when = parse_date(*text);                    // 1709957700
//   auto window = parse_duration("3d");               // 259200
//
// parse_date accepts YYYY-MM-DD, optionally followed by 'T' or ' ' and HH:MM or HH:MM:SS
// (fractions of a second ignored), then optionally 'Z' or an offset +HH:MM / -HH:MM / +HHMM;
// without an offset the time is UTC. A JSON number is seconds since the epoch. Errors are
// one line naming the value. Pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace docsift {

// The value of top-level field `field` of the JSON object `line`: a string as decoded, a number
// as written. Fails when the line is not an object, or the field is missing or of another type.
Result<std::string> json_field_text(std::string_view line, std::string_view field);

// Seconds since 1970-01-01T00:00:00Z (negative before).
Result<int64_t> parse_date(std::string_view text);

// "<count><unit>" with unit s, m, h, d or w ("90m", "3d"), in seconds; count >= 0.
Result<int64_t> parse_duration(std::string_view text);

}  // namespace docsift
