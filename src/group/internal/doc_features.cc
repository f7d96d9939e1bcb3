#include "group/internal/doc_features.h"

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
  return docsift::exact_key(tokens_);
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
