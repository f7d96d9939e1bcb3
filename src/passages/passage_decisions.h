#pragma once
// PassageDecider: pass 2 of duplicate-passage detection, one document at a time. From the index
// (passages/passage_index.h) it decides, for each passage of the document in order:
//   within   a later repeat inside the document (of an earlier passage, or a block all of whose
//            sentences appeared earlier: a bullet repeating a stretch of the lead): removed;
//   across   a passage whose group also occurs in other documents: removed when the group is
//            boilerplate (in >= min_docs documents) — from every document including the
//            corpus's first occurrence, unless BoilerplateMode::kKeepFirst — else only reported;
// and returns the cuts (passages/strip.h) and one report row per duplicate occurrence.
//
//   PassageDecider decider(index);
//   DocPassages out; decider.decide(d, rec.text, out);   // out.cuts, out.rows
//
// Cost: linear in the document's passages (anchors are looked up by group in O(1)). Guarantees:
// deterministic; cuts sorted and non-overlapping. Not thread-safe.

#include <cstdint>
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

  // Decides document `doc` (whose text is `text`) into `out` (cleared first).
  void decide(uint32_t doc, std::string_view text, DocPassages& out);

  // The index's most repeated passages with their text filled in from the documents decided.
  const std::vector<RepeatedPassage>& most_repeated() const { return top_; }

 private:
  const PassageIndex& index_;
  std::vector<uint32_t> anchor_of_group_;  // first occurrence of a group in this doc, or max
  std::vector<uint32_t> touched_;          // groups with an anchor in this doc
  std::vector<RepeatedPassage> top_;
};

// Appends one report line (JSON object, no newline) for `row`:
// {"id","start","end","kind","duplicate_of":{"id","start","end"},"similarity","documents","removed"}
void append_passage_row(std::string& line, const PassageIndex& index, const PassageRow& row);

}  // namespace docsift
