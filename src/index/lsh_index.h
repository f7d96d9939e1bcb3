#pragma once
// LSH banding index over MinHash signatures (Indyk & Motwani 1998; Broder 1997; "Mining of
// Massive Datasets" ch. 3.4). Each signature of num_perm uint32 values (document-major:
// doc d = signatures[d * num_perm, (d + 1) * num_perm)) is cut into b bands of r rows; a band's
// key is XXH3-64 of its r values with a per-band seed. Documents whose keys agree in some band
// land in one bucket and become candidate pairs for verification.
//
//   LshIndexOptions opt;  opt.num_perm = 128;  opt.params = choose_lsh_params(128, 0.8);
//   std::vector<DocPair> pairs = lsh_candidate_pairs(signatures, num_docs, opt);
//   std::vector<Edge> edges = verify_minhash(pairs, signatures, 128, 0.8);   // group/verify.h
//
// Buckets are found by sorting (key, doc) entries of one band at a time (radix scatter + small
// sorts, internal/keyed_sort.h), never with hash maps of vectors, so memory beyond the
// signatures is bounded: 32 bytes per document for the band being processed (entries and
// scratch), 8 bytes per document for full-signature hashes (only if a bucket exceeds
// max_bucket_size), plus the candidate pairs themselves.
//
// Edges emitted per bucket of m documents:
//  * m <= max_bucket_size: every pair in the bucket, so the candidates contain every pair that
//    shares a band (a star from the bucket's first document would lose a true pair x~y whenever
//    the first document is an outlier that collided with both).
//  * m >  max_bucket_size: a chain through the members ordered by (hash of the full signature,
//    doc), so identical signatures are adjacent: m - 1 edges, linear work, and exact or
//    near copies (which meet again in other bands) stay connected after verification.
// Every candidate pair shares at least one band key (up to 64-bit hash collisions).
//
// Guarantees: output sorted by (a, b), unique, identical for any thread count. Thread-safe
// (no shared state); uses up to `threads` threads internally. Band keys assume a little-endian
// host (lsh_candidate_pairs' keys never leave the process; LshIndex stores them, see below).
//
// LshIndex: the same banding as an object with the faiss Index shape, for indexes built shard
// by shard, merged across ranks, stored, and queried by documents that were not added:
//
//   Result<LshIndex> index = LshIndex::create(options, signature_options);
//   DOCSIFT_RETURN_IF_ERROR(index->add(signatures, ids));    // ids: global document ids
//   std::vector<uint64_t> near = index->query(signature);    // ids sharing a band key
//   std::vector<IdPair> pairs = index->candidate_pairs();   // == lsh_candidate_pairs
//   DOCSIFT_RETURN_IF_ERROR(index->save("index.bin"));
//
// * query(s): every added id whose band key equals s's in at least one band (no bucket cap),
//   ascending, unique.
// * candidate_pairs(): exactly lsh_candidate_pairs' rule (all pairs of buckets up to
//   max_bucket_size, a chain by full-signature hash above it) over the added ids; with ids
//   0..n-1 it returns lsh_candidate_pairs(signatures, n, options) pair for pair.
// * merge(other): adds other's documents; fails if the options (index and signature options)
//   differ, naming the difference, or if an id is in both.
// * ids are unique within an index (add fails on a repeated id).
//
// Memory: per band a vector of (key uint64, id uint64), 16 bytes per document, sorted by
// (key, id) lazily on the first query / candidate_pairs / save after an add; plus (id, full
// signature hash) per document, 16 bytes, kept sorted by id: 16 * (bands + 1) bytes per
// document (272 for 16 bands), signatures themselves are not kept. add() costs O(batch) when
// its ids all exceed the ids already added, else O(size() + batch log batch).
//
// File (core/binary_file.h container, magic "DSLI", version 1, counts {num_docs, num_perm,
// bands, rows, max_bucket_size}; options text = lsh_index_options_text): payload = num_docs
// uint64 ids (increasing), num_docs uint64 full-signature hashes, then per band num_docs uint64
// keys and num_docs uint64 ids, sorted by (key, id). The bytes depend only on the set of
// (id, signature) added, not on the order of adds or merges. Keys are XXH3 of the values'
// little-endian bytes (lsh_band_key); like every docsift file this assumes a little-endian
// host. Loading refuses other options (naming the difference) and any broken invariant.
//
// Thread safety: const methods may be called concurrently with each other (the lazy sort is
// guarded by a mutex); add, merge and load need exclusive access.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "core/binary_file.h"
#include "core/options_fingerprint.h"
#include "core/status.h"
#include "index/doc_pair.h"
#include "index/lsh_params.h"

