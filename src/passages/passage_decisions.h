#pragma once
// PassageDecider: pass 2 of duplicate-passage detection, one document at a time. From the index
// (passages/passage_index.h) it decides, for each passage of the document in order:
//   within   a later repeat inside the document (of an earlier passage, or a block all of whose
//            sentences appeared earlier: a bullet repeating a stretch of the lead): removed;
//   across   a passage whose group also occurs in other documents: removed when the group is
//            boilerplate (in >= min_docs documents) — from every document including the
//            corpus's first occurrence, unless BoilerplateMode::kKeepFirst — else only reported;
// with stored counts (PassageIndex::use_stored_counts, `passages --index`), a group's documents
// in earlier batches add to its documents here, and none of its occurrences is the first (an
// occurrence whose only other ones are stored is reported as duplicating itself);
// and returns the cuts (passages/strip.h) and one report row per duplicate occurrence, with the
// similarity of its two spans: 1 for the same normalised text, the MinHash estimate for two
// near-duplicate passages, and for a block repeating a stretch the exact Jaccard of the two spans'
// shingle sets (as the index shingles them), so that identical text always scores 1.
//
//   PassageDecider decider(index);
//   DocPassages out; decider.decide(d, rec.text, out);   // out.cuts, out.rows
//
// Cost: linear in the document's passages (anchors are looked up by group in O(1)). Guarantees:
// deterministic; cuts sorted and non-overlapping. Not thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "passages/passage_index.h"
#include "passages/strip.h"

namespace docsift {

struct PassageRow {
  uint64_t occurrence = 0;  // index in the PassageIndex
  const char* kind = "";    // "within" or "across"
  PassageOccurrence of{};   // what it duplicates (a stretch of the document for a bullet)
  double similarity = 1;    // of the passage and `of` (see above)
  bool removed = false;
};

struct DocPassages {
  std::vector<Cut> cuts;
  std::vector<PassageRow> rows;
  uint64_t within = 0;
  uint64_t across = 0;
};

class PassageDecider {
 public:
  explicit PassageDecider(const PassageIndex& index);
  ~PassageDecider();

  // Decides document `doc` (whose text is `text`) into `out` (cleared first).
  void decide(uint32_t doc, std::string_view text, DocPassages& out);

  // The index's most repeated passages with their text filled in from the documents decided.
  const std::vector<RepeatedPassage>& most_repeated() const { return top_; }

 private:
  // Exact Jaccard of the shingle sets of two spans of `text`.
  double span_similarity(std::string_view text, const PassageOccurrence& a,
                         const PassageOccurrence& b);

  const PassageIndex& index_;
  struct Shingler;
  std::unique_ptr<Shingler> shingler_;
  std::vector<uint32_t> anchor_of_group_;  // first occurrence of a group in this doc, or max
  std::vector<uint32_t> touched_;          // groups with an anchor in this doc
  std::vector<RepeatedPassage> top_;
};

}  // namespace docsift
