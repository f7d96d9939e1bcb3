#pragma once
// Grouping of documents from their features, shared by the streaming job (dedup_job.h) and the
// in-memory API (dedup_texts.h): exact keys are grouped by equality, MinHash signatures through
// LSH + verification + union-find (group/near_dup.h), SimHash fingerprints through permuted
// tables. Also the one-call in-memory dedup for library users and tests:
//
//   std::vector<std::string_view> texts = {...};
//   Result<Grouping> g = dedup_texts(texts, DedupOptions{.method = DedupMethod::kMinHash});
//   bool dropped = g->kept_of[i] != i;
//
// Documents without letters or digits (emoji, symbols or whitespace only) all normalise to the
// empty text; they are compared by their raw bytes instead (group/internal/doc_features.h), so
// byte-identical ones are duplicates and others are never grouped with unrelated documents.
//
// Guarantees: deterministic; identical for any thread count.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/mapped_array.h"
#include "core/status.h"
#include "group/dedup_options.h"
#include "group/near_dup.h"

namespace docsift {

// Per-document features in input order; which vectors are filled depends on the method.
struct DocFeatureTable {
  std::vector<uint64_t> lengths;         // text bytes (--keep longest)
  std::vector<uint32_t> exact_cluster;   // exact: dense id of the normalised text's key
  MappedArray<uint32_t> signatures;      // minhash: num_perm values per document
  std::vector<uint64_t> fingerprints;    // simhash
  std::vector<uint64_t> shingle_values;  // minhash --verify exact: CSR shingle sets
  std::vector<uint64_t> shingle_offsets{0};

  size_t size() const { return lengths.size(); }
};

Result<Grouping> group_documents(const DocFeatureTable& features, const DedupOptions& options,
                                 unsigned threads, NearDupStats* stats = nullptr);

// The near-duplicate options group_documents runs MinHash with (spans into `features`, which
// must outlive them), and its keep rule.
NearDupOptions near_dup_options(const DocFeatureTable& features, const DedupOptions& options,
                                unsigned threads);
KeepRule keep_rule(KeepPolicy policy);

// The estimated-Jaccard cut applied to MinHash candidates and duplicate group members: the
// threshold less DedupOptions::estimate_slack_se standard errors of the estimate (the threshold
// itself for exact verification and other methods).
double verification_threshold(const DedupOptions& options);

// Checks the options of a dedup run (threshold, num_perm, hamming) before any work.
Status validate(const DedupOptions& options);

// Features and grouping of in-memory texts in one call.
Result<Grouping> dedup_texts(std::span<const std::string_view> texts, const DedupOptions& options,
                             NearDupStats* stats = nullptr);

}  // namespace docsift
