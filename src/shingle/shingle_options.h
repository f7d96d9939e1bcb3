#pragma once
// ShingleUnit: what a shingle is made of, shared by every stage that shingles text (document
// dedup, passages): word n-grams (token hashes combined) or character n-grams of the normalised
// text joined by single spaces (shingle/shingle.h).
//
// Seeds. The two users derive their hash seeds from the user's --seed differently, and that is
// kept because it fixes their outputs: document dedup (group/internal/doc_features.cc) hashes
// tokens with seed ^ 0x9E3779B97F4A7C15 and shingles with seed ^ 0xC2B2AE3D27D4EB4F; passages
// (passages/internal/passage_scan.cc) hash both with the seed itself. Unifying them would change
// every passage signature, hence near-duplicate passage groups and the passage reports.

namespace docsift {

enum class ShingleUnit { kWord, kChar };

}  // namespace docsift
