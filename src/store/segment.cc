#include "store/segment.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <numeric>

#include "core/assert.h"
#include "core/xxh3.h"
#include "index/lsh_index.h"

namespace docsift {
namespace {

constexpr uint64_t kExactRecord = 20, kKeyRecord = 12;
constexpr uint32_t kNumCounts = 8;

// The (i, j) block pair of table t, in lexicographic order.
std::pair<unsigned, unsigned> table_blocks(unsigned max_hamming, unsigned table) {
  const unsigned m = max_hamming + 2;
  for (unsigned i = 0; i < m; ++i) {
    for (unsigned j = i + 1; j < m; ++j) {
      if (table-- == 0) return {i, j};
    }
  }
  return {0, 1};
}

uint64_t block_mask(unsigned m, unsigned block) {
  const unsigned lo = block * 64 / m, hi = (block + 1) * 64 / m;
  return (hi - lo == 64 ? ~uint64_t{0} : ((uint64_t{1} << (hi - lo)) - 1)) << lo;
}

// Packed little-endian records, flushed to the writer in chunks.
class RecordSink {
 public:
  explicit RecordSink(BinaryFileWriter& w) : w_(w) {}
  ~RecordSink() { flush(); }
  void u64(uint64_t v) { put(&v, 8); }
  void u32(uint32_t v) { put(&v, 4); }
  void bytes(const void* p, size_t n) {
    flush();
    w_.put_array<uint8_t>({static_cast<const uint8_t*>(p), n});
  }
  void flush() {
    if (!buf_.empty()) w_.put_array<uint8_t>(buf_);
    buf_.clear();
  }

