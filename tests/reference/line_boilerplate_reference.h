#pragma once
// Naive reference for short-line boilerplate (passages/line_boilerplate.h): which lines of which
// documents go. Everything is restated in the most direct form, independent of the library:
// line keys built character by character, document counts by scanning every document for every
// line and pair, the thresholds as a table. Restricted to ASCII whitespace and to ASCII and
// Cyrillic (U+0400..U+04FF) letters, which is what the differential tests generate.
//
// - Lines are split at '\n'. A line counts when it has at least 2 letters.
// - Key: trimmed; inner whitespace runs one ' '; A-Z lower-cased; each run of 0-9 one '0'.
// - Pair: a counted line and the previous counted line of its document ("a\nb" of their keys).
// - docs(key): documents with a counted line (or pair) of that key.
// - Words: whitespace-separated tokens holding a letter or digit; a pair has both lines' words.
// - Needed: 1 word (or none) 10 N, 2 words 2 N, 3 words ceil(4 N / 3), 4 or more N.
// - A line goes when docs(line) >= needed(its words) or a pair it belongs to has
//   docs(pair) >= needed(pair words); with keep_first not in the first document holding its key.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace docsift::reference {

// Per document, the [begin, end) byte ranges (trimmed lines) that go, in text order.
std::vector<std::vector<std::pair<uint32_t, uint32_t>>> boilerplate_lines(
    const std::vector<std::string>& docs, unsigned min_docs, bool keep_first);

}  // namespace docsift::reference
