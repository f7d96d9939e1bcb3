#pragma once
// for_each_jsonl_object: the library's reader for JSON Lines files read field by field (the
// evaluators' truth files and reports, read_jsonl_columns), on the same byte handling as the
// corpus reader (io/corpus_reader.h): gzip/zstd decided by content (internal/byte_source.h),
// CRLF, a byte order mark and a last line without newline accepted (internal/line_reader.h),
// each line validated by simdjson's DOM parser.
//
//   Status s = for_each_jsonl_object("truth.jsonl", [&](simdjson::dom::object obj, uint64_t) {
//     std::string_view id;
//     if (obj["id"].get_string().get(id)) return std::string("missing string field \"id\"");
//     return std::string();   // empty: go on
//   });
//
// Blank lines (spaces, tabs) are skipped. Errors are one line naming the file: "<path>: ..."
// when it cannot be read, "<path>:<line>: not a JSON object (...)", or "<path>:<line>: <message>"
// when fn returns a non-empty message (the read stops there). Not a corpus reader: whole lines
// are parsed into a DOM, for small files. Thread-safe (no shared state).

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"

namespace docsift {

using JsonlObjectFn = std::function<std::string(simdjson::dom::object object, uint64_t line)>;

Status for_each_jsonl_object(const std::string& path, const JsonlObjectFn& fn);

// A JSON scalar as a key: strings and integers are distinct keys ("1" vs 1): "s:<text>" or
// "i:<decimal>". False (key unchanged) for other values.
bool jsonl_scalar_key(simdjson::dom::element value, std::string& key);

}  // namespace docsift
