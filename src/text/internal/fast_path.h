#pragma once
// The tokenizer's fast path: ICU's word-break rules (UAX #29 WB5-WB13b as tailored by ICU's root
// rules) for the code points of detail::char_table(), with table-driven normalisation.

#include <cstddef>
#include <string_view>

#include "text/tokenize.h"

namespace docsift::detail {

// Appends the tokens of text[begin, end) to `out` (offsets relative to `text`). Returns `end` when
// every code point was fast; otherwise the offset of the first code point that is not, with the
// tokens found before it left in `out` (the caller rolls back to a safe boundary).
size_t fast_tokenize(std::string_view text, size_t begin, size_t end, bool fold_digits,
                     TokenizedText& out);

// Offset of the first code point in text[begin, end) the fast path cannot handle, or `end`.
size_t first_slow_code_point(std::string_view text, size_t begin, size_t end);

}  // namespace docsift::detail
