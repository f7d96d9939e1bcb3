#pragma once
// Shingling: turns a document into the hashes of its overlapping n-grams ("shingles", Broder
// 1997, "On the resemblance and containment of documents"). Two documents that share many
// shingles are near-duplicates; sketch/ estimates that overlap (Jaccard) without comparing
// shingle sets directly.
//
// - Word shingles: one 64-bit hash per window of `ngram` consecutive tokens. The input is the
//   document's token hashes (text/tokenize.h: seeded XXH3-64 of each normalised token); window i
//   hashes to XXH3_64bits_withSeed(&token_hashes[i], ngram * 8, seed), i.e. XXH3 over the
//   window's token hashes as little-endian bytes (the in-memory layout on x86-64 and ARM64).
// - Character shingles: one hash per window of `ngram` Unicode code points (not bytes) of the
//   normalised text: XXH3_64bits_withSeed over the window's UTF-8 bytes.
// A document shorter than `ngram` (but not empty) gives one shingle covering all of it; an empty
// document gives none.
//
//   std::vector<uint64_t> shingles;
//   word_shingles(token_hashes, /*ngram=*/5, /*seed=*/0, shingles);
//   make_shingle_set(shingles);  // sorted, unique: ready for MinHasher::sign
//
// Guarantees: deterministic and stable across versions and platforms of the same endianness
// (golden values are frozen in tests); nothing is allocated per shingle; pure functions, safe to
// call from many threads on distinct outputs.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace docsift {

// Replaces `out` with the word shingles of a document: max(1, n - ngram + 1) hashes for n > 0
// tokens, none for n == 0, in window order. Precondition: ngram >= 1.
void word_shingles(std::span<const uint64_t> token_hashes, unsigned ngram, uint64_t seed,
                   std::vector<uint64_t>& out);

// Replaces `out` with the character shingles of UTF-8 text: max(1, n - ngram + 1) hashes for
// n > 0 code points. A code point starts at every byte that is not a continuation byte
// (10xxxxxx), so invalid UTF-8 is shingled consistently rather than rejected. Precondition:
// ngram >= 1.
void char_shingles(std::string_view normalized_text, unsigned ngram, uint64_t seed,
                   std::vector<uint64_t>& out);

// Sorts and removes duplicates in place: the shingle multiset becomes the set that Jaccard
// similarity and MinHash are defined on.
void make_shingle_set(std::vector<uint64_t>& shingles);

}  // namespace docsift
