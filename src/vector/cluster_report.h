#pragma once
// The output lines of a topic clustering (docsift cluster): one assignment line per document
// {"id","cluster","score"} (a duplicate set aside before clustering gets its kept document's
// cluster and "duplicate_of"), one summary line per cluster
// {"cluster","size","labels","representative","representative_score"}, and the title of a
// representative (its first non-empty line). Deterministic. Writing into a caller's OutputFile.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/string_pool.h"
#include "io/output_file.h"
#include "vector/cluster.h"

namespace docsift {

// First non-empty line of `text`, without surrounding blanks.
std::string first_line(std::string_view text);

// One line per document d of `ids`: `result` covers the documents with kept_of[d] == d, in order.
void write_assignments(const StringPool& ids, std::span<const uint32_t> kept_of,
                       const ClusterResult& result, OutputFile& out);

// One line per cluster; `clustered_ids` are the ids of the clustered documents.
void write_cluster_summaries(const ClusterResult& result,
                             const std::vector<std::string>& clustered_ids, OutputFile& out);

}  // namespace docsift
