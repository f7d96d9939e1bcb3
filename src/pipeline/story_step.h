#pragma once
// The story branch of run_cluster (pipeline/cluster_job.h, --by story): dates read from the
// records' JSONL field, the story stage (vector/stories.h) on the clustered documents, and its
// result put where the topic writers and the CLI's table read it (ClusterJobResult::result:
// one cluster per story), plus the first and last date of each story.
//
//   RecordDates dates;  for each record: dates.add(rec, "published");
//   run_story_step(texts, dates.seconds, options, threads, out);
//
// Deterministic, whatever the thread count.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "io/record.h"
#include "pipeline/cluster_job.h"

namespace docsift {

// Each record's date (io/date_field.h) as written and in seconds, in record order.
struct RecordDates {
  std::vector<std::string> text;
  std::vector<int64_t> seconds;
  // Fails "<source>:<line>: <why>" when the record is not a JSONL line or has no date there.
  Status add(const Record& rec, const std::string& field);
};

// Clusters `texts` (dates: empty or one per text) into stories and fills out.result and
// out.stories.
Status run_story_step(std::span<const std::string_view> texts, std::span<const int64_t> dates,
                      const ClusterJobOptions& options, unsigned threads, ClusterJobResult& out);

// (first date, last date) per story, as written; empty without dates or for topics.
std::vector<std::pair<std::string, std::string>> story_date_ranges(const ClusterJobResult& out);

}  // namespace docsift
