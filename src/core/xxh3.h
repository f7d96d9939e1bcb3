#pragma once
// XXH3 (xxHash, Collet) from the system's libxxhash headers in their header-only mode
// (XXH_INLINE_ALL): hashing a token or a shingle of a few dozen bytes is then inlined instead
// of a call through the shared library and its dispatcher (word shingles 1.6x, character
// shingles 2.6x faster in sketch_bench). Same functions, same hash values as libxxhash (XXH3 output is fixed by its
// specification). Include this instead of <xxhash.h> everywhere in docsift.
//
//   uint64_t h = XXH3_64bits_withSeed(token.data(), token.size(), seed);

#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>
