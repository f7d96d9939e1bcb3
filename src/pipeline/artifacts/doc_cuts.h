#pragma once
// DocCuts: the byte ranges to remove from each document, each with the reason it goes, as the
// dedup and passage stages hand them to the one writer that strips the corpus and writes the
// report. A whole duplicate document is one cut [0, length).
//
//   DocCuts cuts(options);
//   DOCSIFT_RETURN_IF_ERROR(cuts.add(doc_id, {.marker_begin = 120, .end = 180},
//                                    CutReason::kPassageWithin));
//   std::string kept = strip_passages(text, cuts.cuts_of(doc_id));   // passages/strip.h
//
// Contract: cuts are added in (doc, begin) order: doc ids non-decreasing, and within a
// document each cut starts at or after the end of the previous one (sorted, non-overlapping,
// as strip_passages requires); every cut is non-empty (begin < end). merge() takes shards whose
// documents are disjoint (each rank owns its documents) and returns the cuts of all of them in
// the same order, the same bytes whatever the sharding.
//
// File (core/binary_file.h container, magic "DSCT", version 1, counts {num_docs, num_cuts}):
// payload = num_docs uint64 document ids (increasing), num_docs uint32 cut counts (>= 1 each),
// num_cuts uint32 begins, num_cuts uint32 ends, num_cuts uint8 reasons. Loading refuses other
// options, sizes that do not match the file, and any cut that breaks the contract.
//
// Memory: 16 bytes per document with cuts + 9 bytes per cut.
// Guarantees: deterministic; not thread-safe to mutate; const methods may be called
// concurrently. cuts_of is a binary search over the documents with cuts.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/binary_file.h"
#include "core/options_fingerprint.h"
#include "core/status.h"
#include "passages/strip.h"

namespace docsift {

inline constexpr BinaryFormat kDocCutsFormat{{'D', 'S', 'C', 'T'}, 1, "document cuts"};

// Why a byte range is removed. The values are stored in files: append only.
enum class CutReason : uint8_t {
  kDuplicateDocument = 0,  // the whole document is a (near) duplicate of a kept one
  kPassageWithin = 1,      // a passage repeated inside the same document
  kPassageAcross = 2,      // a passage seen first in another document
  kBoilerplate = 3,        // a passage repeated in many documents (boilerplate)
  kSubstring = 4,          // a repeated substring (suffix-array dedup)
  kLine = 5,               // a short line repeated in many documents (passages/line_boilerplate.h)
};
inline constexpr uint8_t kNumCutReasons = 6;

// "duplicate_document", "passage_within", "passage_across", "boilerplate", "substring", "line".
const char* cut_reason_name(CutReason reason);

class DocCuts {
 public:
  explicit DocCuts(OptionsText options) : options_(std::move(options)) {}

  const OptionsText& options() const { return options_; }
  size_t num_docs() const { return docs_.size(); }  // documents with at least one cut
  size_t num_cuts() const { return ranges_.size(); }
  std::span<const uint64_t> docs() const { return docs_; }  // increasing

  // Appends one cut; see the contract above.
  Status add(uint64_t doc, Cut range, CutReason reason);

  // The cuts of `doc` sorted by begin (empty if it has none), and their reasons (same length).
  std::span<const Cut> cuts_of(uint64_t doc) const;
  std::span<const CutReason> reasons_of(uint64_t doc) const;

  // One DocCuts of all shards. Fails if there are no shards, their options differ, or a
  // document has cuts in two shards.
  static Result<DocCuts> merge(std::span<const DocCuts> shards);

  Status save(const std::string& path) const;
  // expected == nullptr accepts any options (see options() of the result).
  static Result<DocCuts> load(const std::string& path, const OptionsText* expected);

  friend bool operator==(const DocCuts& x, const DocCuts& y);

 private:
  // Index of doc in docs_, or docs_.size().
  size_t index_of(uint64_t doc) const;

  OptionsText options_;
  std::vector<uint64_t> docs_;
  std::vector<uint64_t> first_cut_{0};  // CSR: doc i's cuts are [first_cut_[i], first_cut_[i+1])
  std::vector<Cut> ranges_;
  std::vector<CutReason> reasons_;
};

}  // namespace docsift
