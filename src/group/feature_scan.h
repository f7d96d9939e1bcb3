#pragma once
// FeatureScan: the first stage of document dedup. Turns batches of documents into the per-document
// features that group_documents() compares (group/doc_grouping.h), appended in input order to a
// DocFeatureTable: exact keys become dense exact-cluster ids as they are read (so exact dedup with
// keep-first can decide each document at once: is_first_of_key()), MinHash signatures, SimHash
// fingerprints, and (--verify exact) the shingle sets.
//
//   FeatureScan scan(options, threads);
//   for each batch: scan.add(batch, table, first_doc);   // table.size() == first_doc before
//   auto g = group_documents(table, options, threads);
//
// Guarantees: the table is identical whatever the thread count (each document's feature depends
// on its text and the options only). Memory: a 16-byte key per distinct exact text until
// release_keys(). Not thread-safe (add() fans out over `threads` itself).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "core/memory_budget.h"
#include "core/status.h"
#include "group/dedup_options.h"
#include "group/doc_grouping.h"
#include "io/record.h"
#include "text/normalize.h"

namespace docsift {
namespace detail {
class DocFeatures;
}

class FeatureScan {
 public:
  FeatureScan(const DedupOptions& options, unsigned threads);
  ~FeatureScan();

  // Charges options.read.budget (core/memory_budget.h, kFeatures) for `table` once `batch` is
  // added, before add() grows it: ResourceExhausted when that passes the budget. A no-op
  // without a budget.
  Status charge(std::span<const Record> batch, const DocFeatureTable& table);
  // Appends the features of `batch` (documents first_doc, first_doc + 1, ...) to `table`.
  void add(std::span<const Record> batch, DocFeatureTable& table, size_t first_doc);

  // Exact method: whether document d was the first with its normalised text.
  bool is_first_of_key(uint32_t d, const DocFeatureTable& table) const {
    return first_doc_of_cluster_[table.exact_cluster[d]] == d;
  }
  // Exact method: the first document with the same normalised text as d.
  uint32_t first_of_key(uint32_t d, const DocFeatureTable& table) const {
    return first_doc_of_cluster_[table.exact_cluster[d]];
  }
  // Exact method, before release_keys(): the normalised-text key of each exact-cluster id, by
  // id (a distributed run renumbers the ranks' clusters by key: pipeline/distributed_dedup.h).
  std::vector<Key128> cluster_keys() const {
    std::vector<Key128> keys(first_doc_of_cluster_.size());
    for (const auto& [key, cluster] : cluster_of_key_) keys[cluster] = key;
    return keys;
  }
  // Exact method: the 128-bit key of exact cluster c (kept after release_keys(); 16 bytes per
  // distinct text; a stored index looks documents up by it).
  const Key128& key_of_cluster(uint32_t c) const { return key_of_cluster_[c]; }
  // Frees the key map once every document has been added.
  void release_keys() { cluster_of_key_ = {}; }

  // Name of the sketch kernel in use ("avx512", "avx2", "portable"; sketch/minhash.h), "portable"
  // for the methods without a sketch kernel.
  const char* simd_path() const;

 private:
  void add_large_docs(std::span<const Record> batch, DocFeatureTable& table, size_t first_doc);

  const DedupOptions& options_;
  unsigned threads_;
  std::vector<std::unique_ptr<detail::DocFeatures>> workers_;
  std::unordered_map<Key128, uint32_t, Key128Hash> cluster_of_key_;
  std::vector<uint32_t> first_doc_of_cluster_;
  std::vector<Key128> key_of_cluster_;
  std::vector<Key128> keys_;
  std::vector<std::vector<uint64_t>> sets_;
  MemoryCharge charge_;
};

}  // namespace docsift
