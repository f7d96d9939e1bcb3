#pragma once
// Writes a kept record back out as one JSON Lines line: a JSONL record's original line byte for
// byte (so every field the user had survives), any other record as {"id":...,"text":...}.
//
//   std::string line;
//   append_kept_record(line, rec);  // ends with '\n'
//   out->write(line);
//
// Deterministic; stateless, so safe to call from several threads on different strings.

#include <string>
#include <string_view>

#include "io/record.h"

namespace docsift {

// Appends `rec` and a '\n' to `out`: rec.raw when rec.has_raw, else {"id":...,"text":...}.
void append_kept_record(std::string& out, const Record& rec);

// Appends `rec` with its text replaced by `new_text`, and a '\n'. For a JSONL record only the
// value of `text_field` changes: every other byte of the original line (other fields, their
// order and spacing) is copied as it was. Other records become {"id":...,"text":...}.
void append_record_with_text(std::string& out, const Record& rec, std::string_view new_text,
                             std::string_view text_field = "text");

}  // namespace docsift
