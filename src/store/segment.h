#pragma once
// One immutable segment of a stored index (store/stored_index.h): the documents of one batch,
// or of several merged, as sorted record arrays that are memory-mapped, never read whole.
//
//   SegmentData data{.ids = ..., .exact_keys = ...};            // one batch, in document order
//   DOCSIFT_RETURN_IF_ERROR(write_segment(path, layout, options, first_doc, data));
//   Result<Segment> seg = Segment::open(path, layout, &options);
//   std::optional<uint64_t> doc = seg->find_exact(key);         // global document number
//
// File: the core/binary_file.h container, magic "DSXS", version 1, options text = the index's,
// counts {num_docs, first_doc, kind, num_perm, num_bands, rows_per_band, num_tables,
// id_bytes}. Payload, in order (records packed, little-endian):
//   id offsets     (num_docs + 1) x uint64 into the id bytes
//   exact          num_docs x (key.low u64, key.high u64, local u32), sorted     [exact]
//   signatures     num_docs x num_perm uint32, document order                    [minhash]
//   bands          per band num_docs x (band key u64, local u32), sorted         [minhash]
//   fingerprints   num_docs x uint64, document order                             [simhash]
//   tables         per table num_docs x (fingerprint u64, local u32), sorted by
//                  (fingerprint & table mask, fingerprint, local)                [simhash]
//   id bytes       id_bytes x uint8
//   counts         id_bytes x (key.low u64, key.high u64, count u32), sorted by key [counts]
// A counts segment (docsift passages --index: store/passage_counts.h) holds no ids and no id
// offsets: its "documents" are the documents counted, its id_bytes count is the number of
// (key, count) records, one per distinct key, and merging adds the counts of equal keys
// (saturating at 2^32 - 1).
// "local" is the document's position in the segment; its global number is first_doc + local.
// Records are sorted by key then local, so the first match of a key is the earliest document.
//
// SimHash tables (Manku, Jain & Das Sarma 2007): the 64 bits are cut into m = max_hamming + 2
// blocks; two fingerprints within distance k agree on at least 2 blocks, so each of the
// C(m, 2) tables sorts by the bits of two blocks and a query compares only the run of records
// whose bits there equal its own. m is fixed by k (recorded in the options), so tables of
// segments made at different sizes agree; the cost is C(k + 2, 2) x 12 bytes per document
// (792 at k = 10) and runs of about n / 2^(128 / (k + 2)) records per table.
//
// Guarantees: lookups are const and thread-safe (read-only mappings); results depend only on the
// documents stored. Opening checks the header, the options and that the file size matches the
// counts; the checksum is checked by verify() (compact and `index info --verify`), not on open.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/binary_file.h"
#include "core/options_fingerprint.h"
#include "core/status.h"
#include "text/normalize.h"

namespace docsift {

enum class StoredKind : uint32_t { kExact = 0, kMinHash = 1, kSimHash = 2, kCounts = 3 };

// The structure of a stored index (the options text records it too).
struct StoredIndexLayout {
  StoredKind kind = StoredKind::kExact;
  unsigned num_perm = 0;       // minhash: values per signature
  unsigned num_bands = 0;      // minhash: LSH bands (index/lsh_params.h)
  unsigned rows_per_band = 0;  // minhash: rows per band
  unsigned max_hamming = 0;    // simhash: the distance the tables are built for (<= 32)

  unsigned num_tables() const;  // simhash: C(max_hamming + 2, 2); else 0
  friend bool operator==(const StoredIndexLayout&, const StoredIndexLayout&) = default;
};

inline constexpr BinaryFormat kSegmentFormat{{'D', 'S', 'X', 'S'}, 1, "stored index segment"};

// The bit mask of SimHash table t (two of the max_hamming + 2 blocks).
uint64_t simhash_table_mask(unsigned max_hamming, unsigned table);

// The documents of one batch, in document order; the vectors the layout needs are filled.
struct SegmentData {
  std::vector<std::string> ids;
  std::vector<Key128> exact_keys;        // exact: one per document
  std::span<const uint32_t> signatures;  // minhash: ids.size() * num_perm values
  std::vector<uint64_t> fingerprints;    // simhash: one per document
  // counts: the documents counted (ids stay empty) and one (key, documents) per distinct key,
  // in any order (sorted when written; keys must be distinct).
  uint64_t counted_docs = 0;
  std::vector<std::pair<Key128, uint32_t>> counts;

  // Documents the batch adds to the index.
  uint64_t num_docs() const { return ids.empty() ? counted_docs : ids.size(); }
};

class Segment {
 public:
  static Result<Segment> open(const std::string& path, const StoredIndexLayout& layout,
                              const OptionsText* expected);
  Segment(Segment&& o) noexcept;
  Segment& operator=(Segment&& o) noexcept;
  Segment(const Segment&) = delete;
  Segment& operator=(const Segment&) = delete;
  ~Segment();

  uint64_t num_docs() const { return num_docs_; }
  uint64_t first_doc() const { return first_doc_; }
  uint64_t file_bytes() const { return bytes_; }
  const std::string& path() const { return path_; }

  // The id of global document `doc` (first_doc() <= doc < first_doc() + num_docs()).
  std::string_view id(uint64_t doc) const;
  // The earliest document with this exact key.
  std::optional<uint64_t> find_exact(const Key128& key) const;
  // Appends the documents whose band `band` key is `key` (ascending).
  void find_band(unsigned band, uint64_t key, std::vector<uint64_t>* out) const;
  // The stored signature of global document `doc` (num_perm values; may be unaligned, so
  // copied out).
  void signature(uint64_t doc, std::span<uint32_t> out) const;
  // The stored fingerprint of global document `doc`.
  uint64_t fingerprint(uint64_t doc) const {
    return load<uint64_t>(fingerprints_ + (doc - first_doc_) * 8);
  }
  // Appends the documents within max_hamming of `fingerprint` found through table `table`.
  void find_simhash(unsigned table, uint64_t fingerprint, std::vector<uint64_t>* out) const;
  // Counts: the stored count of `key` (0 when absent), and the number of distinct keys.
  uint32_t find_count(const Key128& key) const;
  uint64_t num_keys() const { return layout_.kind == StoredKind::kCounts ? id_bytes_len_ : 0; }

  // Reads the whole file and checks its checksum.
  Status verify() const;

  // Writes the segments `parts` (consecutive: each one's first_doc follows the previous one's
  // last document) as one merged segment, streaming (memory independent of their size).
  static Status merge(const std::vector<const Segment*>& parts, const std::string& path,
                      const StoredIndexLayout& layout, const OptionsText& options);

 private:
  static Status merge_counts(const std::vector<const Segment*>& parts, const std::string& path,
                             const StoredIndexLayout& layout, const OptionsText& options);

  Segment() = default;
  template <typename T>
  T load(uint64_t offset) const {
    T v;
    std::memcpy(&v, base_ + offset, sizeof v);
    return v;
  }

  std::string path_;
  StoredIndexLayout layout_;
  const unsigned char* base_ = nullptr;
  uint64_t bytes_ = 0;
  uint64_t num_docs_ = 0, first_doc_ = 0;
  uint64_t id_offsets_ = 0, exact_ = 0, counts_ = 0, signatures_ = 0, bands_ = 0, fingerprints_ = 0,
           tables_ = 0, id_bytes_ = 0;
  uint64_t id_bytes_len_ = 0;
};

// Writes one batch as a segment (records sorted in memory: the batch's size, not the index's).
Status write_segment(const std::string& path, const StoredIndexLayout& layout,
                     const OptionsText& options, uint64_t first_doc, const SegmentData& data);

}  // namespace docsift
