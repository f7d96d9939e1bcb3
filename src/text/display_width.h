#pragma once
// Display width of UTF-8 text, and cutting it to fit a column budget: how human summaries (the
// CLI's tables, the most repeated passages, HTML excerpts) shorten strings without cutting inside
// a UTF-8 sequence or a user-perceived character.
//
//   display_width("Привет");                  // 6
//   display_width("日本語");                  // 6: East Asian wide characters take 2 columns
//   clip_to_width("Қазақстан Республикасы", 12);   // "Қазақстан..." (12 columns)
//
// Width of one code point: 0 for combining marks (Mn, Me), format characters (Cf: ZWJ, soft
// hyphen...) and Hangul medial vowels/final consonants; 2 for East Asian Wide and Fullwidth
// (UAX #11: CJK, kana, Hangul syllables, most emoji); 1 otherwise. A grapheme cluster (UAX #29,
// ICU's character break iterator) is as wide as its widest code point, so "e" + U+0301 is 1 and an
// emoji ZWJ sequence 2. Control characters count 1: callers replace newlines and tabs first.
// Guarantees: clip_to_width cuts only at grapheme cluster boundaries, returns its input unchanged
// when it fits, and never returns more than max_width columns (the ellipsis included; when even
// the ellipsis does not fit, a prefix of it). Deterministic; thread-safe. Invalid UTF-8 bytes
// count one column each (the readers reject such text before it gets here).

#include <cstddef>
#include <string>
#include <string_view>

namespace docsift {

// Columns a terminal gives `utf8`.
size_t display_width(std::string_view utf8);

// `utf8` if it fits in `max_width` columns; else its longest prefix of whole grapheme clusters
// that fits together with `ellipsis`, followed by `ellipsis`.
std::string clip_to_width(std::string_view utf8, size_t max_width,
                          std::string_view ellipsis = "...");

}  // namespace docsift
