#pragma once
// strip_passages: cut passages out of a document by their original byte offsets, keeping every
// other byte as it was. A passage that fills its lines (only whitespace and a bullet marker
// beside it) is removed with its whole lines; a passage inside a line (a sentence) is removed
// with the spaces after it. Then only the whitespace around each cut is tidied: a run of blank
// lines at a cut shrinks to one blank line, blank lines a cut leaves at the very start are
// dropped, and the text keeps its original ending (trailing newline or not).
//
//   std::vector<Cut> cuts = {{.marker_begin = 120, .end = 180}};
//   std::string out = strip_passages(text, cuts);
//
// Guarantees: bytes outside the cut spans and the tidied whitespace next to them are copied
// unchanged and in order; stripping with no cuts returns the text unchanged. Pure function.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace docsift {

struct Cut {
  uint32_t marker_begin = 0;  // first byte to remove (the bullet marker if there is one)
  uint32_t end = 0;           // one past the last byte of the passage
};

// `cuts` must be sorted by marker_begin and non-overlapping.
std::string strip_passages(std::string_view text, std::span<const Cut> cuts);

}  // namespace docsift