namespace docsift {

struct LshIndexOptions {
  unsigned num_perm = 128;      // values per signature
  LshParams params{16, 8};      // bands * rows <= num_perm; see choose_lsh_params
  size_t max_bucket_size = 64;  // larger buckets are chained instead of fully paired
  unsigned threads = 0;         // 0 = all cores
};

struct LshStats {
  size_t num_candidates = 0;  // pairs returned
  size_t large_buckets = 0;   // buckets (over all bands) with more than max_bucket_size docs
  size_t largest_bucket = 0;  // most documents seen in one bucket
};

// Seeded key of one band's values (the index's bucket key).
uint64_t lsh_band_key(std::span<const uint32_t> band_values, unsigned band);

// Candidate pairs of the banding index. Preconditions: signatures.size() == num_docs *
// options.num_perm, num_docs < 2^32, params.num_bands * params.rows_per_band <= num_perm,
// both >= 1.
std::vector<DocPair> lsh_candidate_pairs(std::span<const uint32_t> signatures, size_t num_docs,
                                         const LshIndexOptions& options, LshStats* stats = nullptr);

// A pair of global document ids, a < b (LshIndex::candidate_pairs).
struct IdPair {
  uint64_t a = 0;
  uint64_t b = 0;

  static IdPair make(uint64_t x, uint64_t y) { return x < y ? IdPair{x, y} : IdPair{y, x}; }
  friend auto operator<=>(const IdPair&, const IdPair&) = default;
};

inline constexpr BinaryFormat kLshIndexFormat{{'D', 'S', 'L', 'I'}, 1, "LSH index"};

// The options text an LshIndex records: index=lsh, num_perm, bands, rows, max_bucket_size,
// band_key, then the signature options (unit, ngram, seed... of the signatures it holds).
// `threads` is not part of it (it changes no result).
OptionsText lsh_index_options_text(const LshIndexOptions& options,
                                   const OptionsText& signature_options);

class LshIndex {
 public:
  // Fails if num_perm, bands or rows is 0, or bands * rows > num_perm.
  static Result<LshIndex> create(const LshIndexOptions& options,
                                 const OptionsText& signature_options = {});

  LshIndex(LshIndex&&) noexcept = default;
  LshIndex& operator=(LshIndex&&) noexcept = default;

  const LshIndexOptions& options() const { return options_; }
  // lsh_index_options_text(options(), signature options).
  const OptionsText& options_text() const { return options_text_; }
  size_t size() const { return id_hash_.size(); }

  // Adds ids.size() documents: signatures.size() == ids.size() * num_perm, document-major.
  // Fails (adding nothing) on a size mismatch or an id already present or repeated.
  Status add(std::span<const uint32_t> signatures, std::span<const uint64_t> ids);

  // Ids sharing a band key with `signature` (num_perm values), ascending.
  std::vector<uint64_t> query(std::span<const uint32_t> signature) const;

  // Candidate pairs over everything added, sorted by (a, b), unique; see above.
  std::vector<IdPair> candidate_pairs(LshStats* stats = nullptr) const;

  // Adds every document of `other`; see above.
  Status merge(const LshIndex& other);

  Status save(const std::string& path) const;
  // expected == nullptr accepts any options (see options_text() of the result); `threads`
  // is the loaded index's options().threads.
  static Result<LshIndex> load(const std::string& path, const OptionsText* expected,
                               unsigned threads = 0);

 private:
  struct Entry {
    uint64_t key;
    uint64_t id;
    friend auto operator<=>(const Entry&, const Entry&) = default;
  };
  struct IdHash {
    uint64_t id;
    uint64_t signature_hash;
  };

  LshIndex(const LshIndexOptions& options, OptionsText options_text);
  // Sorts the unsorted tail of every band (lazily, under sort_mutex_).
  void ensure_sorted() const;
  // Merges sorted, unique `incoming` into id_hash_; fails (changing nothing) on a shared id.
  Status merge_ids(std::vector<IdHash> incoming);

  LshIndexOptions options_;
  OptionsText options_text_;
  std::vector<IdHash> id_hash_;                    // sorted by id, unique
  mutable std::vector<std::vector<Entry>> bands_;  // per band; [0, sorted_[b]) sorted
  mutable std::vector<size_t> sorted_;
  mutable std::unique_ptr<std::mutex> sort_mutex_ = std::make_unique<std::mutex>();
};

}  // namespace docsift
