#include "group/internal/doc_features.h"

#include "core/xxh3.h"
#include "shingle/shingle.h"
#include "sketch/minhash.h"
#include "sketch/one_perm.h"
#include "sketch/simhash.h"

namespace docsift::detail {

// Token hashes and shingle hashes use different seeds derived from the user's seed so that
// changing --seed changes every stage, while runs with the same seed stay identical.
namespace {
constexpr uint64_t kTokenSeedMix = 0x9E3779B97F4A7C15ULL;
constexpr uint64_t kShingleSeedMix = 0xC2B2AE3D27D4EB4FULL;
// Documents without tokens: their raw bytes are hashed with these, so their keys and shingles
// live apart from those of normalised text (exact_key hashes normalised text with seed 0).
constexpr uint64_t kRawKeySeed = 0x27D4EB2F165667C5ULL;
constexpr uint64_t kRawShingleSeedMix = 0x165667B19E3779F9ULL;
}  // namespace

struct DocFeatures::Sketchers {
  explicit Sketchers(const DedupOptions& o)
      : classic(MinHashOptions{.num_perm = o.num_perm, .seed = o.seed}),
        one_perm(MinHashOptions{.num_perm = o.num_perm, .seed = o.seed}) {}
  MinHasher classic;
  OnePermHasher one_perm;
};

DocFeatures::DocFeatures(const DedupOptions& options)
    : options_(options), ngram_(options.ngram), tokenizer_(options.normalize) {
  if (options.method == DedupMethod::kMinHash) sketchers_ = std::make_unique<Sketchers>(options);
}

DocFeatures::~DocFeatures() = default;

const char* DocFeatures::simd_path() { return minhash_simd_path(); }

Key128 DocFeatures::exact_key(std::string_view text) {
  tokenizer_.tokenize(text, tokens_);
  if (tokens_.size() > 0) return docsift::exact_key(tokens_);
  // No letters or digits: every such text normalises to "", so compare the raw bytes instead.
  const XXH128_hash_t h = XXH3_128bits_withSeed(text.data(), text.size(), kRawKeySeed);
  return Key128{h.low64, h.high64};
}

void DocFeatures::shingles_with_repeats(std::string_view text) {
  tokenizer_.tokenize(text, tokens_);
  if (options_.unit == ShingleUnit::kWord) {
    token_hashes(tokens_, options_.seed ^ kTokenSeedMix, token_hashes_);
    word_shingles(token_hashes_, ngram_, options_.seed ^ kShingleSeedMix, shingles_);
  } else {
    joined_ = join_normalized(tokens_);
    char_shingles(joined_, ngram_, options_.seed ^ kShingleSeedMix, shingles_);
  }
  if (shingles_.empty()) {
    // No tokens: an empty set would match every other empty set (estimated Jaccard 1, SimHash
    // fingerprint 0). One shingle naming the raw bytes matches only the same bytes.
    shingles_.push_back(
        XXH3_64bits_withSeed(text.data(), text.size(), options_.seed ^ kRawShingleSeedMix));
  }
}

std::span<const uint64_t> DocFeatures::shingle_set(std::string_view text) {
  shingles_with_repeats(text);
  make_shingle_set(shingles_);
  return shingles_;
}

void DocFeatures::signature(std::string_view text, std::span<uint32_t> signature) {
  // Minimums ignore repeats, so the shingles need no sort/unique (which cost more than signing).
  shingles_with_repeats(text);
  std::span<const uint64_t> set = shingles_;
  if (options_.sketch == SketchKind::kOnePermutation) {
    sketchers_->one_perm.sign(set, signature);
  } else {
    sketchers_->classic.sign(set, signature);
  }
}

uint64_t DocFeatures::fingerprint(std::string_view text) {
  // Repeated shingles weigh more: SimHash over the multiset (Charikar 2002).
  shingles_with_repeats(text);
  return simhash(shingles_, {});
}

}  // namespace docsift::detail
