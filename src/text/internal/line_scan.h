#pragma once
// Character-level helpers for segmentation: Unicode whitespace, trimming, bullet markers and
// sentence-final punctuation, on UTF-8 byte ranges.

#include <cstddef>
#include <string_view>

namespace docsift::detail {

// Bytes of the whitespace code point starting at text[i] (ASCII space, tab, CR, VT, FF, NBSP,
// U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF), or 0. '\n' is not
// included: it separates lines.
size_t whitespace_len(std::string_view text, size_t i);

// First offset in [begin, end) that does not start a whitespace code point, or end.
size_t skip_whitespace(std::string_view text, size_t begin, size_t end);

// One past the last byte of the last non-whitespace code point in [begin, end), or begin.
size_t trim_end(std::string_view text, size_t begin, size_t end);

// If a bullet marker starts at text[begin] (begin is a line's first non-space byte, end its last
// non-space byte + 1) and is followed by whitespace and more content, returns the offset just after
// the marker; otherwise returns begin. Markers: • ‣ ◦ ▪ ■ □ · ● ○ ► ➢ ✓ ✔ - * – —, "1." "12)"
// "(3)", "a)" "(b)" (any single letter).
size_t bullet_marker_end(std::string_view text, size_t begin, size_t end);

// Whether text[begin, end) (already trimmed, non-empty) ends a sentence: after any closing quotes
// and brackets, its last code point is . ! ? … or a full-width 。！？.
bool ends_sentence(std::string_view text, size_t begin, size_t end);

// Number of code points in text[begin, end).
size_t count_code_points(std::string_view text, size_t begin, size_t end);

}  // namespace docsift::detail
