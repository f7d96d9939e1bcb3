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

#include "io/record.h"

namespace docsift {

// Appends `rec` and a '\n' to `out`: rec.raw when rec.has_raw, else {"id":...,"text":...}.
void append_kept_record(std::string& out, const Record& rec);

}  // namespace docsift
