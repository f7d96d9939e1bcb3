#pragma once
// Story clustering without k: groups the reports of one event (a visit, a summit, a ruling)
// told by many sources, as news aggregators do. Topics (vector/cluster.h) are the coarse
// granularity; a story has no natural k, there are as many as there are events.
//
//   StoryOptions opt;  opt.similarity = 0.3;  opt.window = 3 * 86400;   // dates in seconds
//   Result<StoryResult> r = cluster_stories(texts, dates, NormalizeOptions{}, opt);
//   r->docs[i].cluster is document i's story; r->stories[s] its size, labels, representative.
//
// Steps: TF-IDF rows (vector/tfidf.h, one tokenisation), then
//  1. links: every pair with cosine >= S (and, with dates, at most `window` apart), found by
//     prefix filtering with L2 bounds (vector/internal/similar_pairs.h) and checked by exact
//     cosine; no all-pairs scan;
//  2. linkage: average linkage (UPGMA) stopped at S (vector/internal/average_linkage.h): two
//     groups joined by a link merge while the mean cosine over ALL their member pairs is >= S.
//     Why not connected components of the links (single linkage): one shared actor or place
//     links report A of event 1 to report B of event 2, and a chain of such links glues
//     unrelated stories into one. Average linkage needs the two groups to be alike as wholes,
//     so a single bridge pair does not merge them, while a story told in varying words still
//     forms from its many moderately similar pairs. The mean is exact (summed rows), not an
//     estimate over sampled pairs;
//  3. a document in no merge (no link, or outvoted) is a story of one; a document with no term
//     left after pruning is also a story of one (score 0);
//  4. stories numbered by decreasing size, ties by first member; per story the c-TF-IDF labels
//     (vector/cluster_labels.h), the most central report (largest cosine to the story's summed
//     rows) as representative, and the earliest and latest dated reports.
//
// Cost (n documents, nnz TF-IDF entries, L links): memory O(nnz + L + n); time of the links
// output-sensitive (bench/README.md gives candidate pairs per document at 100k), the linkage
// O(L log L) heap operations plus one sparse dot of summed rows per neighbour of each merge.
// Guarantees: deterministic, identical whatever `threads` (fixed chunks merged in order).
// Thread-safe.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "text/tokenize.h"
#include "vector/cluster.h"
#include "vector/cluster_labels.h"
#include "vector/tfidf.h"

namespace docsift {

struct StoryOptions {
  TfidfOptions tfidf;
  // S: least cosine of a link and least average cosine of a merge. 0.25 has the best pairwise
  // F1 on gen_stories corpora (README "Stories" gives the sweep).
  double similarity = 0.25;
  int64_t window = 0;  // with dates: largest time between linked documents (dates' unit)
  LabelOptions labels;
  unsigned threads = 0;  // 0 = all cores
};

struct StorySummary {
  ClusterSummary summary;  // size, labels, representative (most central), its score
  size_t first_doc = 0;    // earliest dated member (ties: first); with no dates, first member
  size_t last_doc = 0;     // latest dated member (ties: first)
};

struct StoryResult {
  std::vector<DocAssignment> docs;  // cluster = story id; score = cosine to the story centroid
  std::vector<StorySummary> stories;
  size_t vocabulary_size = 0;
  size_t num_communities = 0;
  size_t docs_without_terms = 0;  // stories of one with score 0
  size_t candidate_pairs = 0;     // pairs whose exact cosine was computed
  size_t links = 0;               // pairs with cosine >= S (within the window)
  size_t merges = 0;
};

// dates empty, or one per text (any unit, the unit of options.window). Fails on bad options
// (similarity outside (0, 1], negative window, dates of the wrong size) and when TF-IDF fails.
Result<StoryResult> cluster_stories(std::span<const std::string_view> texts,
                                    std::span<const int64_t> dates,
                                    const NormalizeOptions& normalize,
                                    const StoryOptions& options = {});

// The same on a TF-IDF matrix built by the caller (texts for label phrases; may be empty).
Result<StoryResult> cluster_stories(const TfidfMatrix& tfidf,
                                    std::span<const std::string_view> texts,
                                    std::span<const int64_t> dates,
                                    const NormalizeOptions& normalize,
                                    const StoryOptions& options = {});

}  // namespace docsift
