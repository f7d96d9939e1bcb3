#pragma once
// read_jsonl_columns: chosen top-level fields of every record of a small JSON Lines file, as
// columns (moved here from vector/, which opens no files). The input of the clustering evaluation
// tools (labelled corpora with "id", "topic", "lang"; assignments with
// "id", "cluster"). Strings are returned as is, integers and other numbers as their JSON text.
//
//   auto cols = read_jsonl_columns("assign.jsonl", {"id", "cluster"});
//   // (*cols)[0][i] is the id of record i, (*cols)[1][i] its cluster
//
// Read by for_each_jsonl_object (io/jsonl_objects.h): blank lines are skipped; a malformed line
// or a missing field fails with "<path>:<line>: ...".
// Not a streaming reader: for evaluation files, which are small. Thread-safe.

#include <string>
#include <vector>

#include "core/status.h"

namespace docsift {

Result<std::vector<std::vector<std::string>>> read_jsonl_columns(
    const std::string& path, const std::vector<std::string>& fields);

}  // namespace docsift
