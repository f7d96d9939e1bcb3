#pragma once
// Cluster labels an analyst can read as the topic, in three steps:
//
// 1. Scores: class-based TF-IDF (c-TF-IDF, Grootendorst 2022, BERTopic) with BERTopic's
//    reduce_frequent_words option, times the share of the term's documents that lie in the
//    cluster. All documents of a cluster are one document; for term t and cluster c,
//      W(t, c) = sqrt(tf(t, c)) * ln(1 + A / f(t)) * p(t, c),
//    tf(t, c) the count of t in c, f(t) its count in the corpus, A the average number of (kept)
//    tokens per cluster, and p(t, c) = df(t, c) / df(t) the share of the documents holding t
//    that are in c: the chance that a document an analyst finds by the label is in the topic.
//    A term spread evenly over the clusters (a function word that passed max_df, a news word
//    such as "year") has p = the cluster's share of documents and drops out; a term found only
//    in c has p = 1. On gen_topics corpora (20,000 documents, k = 20; 4,000, k = 24) p lifts the
//    mean label topicality (eval_topics --summary) from 0.59 to 0.73 and 0.62 to 0.77.
//    BERTopic's bm25_weighting (idf ln((A + 1) / (f + 0.5))) scored 0.004 higher there but
//    demotes the most frequent word of a cluster, often its name, below rarer ones, so it is
//    not used. Each cluster's weights are L1-normalised so that scores compare across clusters,
//    and a term is offered first to the cluster where it scores best.
// 2. Phrases (Carrot2 Lingo's preference for frequent phrases): the adjacent word pairs of up to
//    phrase_sample members of each cluster are counted from their tokens. A candidate word whose
//    most frequent pair (of two distinct TF-IDF terms) holds at least phrase_share of its
//    occurrences in the sample, is in at least phrase_min_docs of the sampled members (and 5),
//    and is phrase_min_lift times more frequent than chance (count(a) count(b) / N, N tokens in
//    the sample: "w the" is not a phrase because "the" is everywhere) replaces the word
//    ("Blair" -> "Tony Blair") and keeps its score.
// 3. Diversity: labels are picked by maximal marginal relevance (Carbonell & Goldstein 1998),
//      argmax  lambda * W / W_max - (1 - lambda) * max over chosen labels of sim,
//    sim the phi coefficient (correlation) of the two terms' presence over the sampled members,
//    clipped at 0 (1 when they share a word: such pairs are never both chosen), so that "museum"
//    and "museums", found in the same documents, do not both label one cluster while a term of
//    another facet waits. Correlation, not cosine: two words found in every member are common,
//    not redundant.
//
//   LabelOptions opt;  opt.num_labels = 5;
//   auto labels = cluster_labels(tfidf, texts, tokens, NormalizeOptions{}, assignment, k, opt);
//   labels[0].surface[0]   // "Tony Blair", as most often written
//
// A term none of whose words is a link part, handle or hash-like id (is_link_like_word,
// text/link_spans.h: "t.me", "mash.ru", "moscowtop02_bot", "mBgDVq0QTftmY2Ji", "https") is never
// a label nor half of a phrase, whatever the matrix holds: such tokens name a post's source.
//
// Documents with assignment -1 are ignored. Deterministic, whatever the thread count (clusters
// are independent; samples are evenly spaced members). Thread-safe.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenize.h"
#include "vector/tfidf.h"

namespace docsift {

struct LabelOptions {
  size_t num_labels = 5;         // labels per cluster
  double mmr_lambda = 0.7;       // weight of the score against similarity to chosen labels
  size_t phrase_sample = 100;    // members per cluster whose tokens are read (0: no phrases)
  double phrase_share = 0.5;     // least share of a word's occurrences its pair must hold
  double phrase_min_docs = 0.1;  // least share of the sampled members the pair must be in
  double phrase_min_lift = 4;  // least ratio of the pair's count to chance (count(a) count(b) / N)
  unsigned threads = 0;        // 0 = all cores
};

struct ClusterTerms {
  std::vector<std::string> terms;    // normalised forms, best first ("tony blair")
  std::vector<std::string> surface;  // as most often written ("Tony Blair")
  std::vector<double> scores;        // their c-TF-IDF weights (non-increasing)
};

// One entry per cluster id in [0, k). assignment.size() == tfidf.rows.rows(), each in [-1, k).
// texts[i] and tokens[i] are what row i was built from; with tokens empty the sampled texts are
// tokenised with `normalize`; with texts empty there are no phrases (sim still applies).
std::vector<ClusterTerms> cluster_labels(const TfidfMatrix& tfidf,
                                         std::span<const std::string_view> texts,
                                         std::span<const TokenizedText> tokens,
                                         const NormalizeOptions& normalize,
                                         std::span<const int32_t> assignment, size_t k,
                                         const LabelOptions& options = {});

}  // namespace docsift
