#pragma once
// TF-IDF document vectors from tokenised text, in any language: the input to topic clustering.
// Terms are the normalised token forms of text/tokenize.h (NFKC + case folding) and, with
// ngram = 2, pairs of adjacent forms ("central bank"). Weights follow scikit-learn's
// TfidfVectorizer: tf = 1 + ln(count) (sublinear) or count; idf = ln((1 + n) / (1 + df)) + 1
// (smooth) or ln(n / df) + 1; each row scaled to unit L2 norm (Salton & Buckley 1988).
// No stop-word list is needed: max_df drops terms found in more than half the documents
// (function words), min_df drops hapaxes, and pure numbers, links, handles and hash-like tokens
// are dropped. In a corpus mixing
// languages, max_df also applies within each language-like community of documents (found from
// co-occurring frequent terms), where a language's function words are again in nearly every
// document.
//
//   TfidfOptions opt;                                    // unigrams, min_df 2, max_df 0.5
//   Result<TfidfMatrix> m = build_tfidf(texts, NormalizeOptions{}, opt);  // tokenises itself
//   m->rows.row(3) is document 3; m->surface[j] names column j as written ("Kazakhstan").
//
// Terms are identified by the XXH3-64 of their form: two distinct forms whose hashes collide
// (probability about V^2 / 2^65 for V distinct forms) would share a column. With hash_bits > 0
// columns are hash buckets (the hashing trick) and each bucket is named after its most frequent
// form (a weighted majority vote, exact when one form dominates).
//
// Guarantees: deterministic, and identical whatever `threads` is. Columns are ordered by term
// form (byte order) or, with hashing, by bucket. Thread-safe (no shared state).

#include <Eigen/SparseCore>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "text/tokenize.h"

namespace docsift {

struct TfidfOptions {
  unsigned ngram = 1;        // 1: single words; 2: words and adjacent word pairs
  double min_df = 2;         // >= 1: least document count; < 1: least fraction of documents
  double max_df = 0.5;       // <= 1: largest fraction of documents; > 1: largest count
  bool sublinear_tf = true;  // tf = 1 + ln(count) instead of count
  bool smooth_idf = true;    // idf = ln((1 + n) / (1 + df)) + 1 instead of ln(n / df) + 1
  bool drop_numbers = true;  // ignore tokens made only of ASCII digits (years, amounts)
  // Ignore the tokens of URLs, bare domains, e-mail addresses and @handles, and hash-like tokens
  // (text/link_spans.h): they name a post's source, not its topic. Needs the texts.
  bool drop_links = true;
  size_t max_features = 0;  // keep only the most frequent terms (by corpus count); 0 = all
  unsigned hash_bits = 0;   // > 0: 2^hash_bits hashed columns (vocabularies too big for RAM)
  // Also apply a fractional max_df within each language-like community of documents (groups
  // sharing their most frequent words; vector/internal/df_communities.h), so that function words
  // of a language used in 1/3 of a mixed corpus are dropped too. No effect on one language.
  bool max_df_per_community = true;
  unsigned threads = 0;  // 0 = all cores
};

using SparseRows = Eigen::SparseMatrix<float, Eigen::RowMajor, int32_t>;

struct TfidfMatrix {
  SparseRows rows;                   // n x V, compressed; rows of non-empty documents have norm 1
  std::vector<float> counts;         // raw term count of each stored value (rows.valuePtr order)
  std::vector<std::string> terms;    // V normalised forms ("central bank" for a bigram)
  std::vector<std::string> surface;  // V most frequent original spellings ("Central Bank")
  std::vector<float> idf;            // V
  std::vector<uint32_t> df;          // V document frequencies
  size_t num_communities = 0;        // language-like communities max_df was applied in (0: one)
};

// texts[i] is the original text that tokens[i] points into; texts may be empty, in which case
// surface == terms. Fails on inconsistent options or sizes, and when no term survives pruning.
Result<TfidfMatrix> build_tfidf(std::span<const std::string_view> texts,
                                std::span<const TokenizedText> tokens,
                                const TfidfOptions& options = {});

// The same matrix, tokenising each text itself (text/tokenize.h with `normalize`) as it counts
// its terms and keeping no tokens: memory holds the distinct terms of each document instead
// of every token (a third of it on news text), which also makes it faster. The few documents
// whose tokens name the vocabulary are tokenised a second time.
Result<TfidfMatrix> build_tfidf(std::span<const std::string_view> texts,
                                const NormalizeOptions& normalize,
                                const TfidfOptions& options = {});

}  // namespace docsift
