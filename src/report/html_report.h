#pragma once
// Self-contained HTML reports for analysts who would rather look than read JSON: one file with
// its CSS and JS inline, no network access (a Content-Security-Policy forbids any fetch), no
// external fonts. The data is embedded as JSON in a <script type="application/json"> block and
// drawn by the page's script with textContent only, so no document text can become markup.
//
//   TopicReport r;  r.clusters.push_back({.size = 12, .labels = {"bank", "rates"}, ...});
//   std::string page = topic_report_html(r);
//   DOCSIFT_RETURN_IF_ERROR(write_html_file("topics.html", inputs, page));
//
// Stage-independent: the writers take plain structs, filled by whoever has the data (the CLI
// from the cluster and clean jobs). Guarantees: deterministic (same structs, same bytes); the
// embedded JSON cannot close its script tag ("<", ">", "&", U+2028 and U+2029 are written as
// \u escapes); text is expected as valid UTF-8. Thread-safe (no shared state).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace docsift {

// --- cluster ---------------------------------------------------------------------------------

struct TopicCluster {
  uint64_t size = 0;
  std::vector<std::string> labels;
  std::string title;           // first line of the representative
  std::string representative;  // its id
  double x = 0, y = 0;         // position on the map (report/cluster_map.h), any scale
};

struct TopicMember {
  std::string id;
  int64_t cluster = 0;  // index into TopicReport::clusters
  double score = 0;     // cosine to the centroid
  std::string first_line;
};

struct TopicReport {
  std::vector<std::string> inputs;
  uint64_t docs_read = 0;
  uint64_t duplicates_removed = 0;
  std::string projection;  // how x, y were made, shown under the map
  std::vector<TopicCluster> clusters;
  std::vector<TopicMember> members;  // may be a subset; members_total says how many there are
  uint64_t members_total = 0;
};

std::string topic_report_html(const TopicReport& report);

// --- clean -----------------------------------------------------------------------------------

struct CleanDocument {
  std::string id;
  double similarity = 1;  // to the kept document (1 for the kept one)
  std::string excerpt;    // the first characters of its text; empty when not available
};

struct CleanGroup {
  CleanDocument kept;
  std::vector<CleanDocument> removed;
};

struct CleanPassage {
  std::string text;
  uint64_t occurrences = 0;
  uint64_t documents = 0;
};

struct CleanReport {
  std::vector<std::string> inputs;
  uint64_t docs_before = 0, docs_after = 0;
  uint64_t bytes_before = 0, bytes_after = 0;  // document text bytes
  uint64_t docs_removed = 0, passages_removed = 0;
  uint64_t groups_total = 0;       // groups with duplicates; `groups` may hold the first ones
  bool excerpts_available = true;  // false: the texts could not be read again (stdin)
  std::vector<CleanGroup> groups;
  std::vector<CleanPassage> repeated;  // most repeated passages, most frequent first
};

std::string clean_report_html(const CleanReport& report);

// --- shared ----------------------------------------------------------------------------------

// `json` made safe inside a <script> element: every "<", ">", "&", U+2028 and U+2029 (which can
// only occur inside JSON strings) replaced by its \uXXXX escape; still the same JSON value.
std::string json_for_script(std::string_view json);

// At most `max_columns` columns of valid UTF-8 `text` (text/display_width.h: wide CJK 2,
// combining marks 0), cut between user-perceived characters, with "…" appended when cut.
std::string clip_text(std::string_view text, size_t max_columns);

// Writes `html` to `path` atomically (io/output_file.h); refused when `path` is one of `inputs`.
Status write_html_file(const std::string& path, const std::vector<std::string>& inputs,
                       std::string_view html);

}  // namespace docsift
