#pragma once
// Segmentation of a document into passages with byte offsets into the original text: the units
// in which repeated bullets and boilerplate are found and cut.
//
// Block segmentation: paragraphs are separated by blank lines (only whitespace: ASCII, NBSP,
// U+2000..U+200A, U+3000...). Inside a paragraph every line that starts with a bullet marker
// (•, ‣, ◦, ▪, ■, □, ·, ●, ○, ►, ➢, ✓, ✔, -, *, –, —, "1." "12)" "(3)", "a)" "(b)" with any
// single letter) followed by whitespace and content starts a kBullet passage, which also takes the
// following non-bullet lines indented deeper than its marker (wrapped items). The other lines form
// runs: a run of two or more lines is split into kLine passages when it is a list (every line but
// the last at most 40 code points, or every line ending a sentence: . ! ? … 。 ！ ？ possibly
// followed by closing quotes/brackets), otherwise the run is one kParagraph spanning its lines
// (text wrapped at 60-80 columns). The bullet marker and surrounding whitespace are outside
// [begin, end); `marker_begin` is the marker's first byte so a cut can remove the marker too.
// Sentence segmentation runs ICU's sentence-break rules (with ICU's English abbreviation list,
// "en@ss=standard") on each block, line breaks inside a block read as spaces so wrapped sentences
// stay whole; the first sentence of a bullet keeps the bullet's marker_begin.
//
//   auto blocks = segment_blocks(text);       // paragraphs, lines and bullet items
//   auto sents  = segment_sentences(text);    // sentences, any script
//
// Guarantees: passages are in text order, non-overlapping, non-empty after trimming, and cover
// every non-whitespace byte of the text except bullet markers. Deterministic. Thread-safe (each
// thread keeps its own ICU sentence iterator).

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
