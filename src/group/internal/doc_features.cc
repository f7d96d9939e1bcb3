#include "group/internal/doc_features.h"

#include <algorithm>

#include "core/assert.h"
#include "core/parallel.h"
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

void DocFeatures::piece_token_hashes(std::string_view piece, std::vector<uint64_t>& out) {
  tokenizer_.tokenize(piece, tokens_);
  token_hashes(tokens_, options_.seed ^ kTokenSeedMix, out);
}

void DocFeatures::range_feature(std::span<const uint64_t> hashes, size_t begin, size_t end,
                                Partial& out) {
  DOCSIFT_ASSERT(begin <= end && end + ngram_ - 1 <= hashes.size());
  if (begin == end) {
    shingles_.clear();
  } else {
    word_shingles(hashes.subspan(begin, end - begin + ngram_ - 1), ngram_,
                  options_.seed ^ kShingleSeedMix, shingles_);
  }
  if (options_.method == DedupMethod::kSimHash) {
    out.counts = {};
    simhash_count(shingles_, out.counts);
  } else if (options_.sketch == SketchKind::kOnePermutation) {
    sketchers_->one_perm.reset(out.bins);
    sketchers_->one_perm.add(shingles_, out.bins);
  } else {
    out.signature.resize(options_.num_perm);
    sketchers_->classic.sign(shingles_, out.signature);
  }
}

void DocFeatures::finish_signature(std::span<const Partial> parts, std::span<uint32_t> signature) {
  if (options_.sketch == SketchKind::kOnePermutation) {
    OnePermBins all;
    sketchers_->one_perm.reset(all);
    for (const Partial& p : parts) merge_bins(all, p.bins);
    sketchers_->one_perm.finish(all, signature);
  } else {
    std::fill(signature.begin(), signature.end(), 0xFFFFFFFFu);
    for (const Partial& p : parts) merge_signatures(signature, p.signature);
  }
}

uint64_t DocFeatures::finish_fingerprint(std::span<const Partial> parts) {
  SimHashCounts all;
  for (const Partial& p : parts) all += p.counts;
  return simhash_of(all);
}

bool is_large_doc(std::string_view text, const DedupOptions& options) {
  return text.size() >= kLargeDocBytes && options.unit == ShingleUnit::kWord &&
         (options.method == DedupMethod::kMinHash || options.method == DedupMethod::kSimHash);
}

std::vector<size_t> piece_cuts(std::string_view text, size_t target) {
  std::vector<size_t> cuts{0};
  auto ascii = [&](size_t i) { return static_cast<unsigned char>(text[i]) < 0x80; };
  size_t at = target;
  while (at < text.size()) {
    // The first i >= at with text[i] a space or newline between two ASCII bytes.
    size_t i = at;
    while (i + 1 < text.size() &&
           !((text[i] == ' ' || text[i] == '\n') && ascii(i - 1) && ascii(i + 1)))
      ++i;
    if (i + 1 >= text.size()) break;
    cuts.push_back(i);
    at = i + target;
  }
  cuts.push_back(text.size());
  return cuts;
}

void large_doc_feature(std::string_view text, std::span<const std::unique_ptr<DocFeatures>> workers,
                       unsigned threads, std::span<uint32_t> signature, uint64_t* fingerprint) {
  DOCSIFT_ASSERT(threads >= 1 && workers.size() >= threads);
  const DedupOptions& options = workers[0]->options();
  const std::vector<size_t> cuts = piece_cuts(text, kLargeDocPiece);
  const size_t pieces = cuts.size() - 1;
  std::vector<std::vector<uint64_t>> piece_hashes(pieces);
  parallel_for(pieces, threads, 1, [&](size_t b, size_t e, unsigned w) {
    for (size_t p = b; p < e; ++p)
      workers[w]->piece_token_hashes(text.substr(cuts[p], cuts[p + 1] - cuts[p]), piece_hashes[p]);
  });
  std::vector<uint64_t> hashes;
  size_t total = 0;
  for (const auto& h : piece_hashes) total += h.size();
  const unsigned ngram = options.ngram;
  if (total < ngram) {  // one shingle of all tokens, or none: the whole-text path
    if (options.method == DedupMethod::kSimHash) {
      *fingerprint = workers[0]->fingerprint(text);
    } else {
      workers[0]->signature(text, signature);
    }
    return;
  }
  hashes.reserve(total);
  for (auto& h : piece_hashes) {
    hashes.insert(hashes.end(), h.begin(), h.end());
    h = {};
  }
  const size_t windows = total - ngram + 1;
  const size_t ranges = (windows + kLargeDocRange - 1) / kLargeDocRange;
  std::vector<DocFeatures::Partial> parts(ranges);
  parallel_for(ranges, threads, 1, [&](size_t b, size_t e, unsigned w) {
    for (size_t r = b; r < e; ++r)
      workers[w]->range_feature(hashes, r * kLargeDocRange,
                                std::min(windows, (r + 1) * kLargeDocRange), parts[r]);
  });
  if (options.method == DedupMethod::kSimHash) {
    *fingerprint = DocFeatures::finish_fingerprint(parts);
  } else {
    workers[0]->finish_signature(parts, signature);
  }
}

}  // namespace docsift::detail