 private:
  void put(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    buf_.insert(buf_.end(), b, b + n);
    if (buf_.size() >= (1u << 20)) flush();
  }
  BinaryFileWriter& w_;
  std::vector<uint8_t> buf_;
};

std::vector<uint64_t> segment_counts(const StoredIndexLayout& l, uint64_t num_docs,
                                     uint64_t first_doc, uint64_t id_bytes) {
  return {num_docs,       first_doc,   static_cast<uint64_t>(l.kind),
          l.num_perm,     l.num_bands, l.rows_per_band,
          l.num_tables(), id_bytes};
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace

unsigned StoredIndexLayout::num_tables() const {
  if (kind != StoredKind::kSimHash) return 0;
  return (max_hamming + 2) * (max_hamming + 1) / 2;
}

uint64_t simhash_table_mask(unsigned max_hamming, unsigned table) {
  const auto [i, j] = table_blocks(max_hamming, table);
  return block_mask(max_hamming + 2, i) | block_mask(max_hamming + 2, j);
}

namespace {

// A counts segment: (key, count) records sorted by key.
Status write_counts_segment(const std::string& path, const StoredIndexLayout& layout,
                            const OptionsText& options, uint64_t first_doc,
                            const SegmentData& data) {
  std::vector<std::pair<Key128, uint32_t>> recs = data.counts;
  std::sort(recs.begin(), recs.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  BinaryFileWriter w;
  DOCSIFT_RETURN_IF_ERROR(
      w.open(path, kSegmentFormat, options,
             segment_counts(layout, data.counted_docs, first_doc, recs.size())));
  {
    RecordSink out(w);
    for (size_t i = 0; i < recs.size(); ++i) {
      DOCSIFT_ASSERT(i == 0 || recs[i - 1].first != recs[i].first);
      out.u64(recs[i].first.low);
      out.u64(recs[i].first.high);
      out.u32(recs[i].second);
    }
  }
  return w.commit();
}

}  // namespace

Status write_segment(const std::string& path, const StoredIndexLayout& layout,
                     const OptionsText& options, uint64_t first_doc, const SegmentData& data) {
  if (layout.kind == StoredKind::kCounts) {
    return write_counts_segment(path, layout, options, first_doc, data);
  }
  const uint64_t n = data.ids.size();
  uint64_t id_bytes = 0;
  for (const std::string& id : data.ids) id_bytes += id.size();
  BinaryFileWriter w;
  const auto counts = segment_counts(layout, n, first_doc, id_bytes);
  DOCSIFT_RETURN_IF_ERROR(w.open(path, kSegmentFormat, options, counts));
  {
    RecordSink out(w);
    uint64_t off = 0;
    out.u64(0);
    for (const std::string& id : data.ids) out.u64(off += id.size());
    std::vector<uint32_t> order(n);
    switch (layout.kind) {
      case StoredKind::kExact: {
        DOCSIFT_ASSERT(data.exact_keys.size() == n);
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
          return data.exact_keys[a] < data.exact_keys[b];
        });
        for (uint32_t i : order) {
          out.u64(data.exact_keys[i].low);
          out.u64(data.exact_keys[i].high);
          out.u32(i);
        }
        break;
      }
      case StoredKind::kMinHash: {
        const unsigned k = layout.num_perm, r = layout.rows_per_band;
        DOCSIFT_ASSERT(data.signatures.size() == n * k);
        out.bytes(data.signatures.data(), data.signatures.size_bytes());
        std::vector<std::pair<uint64_t, uint32_t>> recs(n);
        for (unsigned b = 0; b < layout.num_bands; ++b) {
          for (uint32_t i = 0; i < n; ++i) {
            recs[i] = {lsh_band_key(data.signatures.subspan(size_t{i} * k + b * r, r), b), i};
          }
          std::sort(recs.begin(), recs.end());
          for (const auto& [key, i] : recs) {
            out.u64(key);
            out.u32(i);
          }
        }
        break;
      }
      case StoredKind::kCounts:
        break;  // written by write_counts_segment
      case StoredKind::kSimHash: {
        DOCSIFT_ASSERT(data.fingerprints.size() == n);
        for (uint64_t fp : data.fingerprints) out.u64(fp);
        std::vector<std::pair<uint64_t, uint32_t>> recs(n);
        for (unsigned t = 0; t < layout.num_tables(); ++t) {
          const uint64_t mask = simhash_table_mask(layout.max_hamming, t);
          for (uint32_t i = 0; i < n; ++i) recs[i] = {data.fingerprints[i], i};
          std::sort(recs.begin(), recs.end(), [mask](const auto& x, const auto& y) {
            const uint64_t a = x.first & mask, b = y.first & mask;
            return a != b ? a < b : x < y;
          });
          for (const auto& [fp, i] : recs) {
            out.u64(fp);
            out.u32(i);
          }
        }
        break;
      }
    }
    for (const std::string& id : data.ids) out.bytes(id.data(), id.size());
  }
  return w.commit();
}

Result<Segment> Segment::open(const std::string& path, const StoredIndexLayout& layout,
                              const OptionsText* expected) {
  uint64_t header = 0, num_docs = 0, first_doc = 0, id_bytes = 0;
  {
    BinaryFileReader r;
    DOCSIFT_RETURN_IF_ERROR(r.open(path, kSegmentFormat, expected, kNumCounts));
    const auto c = r.counts();
    num_docs = c[0];
    first_doc = c[1];
    id_bytes = c[7];
    if (c[2] != static_cast<uint64_t>(layout.kind) || c[3] != layout.num_perm ||
        c[4] != layout.num_bands || c[5] != layout.rows_per_band || c[6] != layout.num_tables()) {
      return Status::InvalidInput(path + ": segment layout differs from the index manifest's");
    }
    header = kBinaryHeaderFixedBytes + r.options().text().size() + 8 * kNumCounts;
  }
  Segment s;
  s.path_ = path;
  s.layout_ = layout;
  s.num_docs_ = num_docs;
  s.first_doc_ = first_doc;
  s.id_bytes_len_ = id_bytes;
  uint64_t at = header;
  s.id_offsets_ = at;
  if (layout.kind != StoredKind::kCounts) at += (num_docs + 1) * 8;
  if (layout.kind == StoredKind::kCounts) {
    s.counts_ = at;
    at += id_bytes * kExactRecord;  // id_bytes counts the records
    id_bytes = 0;
  } else if (layout.kind == StoredKind::kExact) {
    s.exact_ = at;
    at += num_docs * kExactRecord;
  } else if (layout.kind == StoredKind::kMinHash) {
    s.signatures_ = at;
    at += num_docs * layout.num_perm * 4;
    s.bands_ = at;
    at += num_docs * layout.num_bands * kKeyRecord;
  } else {
    s.fingerprints_ = at;
    at += num_docs * 8;
    s.tables_ = at;
    at += num_docs * layout.num_tables() * kKeyRecord;
  }
  s.id_bytes_ = at;
  at += id_bytes + kBinaryChecksumBytes;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError("cannot open " + path + ": " + errno_text());
  struct stat st {};
  if (::fstat(fd, &st) != 0 || static_cast<uint64_t>(st.st_size) != at) {
    ::close(fd);
    return Status::InvalidInput(path + ": truncated or corrupt segment (" +
                                std::to_string(st.st_size) + " bytes, its counts say " +
                                std::to_string(at) + ")");
  }
  void* p = ::mmap(nullptr, at, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return Status::IoError("cannot map " + path + ": " + errno_text());
  ::madvise(p, at, MADV_RANDOM);
  s.base_ = static_cast<const unsigned char*>(p);
  s.bytes_ = at;
  return s;
}

Segment::Segment(Segment&& o) noexcept { *this = std::move(o); }

Segment& Segment::operator=(Segment&& o) noexcept {
  if (this != &o) {
    if (base_ != nullptr) ::munmap(const_cast<unsigned char*>(base_), bytes_);
    path_ = std::move(o.path_);
    layout_ = o.layout_;
    base_ = std::exchange(o.base_, nullptr);
    bytes_ = o.bytes_;
    num_docs_ = o.num_docs_;
    first_doc_ = o.first_doc_;
    id_offsets_ = o.id_offsets_;
    exact_ = o.exact_;
    counts_ = o.counts_;
    signatures_ = o.signatures_;
    bands_ = o.bands_;
    fingerprints_ = o.fingerprints_;
    tables_ = o.tables_;
    id_bytes_ = o.id_bytes_;
    id_bytes_len_ = o.id_bytes_len_;
  }
  return *this;
}

Segment::~Segment() {
  if (base_ != nullptr) ::munmap(const_cast<unsigned char*>(base_), bytes_);
}

std::string_view Segment::id(uint64_t doc) const {
  const uint64_t i = doc - first_doc_;
  const uint64_t b = load<uint64_t>(id_offsets_ + i * 8),
                 e = load<uint64_t>(id_offsets_ + i * 8 + 8);
  return {reinterpret_cast<const char*>(base_ + id_bytes_ + b), e - b};
}

namespace {

// The first of the `n` sorted records at `records` (kExactRecord bytes, key first) whose key is
// not below `key`: n when there is none.
uint64_t lower_bound_key(const unsigned char* records, uint64_t n, const Key128& key) {
  auto at = [&](uint64_t i) {
    Key128 k;
    std::memcpy(&k.low, records + i * kExactRecord, 8);
    std::memcpy(&k.high, records + i * kExactRecord + 8, 8);
    return k;
  };
  uint64_t lo = 0, hi = n;
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo) / 2;
    if (at(mid) < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && at(lo) == key ? lo : n;
}

}  // namespace

std::optional<uint64_t> Segment::find_exact(const Key128& key) const {
  const uint64_t i = lower_bound_key(base_ + exact_, num_docs_, key);
  if (i == num_docs_) return std::nullopt;
  return first_doc_ + load<uint32_t>(exact_ + i * kExactRecord + 16);
}

uint32_t Segment::find_count(const Key128& key) const {
  const uint64_t i = lower_bound_key(base_ + counts_, id_bytes_len_, key);
  return i == id_bytes_len_ ? 0 : load<uint32_t>(counts_ + i * kExactRecord + 16);
}

void Segment::find_band(unsigned band, uint64_t key, std::vector<uint64_t>* out) const {
  const uint64_t base = bands_ + band * num_docs_ * kKeyRecord;
  uint64_t lo = 0, hi = num_docs_;
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo) / 2;
    if (load<uint64_t>(base + mid * kKeyRecord) < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (; lo < num_docs_ && load<uint64_t>(base + lo * kKeyRecord) == key; ++lo) {
    out->push_back(first_doc_ + load<uint32_t>(base + lo * kKeyRecord + 8));
  }
}

void Segment::signature(uint64_t doc, std::span<uint32_t> out) const {
  DOCSIFT_ASSERT(out.size() == layout_.num_perm);
  std::memcpy(out.data(), base_ + signatures_ + (doc - first_doc_) * layout_.num_perm * 4,
              out.size_bytes());
}

void Segment::find_simhash(unsigned table, uint64_t fingerprint, std::vector<uint64_t>* out) const {
  const uint64_t mask = simhash_table_mask(layout_.max_hamming, table);
  const uint64_t want = fingerprint & mask;
  const uint64_t base = tables_ + table * num_docs_ * kKeyRecord;
  uint64_t lo = 0, hi = num_docs_;
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo) / 2;
    if ((load<uint64_t>(base + mid * kKeyRecord) & mask) < want)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (; lo < num_docs_; ++lo) {
    const uint64_t fp = load<uint64_t>(base + lo * kKeyRecord);
    if ((fp & mask) != want) break;
    if (static_cast<unsigned>(std::popcount(fp ^ fingerprint)) <= layout_.max_hamming) {
      out->push_back(first_doc_ + load<uint32_t>(base + lo * kKeyRecord + 8));
    }
  }
}

Status Segment::verify() const {
  const uint64_t body = bytes_ - kBinaryChecksumBytes;
  if (XXH3_64bits(base_, body) != load<uint64_t>(body)) {
    return Status::InvalidInput(path_ + ": checksum mismatch (the segment is corrupt)");
  }
  return Status::Ok();
}

namespace {

// Merges the record arrays of `parts` (each sorted by `less` over (part, index)), emitting in
// order. Few parts: a linear scan of the heads is cheaper than a heap.
template <typename Less, typename Emit>
void merge_records(const std::vector<const Segment*>& parts, Less less, Emit emit) {
  std::vector<uint64_t> head(parts.size(), 0);
  for (;;) {
    size_t best = parts.size();
    for (size_t p = 0; p < parts.size(); ++p) {
      if (head[p] == parts[p]->num_docs()) continue;
      if (best == parts.size() || less(p, head[p], best, head[best])) best = p;
    }
    if (best == parts.size()) return;
    emit(best, head[best]++);
  }
}

}  // namespace

Status Segment::merge(const std::vector<const Segment*>& parts, const std::string& path,
                      const StoredIndexLayout& layout, const OptionsText& options) {
  DOCSIFT_ASSERT(!parts.empty());
  if (layout.kind == StoredKind::kCounts) return merge_counts(parts, path, layout, options);
  const uint64_t first = parts[0]->first_doc();
  uint64_t n = 0, id_bytes = 0;
  for (const Segment* p : parts) {
    DOCSIFT_ASSERT(p->first_doc() == first + n);
    n += p->num_docs();
    id_bytes += p->id_bytes_len_;
  }
  BinaryFileWriter w;
  DOCSIFT_RETURN_IF_ERROR(
      w.open(path, kSegmentFormat, options, segment_counts(layout, n, first, id_bytes)));
  {
    RecordSink out(w);
    uint64_t base = 0;
    out.u64(0);
    for (const Segment* p : parts) {
      for (uint64_t i = 1; i <= p->num_docs(); ++i) {
        out.u64(base + p->load<uint64_t>(p->id_offsets_ + i * 8));
      }
      base += p->id_bytes_len_;
    }
    // Local numbers are rebased on the merged segment; records of one key keep document order
    // because earlier parts hold earlier documents.
    auto local = [&](const Segment* p, uint64_t at) {
      return static_cast<uint32_t>(p->first_doc() - first + p->load<uint32_t>(at));
    };
    if (layout.kind == StoredKind::kExact) {
      auto key = [&](size_t p, uint64_t i) {
        const uint64_t at = parts[p]->exact_ + i * kExactRecord;
        return Key128{parts[p]->load<uint64_t>(at), parts[p]->load<uint64_t>(at + 8)};
      };
      merge_records(
          parts,
          [&](size_t a, uint64_t i, size_t b, uint64_t j) {
            const Key128 x = key(a, i), y = key(b, j);
            return x != y ? x < y : a < b;
          },
          [&](size_t p, uint64_t i) {
            const Key128 k = key(p, i);
            out.u64(k.low);
            out.u64(k.high);
            out.u32(local(parts[p], parts[p]->exact_ + i * kExactRecord + 16));
          });
    } else {
      const bool minhash = layout.kind == StoredKind::kMinHash;
      for (const Segment* p : parts) {
        if (minhash) {
          out.bytes(p->base_ + p->signatures_, p->num_docs() * layout.num_perm * 4);
        } else {
          out.bytes(p->base_ + p->fingerprints_, p->num_docs() * 8);
        }
      }
      const unsigned lists = minhash ? layout.num_bands : layout.num_tables();
      for (unsigned t = 0; t < lists; ++t) {
        const uint64_t mask = minhash ? ~uint64_t{0} : simhash_table_mask(layout.max_hamming, t);
        auto rec = [&](size_t p, uint64_t i) {
          const Segment* s = parts[p];
          return (minhash ? s->bands_ : s->tables_) + (t * s->num_docs() + i) * kKeyRecord;
        };
        merge_records(
            parts,
            [&](size_t a, uint64_t i, size_t b, uint64_t j) {
              const uint64_t x = parts[a]->load<uint64_t>(rec(a, i));
              const uint64_t y = parts[b]->load<uint64_t>(rec(b, j));
              if ((x & mask) != (y & mask)) return (x & mask) < (y & mask);
              return x != y ? x < y : a < b;
            },
            [&](size_t p, uint64_t i) {
              out.u64(parts[p]->load<uint64_t>(rec(p, i)));
              out.u32(local(parts[p], rec(p, i) + 8));
            });
      }
    }
    for (const Segment* p : parts) out.bytes(p->base_ + p->id_bytes_, p->id_bytes_len_);
  }
  return w.commit();
}

Status Segment::merge_counts(const std::vector<const Segment*>& parts, const std::string& path,
                             const StoredIndexLayout& layout, const OptionsText& options) {
  const uint64_t first = parts[0]->first_doc();
  uint64_t n = 0;
  for (const Segment* p : parts) {
    DOCSIFT_ASSERT(p->first_doc() == first + n);
    n += p->num_docs();
  }
  auto key = [&](size_t p, uint64_t i) {
    const uint64_t at = parts[p]->counts_ + i * kExactRecord;
    return Key128{parts[p]->load<uint64_t>(at), parts[p]->load<uint64_t>(at + 8)};
  };
  // Walks the parts' records in key order, calling emit(key, summed count) once per key. The
  // header needs the number of distinct keys first: one walk counts them, a second writes.
  auto walk = [&](auto emit) {
    std::vector<uint64_t> head(parts.size(), 0);
    for (;;) {
      size_t best = parts.size();
      Key128 best_key{};
      for (size_t p = 0; p < parts.size(); ++p) {
        if (head[p] == parts[p]->num_keys()) continue;
        const Key128 k = key(p, head[p]);
        if (best == parts.size() || k < best_key) best = p, best_key = k;
      }
      if (best == parts.size()) return;
      uint64_t sum = 0;
      for (size_t p = 0; p < parts.size(); ++p) {
        if (head[p] < parts[p]->num_keys() && key(p, head[p]) == best_key) {
          sum += parts[p]->load<uint32_t>(parts[p]->counts_ + head[p] * kExactRecord + 16);
          ++head[p];
        }
      }
      emit(best_key, static_cast<uint32_t>(std::min<uint64_t>(sum, UINT32_MAX)));
    }
  };
  uint64_t keys = 0;
  walk([&](const Key128&, uint32_t) { ++keys; });
  BinaryFileWriter w;
  DOCSIFT_RETURN_IF_ERROR(
      w.open(path, kSegmentFormat, options, segment_counts(layout, n, first, keys)));
  {
    RecordSink out(w);
    walk([&](const Key128& k, uint32_t count) {
      out.u64(k.low);
      out.u64(k.high);
      out.u32(count);
    });
  }
  return w.commit();
}

}  // namespace docsift
