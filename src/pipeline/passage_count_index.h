#pragma once
// PassageCountIndex: the stored boilerplate counts of `docsift passages --index DIR [--update]`,
// so that boilerplate counts carry across batches: a footer seen in 500 earlier documents is
// boilerplate in a batch where it occurs once. It holds, per exact passage key (the XXH3-128 of
// the normalised passage the PassageIndex uses) and per line and line-pair key of the line
// boilerplate (LineIndex keys, rehashed with seed 2 into a key space of their own), the number
// of earlier documents holding it, in the dedup index's store (store/stored_index.h, segments
// of StoredKind::kCounts: sorted (key, count) records, merged by adding counts), so it has the
// same guarantees: atomic batches, kill -9 safety, one writer (LOCK), any number of readers,
// memory-mapped segments.
//
//   auto counts = PassageCountIndex::open("idx", options, /*update=*/true);
//   (*counts)->attach(passage_index, lines);        // before the indexes finish()
//   ... decide and write, commit the outputs ...
//   DOCSIFT_RETURN_IF_ERROR((*counts)->update(passage_index, lines));  // atomic
//
// Counts are documents, saturating at 2^32 - 1. A passage counts in the documents that hold it
// as a whole passage (not only as a sentence part), as PassageGroup::documents counts them.
// Not carried: near-duplicate (MinHash) groups. A group of several exact classes takes the most
// stored documents any of its classes has (a lower bound), so a near-duplicate variant of a
// stored footer is boilerplate only through its own exact key's count or this batch's group.
// Options: the index records those that shape the keys and what is counted (fold_digits, unit,
// min_words, lines on/off); another run's must match (the message names each difference).
// The thresholds (min_docs, line_min_docs, boilerplate mode) and the near options may differ
// from batch to batch.
// The index keeps counts, not document ids: running --update twice on one batch counts it twice
// (the kill -9 test reruns only an update that did not land).
// Memory: the lookups touch O(log n) pages of each segment; --update holds the batch's keys
// (20 bytes per distinct passage, line and pair) until the segment is written.

#include <memory>
#include <string>

#include "core/options_fingerprint.h"
#include "core/status.h"
#include "passages/line_boilerplate.h"
#include "passages/passage_index.h"
#include "passages/passage_options.h"

namespace docsift {

class StoredIndex;

// The options that shape a passage count index.
OptionsText passage_count_options_text(const PassageOptions& options);

class PassageCountIndex {
 public:
  // Opens DIR for lookups (it must exist), or with `update` as the one writer (creating it).
  static Result<std::unique_ptr<PassageCountIndex>> open(const std::string& dir,
                                                         const PassageOptions& options,
                                                         bool update);
  ~PassageCountIndex();

  // Before index and lines finish(): they look their keys up here (and keep the batch's counts
  // when updating). `lines` may be null.
  void attach(PassageIndex& index, LineIndex* lines) const;
  // After the outputs are committed: adds the batch's documents and counts as one atomic batch.
  Status update(const PassageIndex& index, const LineIndex* lines);

  uint64_t docs_before() const { return docs_before_; }
  uint64_t num_docs() const;
  uint64_t bytes_on_disk() const;

 private:
  PassageCountIndex() = default;
  std::unique_ptr<StoredIndex> store_;
  std::string dir_;
  bool update_ = false;
  uint64_t docs_before_ = 0;
};

}  // namespace docsift
