#include "passages/internal/passage_scan.h"

#include "shingle/shingle.h"
#include "text/segment.h"

namespace docsift::detail {

PassageScanner::PassageScanner(const PassageOptions& options)
    : options_(options),
      tokenizer_(options.normalize),
      hasher_(MinHashOptions{.num_perm = options.num_perm, .seed = options.seed}) {}

void PassageScanner::scan(std::string_view text, std::vector<ScannedPassage>& out,
                          std::vector<uint32_t>& signatures) {
  const std::vector<Passage> passages = options_.unit == PassageUnit::kSentence
                                            ? segment_sentences(text)
                                            : segment_blocks(text);
  for (const Passage& p : passages) {
    tokenizer_.tokenize(text.substr(p.begin, p.end - p.begin), tokens_);
    if (tokens_.size() < options_.min_words) continue;
    out.push_back({p.marker_begin, p.begin, p.end, exact_key(tokens_)});
    if (!options_.near) continue;
    if (options_.shingle_unit == ShingleUnit::kWord) {
      token_hashes(tokens_, options_.seed, token_hashes_);
      word_shingles(token_hashes_, options_.ngram, options_.seed, shingles_);
    } else {
      joined_ = join_normalized(tokens_);
      char_shingles(joined_, options_.ngram, options_.seed, shingles_);
    }
    // No sort/unique: a minimum does not care about repeats, and sorting cost more than signing.
    const size_t at = signatures.size();
    signatures.resize(at + options_.num_perm);
    hasher_.sign(shingles_, std::span<uint32_t>(signatures.data() + at, options_.num_perm));
  }
}

}  // namespace docsift::detail
