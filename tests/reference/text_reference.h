#pragma once
// Naive reference for text/tokenize.h, written from the definition with nothing shared with the
// library: convert the whole text to UTF-16, run ICU's word iterator on the UnicodeString, keep
// word-like segments, normalise each with nfkc_cf as a UnicodeString, keep letters, marks and
// numbers, map UTF-16 offsets back to UTF-8 bytes.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace docsift::reference {

struct RefToken {
  uint32_t begin = 0;  // UTF-8 byte offsets into the text
  uint32_t end = 0;
  std::string form;
  friend bool operator==(const RefToken&, const RefToken&) = default;
};

std::vector<RefToken> tokenize(std::string_view text, bool fold_digits);

// The normalised form of one token's bytes (nfkc_cf, letters/marks/numbers kept).
std::string normalize_token(std::string_view token, bool fold_digits);

// Forms joined by single spaces.
std::string join(const std::vector<RefToken>& tokens);

}  // namespace docsift::reference
