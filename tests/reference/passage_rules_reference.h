#pragma once
// Naive reference for the decision rules of exact duplicate passages (docsift passages
// --exact-only, pipeline/passages_job.h): which occurrence is reported, as what kind, against
// which earlier occurrence, and which are cut. Segmentation (text/segment.h), normalisation
// (text/normalize.h) and cutting (passages/strip.h) are the library's; the rules are restated
// here in the most direct form, with linear scans and brute-force counts over every document:
//
// - Passages: the blocks of a document (or its sentences with PassageUnit::kSentence) with at
//   least min_words tokens. In a document with a bullet item, every qualifying block of two or
//   more sentences also has its qualifying sentences as "parts": anchors for later repeats in
//   the same document, never reported or removed themselves.
// - Two passages are equal when their normalised texts are equal.
// - within: a block equal to an earlier passage (block or part) of its document repeats the
//   first such passage; a block of two or more sentences each equal to an earlier passage of its
//   document repeats the stretch from the first of those passages' starts to the last one's
//   end. Removed.
// - across: otherwise, a block whose text occurs as a block in at least two places of the corpus.
//   It is boilerplate when those places lie in at least min_docs documents. A block that is not
//   the corpus's first occurrence repeats the first occurrence and is removed if boilerplate;
//   the first occurrence itself is reported against the first occurrence in another document and
//   removed only when boilerplate, with BoilerplateMode::kRemove, and such an occurrence exists.
// - documents: the number of documents where the block's text occurs as a block.
//
// `strict_stretch` decides what "each sentence" means for a stretch. true (the rule above as
// passage_job.h states it): every sentence of the block, short ones included, equals an earlier
// passage; a sentence shorter than min_words is never a passage, so it never does. false (what
// the library does today): only the block's qualifying sentences (its parts) count, so a block
// with a short sentence besides repeated ones is also removed as a repeat.

#include <cstdint>
#include <string>
#include <vector>

#include "passages/passage_options.h"

namespace docsift::reference {

struct PassageDoc {
  std::string id;
  std::string text;
};

struct PassageRuleOptions {
  unsigned min_words = 5;
  unsigned min_docs = 3;
  BoilerplateMode boilerplate = BoilerplateMode::kRemove;
  PassageUnit unit = PassageUnit::kBlock;
  bool strict_stretch = true;
};

// One report line (similarity is always 1 for exact duplicates).
struct PassageRow {
  std::string id;
  uint32_t start = 0;
  uint32_t end = 0;
  std::string kind;  // "within" or "across"
  std::string duplicate_of_id;
  uint32_t duplicate_of_start = 0;
  uint32_t duplicate_of_end = 0;
  uint64_t documents = 0;
  bool removed = false;
  friend bool operator==(const PassageRow&, const PassageRow&) = default;
};

struct PassageRulesResult {
  std::vector<PassageRow> rows;       // in document order, then passage order
  std::vector<std::string> stripped;  // each document's text with the removed passages cut
};

PassageRulesResult passage_rules_reference(const std::vector<PassageDoc>& docs,
                                           const PassageRuleOptions& options);

// "{id} [start, end) kind of {id} [start, end) documents=N removed=B", for failure messages.
std::string to_string(const PassageRow& row);

}  // namespace docsift::reference
