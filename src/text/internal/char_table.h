#pragma once
// Per-code-point table for the tokenizer's fast path: the ICU word-break class of each code point
// in U+0000..U+07FF and U+2000..U+206F, and its normalised form (nfkc_cf, then letters, marks and
// numbers kept), with and without digit folding.
//
// A code point is "fast" only when the fast path provably matches ICU on any string of fast code
// points: its word-break class is one the fast rules implement (no Extend/Format/ZWJ, Hebrew,
// Katakana, emoji, dictionary scripts), and nfkc_cf has a boundary before it, so the
// normalisation of a string of fast code points is the concatenation of per-code-point forms.
// Built once (thread-safe static), read-only afterwards.

#include <cstdint>

namespace docsift::detail {

enum class WordClass : uint8_t {
  kOther,         // breaks on both sides, never part of a token (spaces, symbols, most punctuation)
  kLetter,        // ALetter (and '@', which ICU's root rules treat as ALetter)
  kNumeric,       // Numeric
  kMidLetter,     // joins letter|letter (WB6/7); ':' is not one in ICU's root rules
  kMidNum,        // joins digit|digit (WB11/12): ',' ';'
  kMidNumLet,     // joins both: '.' '\'' U+2018 U+2019 U+2024
  kExtendNumLet,  // '_', U+202F...: glues to letters, digits and itself (WB13a/b)
  kSlow,          // not handled by the fast path: hand the run to ICU
};

struct CharEntry {
  WordClass cls = WordClass::kSlow;
  uint8_t form_len = 0;    // bytes of `form`
  uint8_t folded_len = 0;  // bytes of `folded`
  char form[6] = {};       // normalised form (UTF-8), letters/marks/numbers only
  char folded[6] = {};     // same with decimal digits mapped to '0'
};

// Code points covered by the table: [0, kLowLimit) and [kPunctBegin, kPunctEnd).
inline constexpr uint32_t kLowLimit = 0x800;
inline constexpr uint32_t kPunctBegin = 0x2000;
inline constexpr uint32_t kPunctEnd = 0x2070;

struct CharTable {
  CharEntry low[kLowLimit];
  CharEntry punct[kPunctEnd - kPunctBegin];
};

// The process-wide table (built on first use).
const CharTable& char_table();

}  // namespace docsift::detail
