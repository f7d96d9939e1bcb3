#pragma once
// The output lines of a topic clustering (docsift cluster): one assignment line per document
// {"id","cluster","score"} (a duplicate set aside before clustering gets its kept document's
// cluster and "duplicate_of"), one summary line per cluster
// {"cluster","size","labels","representative","title","representative_score"}, and the title of a
// representative (its first line that is not metadata, see representative_title). Deterministic.
// Writing into a caller's OutputFile.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/string_pool.h"
#include "io/output_file.h"
#include "vector/cluster.h"

namespace docsift {

// First non-empty line of `text`, without surrounding blanks.
std::string first_line(std::string_view text);

// Whether a line (without its newline) is metadata rather than a title. The rule, on the line's
// words (runs of letters, digits and marks; everything else separates):
//   - fewer than 2 letters in all (blank, "12.03.2024", "--- 6446 ---", "§ 3"), or
//   - fewer than 8 characters once trimmed ("Home", "ТАСС"), or a single word of letters
//     ("Подписаться", "Advertisement": feeds' buttons and rubrics), or
//   - a date or time word (digits separated by '-', '.', '/' or ':' with 2 or 3 groups,
//     "2024-03-09", "07.03.2024", "20:14") and at most 2 words made of letters
//     (" date 2024-03-09 07.03.2024, 20:14 6446", "Published 9 March 2024, 08:15").
bool is_metadata_line(std::string_view line);

// The title of a representative document: its first line that is not metadata (or, when every
// line is, its first non-empty line), trimmed and cut at a word boundary to at most `max_chars`
// code points ("..." appended when cut).
std::string representative_title(std::string_view text, size_t max_chars = 120);

// One line per document d of `ids`: `result` covers the documents with kept_of[d] == d, in order.
void write_assignments(const StringPool& ids, std::span<const uint32_t> kept_of,
                       const ClusterResult& result, OutputFile& out);

// One line per cluster; `clustered_ids` are the ids of the clustered documents and titles[c] the
// title of cluster c's representative. With date_ranges (stories with dates: one per cluster)
// each line also has "first_date" and "last_date".
void write_cluster_summaries(const ClusterResult& result,
                             const std::vector<std::string>& clustered_ids,
                             const std::vector<std::string>& titles, OutputFile& out,
                             std::span<const std::pair<std::string, std::string>> date_ranges = {});

}  // namespace docsift
