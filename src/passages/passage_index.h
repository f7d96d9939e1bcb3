#pragma once
// PassageIndex: pass 1 of duplicate-passage detection. Every document added is segmented into
// passages (passages/internal/passage_scan.h); each qualifying passage is recorded as an
// occurrence of a distinct passage (exact classes by XXH3-128 of the normalised text, with a
// MinHash signature each when near search is on). finish() joins exact classes by verified
// near-duplicate edges (group/near_dup.h) and counts every group's occurrences and documents,
// which is what the per-document decisions (passages/passage_decisions.h) read.
//
//   PassageIndex index(options, threads);
//   for each batch: DOCSIFT_RETURN_IF_ERROR(index.add(batch));
//   DOCSIFT_RETURN_IF_ERROR(index.finish());
//
// Memory: a 16-byte key, the first occurrence and a signature per distinct passage plus 32
// bytes per occurrence; add() fails (ResourceExhausted) once over options.max_memory, or, with
// a budget (options.read.budget, core/memory_budget.h), before a batch would take the index
// over it (kPassages; finish() charges the grouping as kIndex).
// Guarantees: identical whatever the thread count. Not thread-safe (add() fans out itself).

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/mapped_array.h"
#include "core/memory_budget.h"
#include "core/status.h"
#include "core/string_pool.h"
#include "io/record.h"
#include "passages/passage_options.h"
#include "text/normalize.h"

namespace docsift {
namespace detail {
class PassageScanner;
struct ScannedPassage;
}  // namespace detail

// One occurrence of a qualifying passage, in input order (32 bytes).
struct PassageOccurrence {
  uint32_t doc;
  uint32_t distinct;  // index of its exact-equal class
  uint32_t marker_begin;
  uint32_t begin;  // byte offsets into the document's text
  uint32_t end;
  uint32_t char_begin;  // code point offsets of begin and end (what reports call char_start/end)
  uint32_t char_end;
  bool part;  // a sentence of a block: an anchor for later repeats in its document only
  // A block whose sentences (two or more) all have min_words words, so all follow it as parts:
  // only such a block can repeat a stretch of its document (passage_decisions.h).
  bool all_sentences_parts;
};

// A group of duplicate passages (an exact class, or exact classes joined by near matches).
struct PassageGroup {
  uint32_t occurrences = 0;  // whole passages (parts not counted)
  uint32_t parts = 0;
  uint32_t documents = 0;
  uint32_t last_doc = UINT32_MAX;
  uint32_t first_occ = UINT32_MAX;            // canonical: first occurrence in input order
  uint32_t first_other_doc_occ = UINT32_MAX;  // first occurrence in another document
};

struct RepeatedPassage {
  std::string text;  // the first occurrence, as in the original
  uint64_t occurrences = 0;
  uint64_t documents = 0;
};

class PassageIndex {
 public:
  PassageIndex(const PassageOptions& options, unsigned threads);
  ~PassageIndex();

  // Adds the documents of `batch` (numbered on from docs()).
  Status add(std::span<const Record> batch);
  // Before finish(), for `passages --index` (pipeline/passage_count_index.h): finish() looks
  // every exact class up with `stored` (may be empty) and, with `collect`, keeps the batch's
  // own counts (batch_counts()). A group's stored documents are the most any of its exact
  // classes has: exact for a group of one class; near-duplicate groups are not carried across
  // batches beyond that.
  void use_stored_counts(StoredCountFn stored, bool collect);
  // After the last add(): groups distinct passages and counts each group.
  Status finish();
  // Documents of earlier batches holding group g (0 without stored counts).
  uint32_t stored_documents(uint32_t g) const {
    return stored_of_group_.empty() ? 0 : stored_of_group_[g];
  }
  // With use_stored_counts(.., true), after finish(): per exact class seen as a whole passage,
  // its key and the documents of this index holding it.
  const std::vector<std::pair<Key128, uint32_t>>& batch_counts() const { return batch_counts_; }

  const PassageOptions& options() const { return options_; }
  size_t docs() const { return ids_.size(); }
  std::string_view id(uint32_t doc) const { return ids_[doc]; }
  uint64_t text_bytes() const { return text_bytes_; }
  // Occurrences of document d: [doc_begin(d), doc_begin(d + 1)).
  uint64_t doc_begin(uint32_t d) const { return doc_first_occ_[d]; }
  const PassageOccurrence& occurrence(uint64_t o) const { return occurrences_[o]; }
  uint32_t group_of(const PassageOccurrence& occ) const { return group_of_[occ.distinct]; }
  const PassageGroup& group(uint32_t g) const { return groups_[g]; }
  // Estimated Jaccard of two occurrences' passages (1 for the same exact class or without near).
  double similarity(const PassageOccurrence& a, const PassageOccurrence& b) const;

  uint64_t num_passages() const;  // whole passages (not parts)
  // Exact classes of passages and parts (what the near search and the signatures count).
  uint32_t num_distinct() const { return num_distinct_; }
  // Exact classes among whole passages, counted as num_passages() is (after finish()), so
  // that num_distinct_passages() <= num_passages().
  uint64_t num_distinct_passages() const { return num_distinct_passages_; }
  uint64_t near_duplicate_groups() const { return near_groups_; }
  size_t index_bytes() const { return index_bytes_; }
  // The most repeated groups (options.top_repeated at most), most occurrences first; text empty
  // until the caller fills it from the first occurrence (top_slot()).
  const std::vector<RepeatedPassage>& most_repeated() const { return top_; }
  // Slot in most_repeated() of the group whose first occurrence is o, or -1.
  int top_slot(uint64_t o) const;

 private:
  size_t memory_bytes() const;
  // Charges options.read.budget for the index once the scanned `batch` is added.
  Status charge(std::span<const Record> batch);

  const PassageOptions& options_;
  unsigned threads_;
  std::vector<std::unique_ptr<detail::PassageScanner>> scanners_;
  StringPool ids_;
  std::vector<PassageOccurrence> occurrences_;
  std::vector<uint64_t> doc_first_occ_;
  MappedArray<uint32_t> signatures_;  // num_perm per distinct passage (near search only)
  uint32_t num_distinct_ = 0;
  std::unordered_map<Key128, uint32_t, Key128Hash> distinct_of_key_;
  uint64_t text_bytes_ = 0;
  size_t index_bytes_ = 0;
  std::vector<uint32_t> group_of_;  // per distinct passage
  std::vector<PassageGroup> groups_;
  uint64_t near_groups_ = 0;
  uint64_t num_distinct_passages_ = 0;
  std::vector<RepeatedPassage> top_;
  StoredCountFn stored_;
  bool collect_ = false;
  std::vector<uint32_t> stored_of_group_;
  std::vector<std::pair<Key128, uint32_t>> batch_counts_;
  std::unordered_map<uint32_t, int> top_slot_;  // first occurrence -> slot
  struct ChunkScan;
  std::vector<ChunkScan> chunks_;
  MemoryCharge charge_;  // kPassages: the index's share of options.read.budget
};

}  // namespace docsift
