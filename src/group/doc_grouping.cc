#include "group/doc_grouping.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/memory_budget.h"
#include "core/parallel.h"
#include "group/internal/doc_features.h"
#include "sketch/minhash.h"

namespace docsift {
namespace {

// Exact duplicates: one cluster per key; the kept member is the first (or the longest).
Grouping group_exact(const DocFeatureTable& f, KeepPolicy keep) {
  const size_t n = f.exact_cluster.size();
  uint32_t num_clusters = 0;
  for (uint32_t c : f.exact_cluster) num_clusters = std::max(num_clusters, c + 1);
  std::vector<uint32_t> rep(num_clusters, UINT32_MAX);
  Grouping g;
  g.cluster_size.assign(num_clusters, 0);
  for (size_t d = 0; d < n; ++d) {
    const uint32_t c = f.exact_cluster[d];
    ++g.cluster_size[c];
    if (rep[c] == UINT32_MAX ||
        (keep == KeepPolicy::kLongest && f.lengths[d] > f.lengths[rep[c]])) {
      rep[c] = static_cast<uint32_t>(d);
    }
  }
  g.cluster_of = f.exact_cluster;
  g.kept_of.resize(n);
  g.similarity.assign(n, 1.0f);
  for (size_t d = 0; d < n; ++d) g.kept_of[d] = rep[f.exact_cluster[d]];
  return g;
}

}  // namespace

KeepRule keep_rule(KeepPolicy policy) {
  return policy == KeepPolicy::kLongest ? KeepRule::kLongest : KeepRule::kFirst;
}

NearDupOptions near_dup_options(const DocFeatureTable& f, const DedupOptions& options,
                                unsigned threads) {
  NearDupOptions nd;
  nd.num_perm = options.num_perm;
  nd.threshold = verification_threshold(options);
  nd.lsh_threshold = options.threshold;  // bands for the user's threshold, not the slack
  nd.num_bands = options.num_bands;
  nd.rows_per_band = options.rows_per_band;
  nd.weights.false_positive = options.fp_weight;
  nd.weights.false_negative = options.fn_weight;
  nd.threads = threads;
  nd.keep = keep_rule(options.keep);
  nd.doc_lengths = f.lengths;
  // DocFeatures never signs an empty shingle set (a text without tokens is signed by its raw
  // bytes); a signature of an empty set (all 0xFFFFFFFF) from any other source stays alone
  // rather than joining every other one.
  nd.group_empty = false;
  if (options.verify == VerifyMode::kExact) {
    nd.exact_set_values = f.shingle_values;
    nd.exact_set_offsets = f.shingle_offsets;
  }
  return nd;
}

double verification_threshold(const DedupOptions& options) {
  if (options.method != DedupMethod::kMinHash || options.verify == VerifyMode::kExact) {
    return options.threshold;
  }
  // An estimate from k slots has standard error sqrt(J(1-J)/k) (Broder 1997); cutting exactly
  // at t would lose a pair at t + 0.05 about 6% of the time at k = 128. One standard error of
  // slack keeps those (miss ~0.4%) while a pair at t - 0.15 still passes only ~0.4% of the time.
  const double t = options.threshold;
  return std::max(0.01, t - options.estimate_slack_se * std::sqrt(t * (1 - t) / options.num_perm));
}

Status validate(const DedupOptions& options) {
  if (options.method == DedupMethod::kMinHash) {
    DOCSIFT_RETURN_IF_ERROR(
        validate(MinHashOptions{.num_perm = options.num_perm, .seed = options.seed}));
    if (options.threshold <= 0.0 || options.threshold >= 1.0) {
      return Status::InvalidArgument("--threshold must be in (0, 1); use --method exact for 1");
    }
  }
  if (options.method == DedupMethod::kSimHash && options.max_hamming > 32) {
    return Status::InvalidArgument("--hamming must be in 0..32");
  }
  return Status::Ok();
}

Result<Grouping> group_documents(const DocFeatureTable& f, const DedupOptions& options,
                                 unsigned threads, NearDupStats* stats) {
  const size_t n = f.size();
  // Charged before the index is built (core/memory_budget.h): per document the grouping (16
  // bytes) and union-find (8); MinHash the band being sorted with its scratch (32,
  // lsh_index.h), full-signature hashes (8) and about two candidate pairs and their edges (40);
  // SimHash a table being sorted (32, simhash_index.h) and the same pairs.
  uint64_t per_doc = 24;
  if (options.method == DedupMethod::kMinHash) per_doc += 80;
  if (options.method == DedupMethod::kSimHash) per_doc += 72;
  MemoryCharge index(options.read.budget, MemoryUse::kIndex);
  DOCSIFT_RETURN_IF_ERROR(index.set(per_doc * n, n));
  switch (options.method) {
    case DedupMethod::kExact:
      return group_exact(f, options.keep);
    case DedupMethod::kMinHash:
      return find_near_duplicates_minhash(f.signatures.span(), n,
                                          near_dup_options(f, options, threads), stats);
    case DedupMethod::kSimHash:
      return find_near_duplicates_simhash(f.fingerprints, options.max_hamming, threads,
                                          keep_rule(options.keep), f.lengths, stats);
  }
  return Status::InvalidArgument("unknown dedup method");
}

Result<Grouping> dedup_texts(std::span<const std::string_view> texts, const DedupOptions& options,
                             NearDupStats* stats) {
  DOCSIFT_RETURN_IF_ERROR(validate(options));
  const unsigned threads = options.threads == 0 ? hardware_threads() : options.threads;
  std::vector<std::unique_ptr<detail::DocFeatures>> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.push_back(std::make_unique<detail::DocFeatures>(options));
  }
  const size_t n = texts.size();
  const unsigned k = options.num_perm;
  DocFeatureTable f;
  std::vector<Key128> keys(options.method == DedupMethod::kExact ? n : 0);
  std::vector<std::vector<uint64_t>> sets(options.verify == VerifyMode::kExact ? n : 0);
  if (options.method == DedupMethod::kMinHash) f.signatures.resize(n * k);
  if (options.method == DedupMethod::kSimHash) f.fingerprints.resize(n);
  parallel_for(n, threads, 16, [&](size_t b, size_t e, unsigned w) {
    for (size_t i = b; i < e; ++i) {
      switch (options.method) {
        case DedupMethod::kExact:
          keys[i] = workers[w]->exact_key(texts[i]);
          break;
        case DedupMethod::kMinHash:
          workers[w]->signature(texts[i], std::span<uint32_t>(f.signatures.data() + i * k, k));
          if (!sets.empty()) {
            auto set = workers[w]->shingle_set(texts[i]);
            sets[i].assign(set.begin(), set.end());
          }
          break;
        case DedupMethod::kSimHash:
          f.fingerprints[i] = workers[w]->fingerprint(texts[i]);
          break;
      }
    }
  });
  std::unordered_map<Key128, uint32_t, Key128Hash> cluster_of_key;
  for (size_t i = 0; i < n; ++i) {
    f.lengths.push_back(texts[i].size());
    if (!keys.empty()) {
      f.exact_cluster.push_back(
          cluster_of_key.try_emplace(keys[i], static_cast<uint32_t>(cluster_of_key.size()))
              .first->second);
    }
    if (!sets.empty()) {
      f.shingle_values.insert(f.shingle_values.end(), sets[i].begin(), sets[i].end());
      f.shingle_offsets.push_back(f.shingle_values.size());
    }
  }
  return group_documents(f, options, threads, stats);
}

}  // namespace docsift
