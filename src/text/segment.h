#pragma once
// Segmentation of a document into passages with byte offsets into the original text: the units
// in which repeated bullets and boilerplate are found and cut.
//
// Block segmentation: paragraphs are separated by blank lines; inside a paragraph every line that
// starts with a bullet marker (•, ‣, ◦, ▪, ·, -, *, –, —, "1.", "1)", "a)", "(a)") starts a new
// passage, and so does every line of a paragraph whose lines are short or each end a sentence
// (lists, footers, digests); other lines of a wrapped paragraph stay one passage. The bullet
// marker and surrounding whitespace are outside [begin, end); `marker_begin` keeps where the line
// started so a cut can remove the marker too.
// Sentence segmentation uses ICU's sentence-break rules on each block.
//
//   auto blocks = segment_blocks(text);       // paragraphs, lines and bullet items
//   auto sents  = segment_sentences(text);    // sentences, any script
//
// Guarantees: passages are in text order, non-overlapping, non-empty after trimming, and cover
// every non-whitespace byte of the text except bullet markers. Deterministic.

#include <cstdint>
#include <string_view>
#include <vector>

namespace docsift {

enum class PassageKind : uint8_t { kParagraph, kLine, kBullet, kSentence };

struct Passage {
  uint32_t begin = 0;         // first byte of the content (after any bullet marker)
  uint32_t end = 0;           // one past the last non-space byte of the content
  uint32_t marker_begin = 0;  // start of the line's marker (== begin when there is none)
  PassageKind kind = PassageKind::kParagraph;
};

const char* passage_kind_name(PassageKind kind);

std::vector<Passage> segment_blocks(std::string_view text);
std::vector<Passage> segment_sentences(std::string_view text);

}  // namespace docsift
