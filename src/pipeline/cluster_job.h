#pragma once
// run_cluster: the `docsift cluster` job. Reads every document (clustering needs them all in
// memory), optionally removes exact and near duplicates first (so reprints do not pull
// centroids), sets boilerplate passages aside (unless keep_boilerplate: the passages that
// `docsift passages --strip` would cut, found over the documents kept, so that feeds' signature
// lines and share rows do not make one topic per source; a document all of whose passages would
// go is a reprint of a story, not boilerplate, and is left whole), tokenises with ICU in parallel,
// and clusters with TF-IDF + spherical k-means (vector/cluster.h). Writes one assignment line per
// document {"id","cluster","score"} (removed duplicates get their kept document's cluster and
// "duplicate_of"; a document with no term left after --min-df/--max-df gets cluster -1, counted in
// result.docs_without_terms) and one summary line per cluster
// {"cluster","size","labels","representative","title"}. Under --on-error skip, skipped records are
// listed after the assignment lines
// ({"source","line","error","action":"skipped"}, as dedup's report) and counted in docs_skipped.
//
//   ClusterPaths paths{.inputs = {"reports/"}, .assignments = "assign.jsonl", .summary =
//   "topics.jsonl"}; auto result = run_cluster(paths, ClusterJobOptions{});
//
// With by = kStory the documents are grouped into stories instead (vector/stories.h: links at
// cosine >= story.similarity, average linkage, stories of one for the unmatched); with
// date_field, the field's ISO 8601 date of each JSONL record limits links to story.window
// seconds (a record without a parseable date fails "<file>:<line>: ..."), and each summary
// line also has "first_date" and "last_date" (as written).
//
// Guarantees: deterministic for a seed, whatever the thread count; two outputs naming one file are
// refused before any work; outputs written atomically, together.

#include <string>
#include <vector>

#include "core/progress.h"
#include "core/status.h"
#include "group/dedup_options.h"
#include "io/corpus_reader.h"
#include "passages/passage_options.h"
#include "vector/cluster.h"
#include "vector/stories.h"

namespace docsift {

struct ClusterPaths {
  std::vector<std::string> inputs;
  std::string assignments;  // one JSON line per document; empty = not written
  std::string summary;      // one JSON line per cluster; empty = not written
  // Keeps the duplicate grouping of --dedup there as stage "dedup" (pipeline/work_dir.h); a
  // rerun with the same inputs and dedup options resumes after it. The clustering itself is
  // recomputed (deterministic for a seed). Empty = none.
  std::string work_dir = {};
};

struct ClusterJobOptions {
  ReadOptions read;
  NormalizeOptions normalize;
  ClusterOptions cluster;
  bool dedup = false;  // remove duplicates (MinHash at `dedup_threshold`) before clustering
  double dedup_threshold = 0.8;
  // Cluster the texts as given instead of without their boilerplate passages (found with
  // `passages`, whose read, normalize and threads are set from these options).
  bool keep_boilerplate = false;
  PassageOptions passages;
  unsigned threads = 0;
  enum class By { kTopic, kStory } by = By::kTopic;
  StoryOptions story;      // by = kStory (story.tfidf and story.labels: from `cluster`)
  std::string date_field;  // by = kStory: JSONL field with each record's date; empty = none
};

struct ClusterJobResult {
  ClusterResult result;             // over the documents that were clustered
  std::vector<std::string> ids;     // of the clustered documents
  std::vector<std::string> titles;  // per cluster: representative_title of its representative
  // Per clustered document: the first non-empty line of its first 512 bytes (for --html).
  std::vector<std::string> first_lines;
  size_t docs_read = 0;
  size_t duplicates_removed = 0;
  // Boilerplate set aside (without keep_boilerplate): passages cut, their bytes (bullet markers
  // included) and the documents they were cut from.
  uint64_t boilerplate_passages = 0;
  uint64_t boilerplate_bytes = 0;
  uint64_t boilerplate_docs = 0;
  uint64_t reprints_kept = 0;  // documents left whole: every passage of theirs in min_docs others
  size_t docs_skipped = 0;     // --on-error skip
  uint64_t bytes_read = 0;
  double seconds = 0;
  double cluster_seconds = 0;               // TF-IDF + k-means + labels only
  std::vector<std::string> stages_resumed;  // loaded from the work directory
  bool work_dir_stale = false;              // it held another run's artifacts (replaced)
  // by = kStory: `result` holds the stories (k = their number); these add links and dates.
  StoryResult stories;
  std::vector<std::string> dates;  // per clustered document, as written (with date_field)
};

// The dedup --dedup runs (MinHash at dedup_threshold).
DedupOptions cluster_dedup_options(const ClusterJobOptions& options, unsigned threads);

// The passage options of the boilerplate stage.
PassageOptions cluster_passage_options(const ClusterJobOptions& options, unsigned threads);

// `progress` sees "read", "group" (the dedup, with --dedup), "passages" (the boilerplate) and
// "cluster".
Result<ClusterJobResult> run_cluster(const ClusterPaths& paths, const ClusterJobOptions& options,
                                     const ProgressCallback& progress = {});

}  // namespace docsift
