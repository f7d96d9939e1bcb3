#pragma once
// StoredIndex: the documents kept by earlier dedup batches, on disk, so a new batch is checked
// against all of them without re-reading them (docsift dedup --index DIR [--update]). Holds, per
// document, its id and what the method compares: the 128-bit exact key (text/normalize.h),
// or the MinHash signature with its LSH band keys (index/lsh_index.h's lsh_band_key), or the
// SimHash fingerprint with its permuted tables (store/segment.h). The same store also holds
// key counts (StoredKind::kCounts, no ids: `docsift passages --index`, store/segment.h), whose
// "documents" are the documents counted and whose merges add the counts of equal keys.
//
//   auto index = StoredIndex::open_writer("idx", layout, options);   // creates it if absent
//   std::optional<uint64_t> doc = (*index)->find_minhash(signature, 0.75);
//   DOCSIFT_RETURN_IF_ERROR((*index)->add_batch(segment_data));       // atomic
//   std::string_view id = (*index)->id(*doc);
//
// Store: immutable sorted segment files plus a manifest replaced atomically, chosen over RocksDB
// by measurement (bench/store_bench.cc, 100,000 generated signatures in 4 batches, CPU time on
// this 2-core machine, `build/bench/store_bench --benchmark_min_time=1`): ingest 327 MB/s against
// 5.5 MB/s, 724 bytes per document against 863, band-key lookups 817k/s against 148k/s for
// absent keys (RocksDB with a 10-bit prefix bloom filter) and 969k/s against 63k/s for present
// ones. A batch is sorted once when it is written; a lookup is a binary search per segment of a
// read-only mapping, and RocksDB's write-ahead log, memtable and compaction do work this
// write-once, read-many shape does not need.
//
// Directory: MANIFEST (core/binary_file.h container "DSXM" v1: the options text, counts
// {num_docs, num_batches, num_segments, next_segment, kind, num_perm, num_bands, rows_per_band,
// max_hamming}, then per segment its number, first document and document count), the segments
// seg-<number>.dsx, and LOCK.
// Guarantees:
//  * Atomic batches and crash safety: add_batch and compact write new segment files (temporary
//    file, fsync, rename), then replace MANIFEST the same way and sync the directory; files the
//    manifest does not name are ignored by readers and removed by the next writer. A process
//    killed at any point leaves the index as before the call or as after it.
//  * One writer: open_writer takes an exclusive flock on LOCK (released by the kernel when the
//    process dies, so a crash never leaves a stale lock); a second writer is refused with a
//    message naming the directory. Readers (open) take no lock and see the manifest they read.
//  * Options: the manifest records the options text that shaped the index; opening with other
//    options fails naming each option that differs.
//  * Memory: segments are memory-mapped, never read whole; a lookup touches O(log n) pages per
//    segment. add_batch sorts the batch in memory (its size, not the index's); merges stream.
//    Segments are merged as a binary counter (the newest run of segments whose earlier neighbour
//    holds no more documents than they do together becomes one), so an index of B equal batches
//    has at most log2(B) + 1 segments and each document is rewritten at most log2(B) times.
//  * Documents are numbered 0, 1, ... in the order they were added; every lookup returns the
//    earliest matching document. Lookups are const and thread-safe.
// Not supported: several ranks of one MPI run writing one index (the CLI refuses --index under
// mpirun); a big-endian host (keys are stored little-endian).

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/options_fingerprint.h"
#include "core/status.h"
#include "store/segment.h"

namespace docsift {

inline constexpr BinaryFormat kManifestFormat{{'D', 'S', 'X', 'M'}, 1, "stored index manifest"};

struct StoredIndexInfo {
  uint64_t num_docs = 0;
  uint64_t num_batches = 0;
  uint64_t num_segments = 0;
  uint64_t bytes_on_disk = 0;  // manifest and segments
  StoredIndexLayout layout;
  OptionsText options;
};

struct StoredMatch {
  uint64_t doc = 0;       // document number in the index
  double similarity = 1;  // to the looked-up document
};

class StoredIndex {
 public:
  // Opens an existing index for lookups. `expected` == nullptr accepts any options.
  static Result<std::unique_ptr<StoredIndex>> open(const std::string& dir,
                                                   const OptionsText* expected);
  // Opens (creating DIR and an empty index if there is none) for lookups and writes; takes the
  // writer lock and removes files a crashed writer left. An existing index must have been made
  // with `options` and `layout`.
  static Result<std::unique_ptr<StoredIndex>> open_writer(const std::string& dir,
                                                          const StoredIndexLayout& layout,
                                                          const OptionsText& options);
  ~StoredIndex();

  const StoredIndexInfo& info() const { return info_; }
  uint64_t num_docs() const { return info_.num_docs; }

  // The id of document `doc` (< num_docs()).
  std::string_view id(uint64_t doc) const;
  // Exact: the earliest document with this key (similarity 1).
  std::optional<StoredMatch> find_exact(const Key128& key) const;
  // MinHash: the earliest document sharing a band key with `signature` (num_perm values) whose
  // stored signature has at least `min_similarity` equal slots (fraction; group/verify.h).
  std::optional<StoredMatch> find_minhash(std::span<const uint32_t> signature,
                                          double min_similarity) const;
  // SimHash: the earliest document within max_hamming of `fingerprint` (similarity
  // 1 - hamming / 64, as group/verify.h).
  std::optional<StoredMatch> find_simhash(uint64_t fingerprint) const;
  // Counts (StoredKind::kCounts): the sum of the key's counts over every batch (0 when absent),
  // saturating at 2^32 - 1.
  uint32_t count(const Key128& key) const;

  // Writer only: adds one batch (documents num_docs(), num_docs() + 1, ...) atomically.
  Status add_batch(const SegmentData& batch);
  // Writer only: merges every segment into one (atomically); checks every checksum first.
  Status compact();
  // Reads every segment whole and checks its checksum.
  Status verify() const;

 private:
  StoredIndex() = default;
  const Segment& segment_of(uint64_t doc) const;
  Status write_manifest(const std::vector<Segment>& segments, uint64_t num_docs,
                        uint64_t num_batches);
  // Replaces segments [first, end) by one merged segment (files removed after the manifest).
  Status merge_tail(size_t first, std::vector<std::string>* obsolete);
  Status switch_to(std::vector<Segment> segments, uint64_t num_docs, uint64_t num_batches,
                   const std::vector<std::string>& obsolete);

  std::string dir_;
  StoredIndexInfo info_;
  std::vector<Segment> segments_;
  std::vector<uint64_t> segment_numbers_;
  uint64_t next_segment_ = 0;
  int lock_fd_ = -1;  // >= 0 for a writer
};

// What `docsift index info` prints: one "name: value" line per figure, then the options.
std::string describe_stored_index(const std::string& dir, const StoredIndexInfo& info);

namespace detail {
// Tests only: called at the named points of add_batch and compact ("segment_written",
// "merge_written", "manifest_written"), so a test can kill the process there.
using StoreCrashHook = void (*)(const char* point);
void set_store_crash_hook(StoreCrashHook hook);
}  // namespace detail

}  // namespace docsift
