#pragma once
// Language-like communities of documents, found from their most frequent terms without any
// word list, so that max_df can be applied per community (vector/tfidf.h).
//
// Why: in a corpus mixing L languages, each language's function words occur in about 1/L of
// the documents, so a corpus-wide max_df of 0.5 keeps them (L >= 2) and they become cluster
// labels and pull clusters towards language instead of topic. Within its own language a
// function word occurs in nearly every document, far above max_df.
//
// How: the `max_anchors` terms of highest document frequency are anchors. Two anchors are
// linked when their document sets nearly coincide (Jaccard >= link_jaccard, measured on an
// evenly spaced sample of documents): the function words of one language, found together in
// nearly every document of that language and never in another's. Containment would not do: a
// word shared by two languages (a loanword or a number word found in most documents of both)
// contains each language's words and would join them. Components with at least `min_anchors`
// anchors are cores; a core whose documents (those of its most frequent anchor) lie mostly
// within a more frequent core's is nested (a tight topic inside a language) and dropped, so that
// communities partition the documents. A document belongs to the community
// holding most of its distinct anchors. Communities smaller than `min_share` of the documents are
// dropped. When fewer than two communities remain the corpus is treated as one (no document is
// assigned), so single-language corpora are unaffected.
//
// Deterministic (integer counts, fixed sample, ties broken by anchor rank).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace docsift::detail {

struct CommunityOptions {
  size_t max_anchors = 256;   // most frequent terms considered
  double link_jaccard = 0.8;  // Jaccard similarity of document sets that links two anchors
  size_t min_anchors = 5;     // anchors a component needs to be a community
  double min_share = 0.01;    // least share of documents in a community
  size_t min_docs = 20;       // ... and least number of documents
  size_t sample_docs = 4096;  // documents sampled to measure anchor co-occurrence
};

// doc_keys[doc_offsets[d] .. doc_offsets[d + 1]) are the distinct term keys of document d (each
// below df.size()); df[key] is the number of documents holding key. Returns the community of each
// document (-1: none) and sets *num_communities.
std::vector<int32_t> document_communities(std::span<const uint64_t> doc_offsets,
                                          std::span<const uint32_t> doc_keys,
                                          std::span<const uint32_t> df,
                                          const CommunityOptions& options, size_t* num_communities);

}  // namespace docsift::detail
