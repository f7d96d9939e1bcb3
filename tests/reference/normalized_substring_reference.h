#pragma once
// Brute-force reference for substring dedup on normalised text
// (substrings/normalized_repeats.h): each document's normalised text (the Tokenizer's forms
// joined by ' ') with a per-byte offset map built directly, the all-pairs reference
// (reference/substring_reference.h) on those texts, every span mapped through the per-byte map
// and the spans of a document that then overlap or touch merged.
//
//   auto spans = reference_normalized_substrings({"Ａｂｃ  DEF", "abc def"}, 5,
//   SubstringRemove::kLater);
//
// The map, byte by byte: a byte of token i's form maps to the original code point with the same
// index when the form and the token's original text have equally many code points, else to the
// whole token; the space between tokens i and i + 1 maps to [end_i, begin_{i+1}). A span [a, b)
// becomes [lo[a], hi[b - 1]).

#include <cstdint>
#include <string>
#include <vector>

#include "substrings/substring_repeats.h"

namespace docsift {

struct ReferenceNormalized {
  std::string text;          // normalised text
  std::vector<uint32_t> lo;  // per normalised byte: start of the original bytes it maps to
  std::vector<uint32_t> hi;  // one past their end
};

ReferenceNormalized reference_normalize(const std::string& original);

std::vector<SubstringSpan> reference_normalized_substrings(const std::vector<std::string>& docs,
                                                           uint32_t min_bytes,
                                                           SubstringRemove remove);

}  // namespace docsift
