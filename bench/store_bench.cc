// The measurement that chose the stored index's layout (store/stored_index.h): RocksDB against
// immutable sorted segment files, on generated MinHash signatures (num_perm 128, 16 bands x 8
// rows, 20% planted near copies), ingested in 4 batches of 25,000 documents:
//  * BM_Ingest: batch ingest, bytes/s of stored payload (signature 512 B + 16 band keys + a
//    128-bit exact key + the document number per document); counter bytes_per_doc = bytes on
//    disk / documents after the last batch.
//  * BM_LookupAbsent / BM_LookupPresent: band-key lookups (items/s = keys looked up) of keys
//    that are not in the store (the common case: most documents of a new batch are new) and of
//    keys that are (every document of the store is asked, all 16 bands), in batches of 1024
//    keys as the dedup job asks them.
// Both candidates do the same work for a lookup: find every document with that (band, key).
//  * RocksDB: key = band (1 byte) + band key (8, big-endian) + document (4); prefix bloom filter
//    on the first 9 bytes (10 bits per key), one iterator per batch, Seek per key. Exact keys
//    'E' + 16 bytes, signatures 'S' + document; one WriteBatch per batch (WAL on, sync).
//  * Segments: one file per batch, per band the (key, document) records sorted by key, exact
//    records sorted, signatures in document order; written to a temporary file, fsynced,
//    renamed, a manifest replaced by rename; lookups mmap the files and binary-search each
//    segment's band (a new batch's keys against every segment).
// The RocksDB candidate lives only here (the library does not link it).
//
//   build/bench/store_bench --benchmark_counters_tabular=true

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "index/lsh_index.h"

namespace {

constexpr unsigned kNumPerm = 128, kBands = 16, kRows = 8;
constexpr size_t kBatchDocs = 25000, kBatches = 4, kDocs = kBatchDocs * kBatches;
constexpr size_t kPayloadPerDoc = kNumPerm * 4 + kBands * 12 + 20;

struct Corpus {
  std::vector<uint32_t> signatures;  // kDocs * kNumPerm
  std::vector<uint64_t> band_keys;   // kDocs * kBands
  std::vector<uint64_t> absent;      // band keys of documents not stored, band-major pairs
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus c;
    std::mt19937_64 rng(7);
    c.signatures.resize(kDocs * kNumPerm);
    for (size_t d = 0; d < kDocs; ++d) {
      uint32_t* sig = &c.signatures[d * kNumPerm];
      if (d > 0 && rng() % 5 == 0) {
        std::copy_n(&c.signatures[(rng() % d) * kNumPerm], kNumPerm, sig);
        for (unsigned i = 0; i < kNumPerm / 10; ++i) sig[rng() % kNumPerm] = uint32_t(rng());
      } else {
        for (unsigned i = 0; i < kNumPerm; ++i) sig[i] = uint32_t(rng());
      }
    }
    c.band_keys.resize(kDocs * kBands);
    for (size_t d = 0; d < kDocs; ++d) {
      for (unsigned b = 0; b < kBands; ++b) {
        c.band_keys[d * kBands + b] = docsift::lsh_band_key(
            std::span<const uint32_t>(&c.signatures[d * kNumPerm + b * kRows], kRows), b);
      }
    }
    c.absent.resize(kDocs * kBands);
    for (uint64_t& k : c.absent) k = rng();
    return c;
  }();
  return c;
}

uint64_t dir_bytes(const std::string& dir) {
  uint64_t total = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

std::string fresh_dir(const char* name) {
  std::string dir =
      std::string("/tmp/docsift_store_bench_") + name + "_" + std::to_string(getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// ---------------------------------------------------------------- RocksDB candidate
class RocksStore {
 public:
  explicit RocksStore(const std::string& dir) {
    rocksdb::Options opt;
    opt.create_if_missing = true;
    opt.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(9));
    rocksdb::BlockBasedTableOptions table;
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    table.whole_key_filtering = false;
    opt.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    rocksdb::DB* db = nullptr;
    if (!rocksdb::DB::Open(opt, dir, &db).ok()) std::abort();
    db_.reset(db);
  }
  void add_batch(size_t first, size_t n) {
    const Corpus& c = corpus();
    rocksdb::WriteBatch wb;
    for (size_t d = first; d < first + n; ++d) {
      const auto doc = uint32_t(d);
      for (unsigned b = 0; b < kBands; ++b) {
        char key[13];
        band_prefix(b, c.band_keys[d * kBands + b], key);
        std::memcpy(key + 9, &doc, 4);
        wb.Put(rocksdb::Slice(key, 13), rocksdb::Slice());
      }
      char ekey[17] = {'E'};
      std::memcpy(ekey + 1, &c.signatures[d * kNumPerm], 16);  // stands in for the 128-bit key
      wb.Put(rocksdb::Slice(ekey, 17), rocksdb::Slice(reinterpret_cast<const char*>(&doc), 4));
      char skey[5] = {'S'};
      std::memcpy(skey + 1, &doc, 4);
      wb.Put(
          rocksdb::Slice(skey, 5),
          rocksdb::Slice(reinterpret_cast<const char*>(&c.signatures[d * kNumPerm]), kNumPerm * 4));
    }
    rocksdb::WriteOptions wo;
    wo.sync = true;
    if (!db_->Write(wo, &wb).ok()) std::abort();
  }
  void flush() { db_->Flush(rocksdb::FlushOptions()); }
  // Documents found for `keys` (band b = i % kBands).
  size_t lookup(std::span<const uint64_t> keys, size_t first_band) {
    rocksdb::ReadOptions ro;
    ro.prefix_same_as_start = true;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));
    size_t found = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
      char key[9];
      band_prefix(unsigned((first_band + i) % kBands), keys[i], key);
      for (it->Seek(rocksdb::Slice(key, 9)); it->Valid(); it->Next()) ++found;
    }
    return found;
  }

 private:
  static void band_prefix(unsigned band, uint64_t k, char* out) {
    out[0] = char(band);
    for (int i = 0; i < 8; ++i) out[1 + i] = char(k >> (56 - 8 * i));
  }
  std::unique_ptr<rocksdb::DB> db_;
};

// ---------------------------------------------------------------- segment candidate
struct BandRecord {
  uint64_t key;
  uint32_t doc;
} __attribute__((packed));

class SegmentStore {
 public:
  explicit SegmentStore(std::string dir) : dir_(std::move(dir)) {}
  ~SegmentStore() {
    for (auto& s : segs_) munmap(s.base, s.bytes);
  }
  void add_batch(size_t first, size_t n) {
    const Corpus& c = corpus();
    const std::string name = dir_ + "/seg-" + std::to_string(segs_.size());
    const std::string tmp = name + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    std::vector<BandRecord> recs(n);
    for (unsigned b = 0; b < kBands; ++b) {
      for (size_t i = 0; i < n; ++i) {
        recs[i] = {c.band_keys[(first + i) * kBands + b], uint32_t(first + i)};
      }
      std::sort(recs.begin(), recs.end(), [](const BandRecord& x, const BandRecord& y) {
        return x.key != y.key ? x.key < y.key : x.doc < y.doc;
      });
      std::fwrite(recs.data(), sizeof(BandRecord), n, f);
    }
    struct Exact {
      uint64_t hi, lo;
      uint32_t doc;
    } __attribute__((packed));
    std::vector<Exact> exact(n);
    for (size_t i = 0; i < n; ++i) {
      std::memcpy(&exact[i], &c.signatures[(first + i) * kNumPerm], 16);
      exact[i].doc = uint32_t(first + i);
    }
    std::sort(exact.begin(), exact.end(), [](const Exact& x, const Exact& y) {
      return x.hi != y.hi ? x.hi < y.hi : x.lo < y.lo;
    });
    std::fwrite(exact.data(), sizeof(Exact), n, f);
    std::fwrite(&c.signatures[first * kNumPerm], 4, n * kNumPerm, f);
    std::fflush(f);
    fsync(fileno(f));
    std::fclose(f);
    std::rename(tmp.c_str(), name.c_str());
    const int fd = open(name.c_str(), O_RDONLY);
    Seg s;
    s.docs = n;
    s.bytes = size_t(lseek(fd, 0, SEEK_END));
    s.base = static_cast<char*>(mmap(nullptr, s.bytes, PROT_READ, MAP_SHARED, fd, 0));
    close(fd);
    segs_.push_back(s);
    // The manifest names the segments; replaced atomically.
    const std::string m = dir_ + "/MANIFEST", mt = m + ".tmp";
    std::FILE* mf = std::fopen(mt.c_str(), "wb");
    for (size_t i = 0; i < segs_.size(); ++i) std::fprintf(mf, "seg-%zu %zu\n", i, segs_[i].docs);
    std::fflush(mf);
    fsync(fileno(mf));
    std::fclose(mf);
    std::rename(mt.c_str(), m.c_str());
  }
  size_t lookup(std::span<const uint64_t> keys, size_t first_band) const {
    size_t found = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
      const size_t band = (first_band + i) % kBands;
      for (const Seg& s : segs_) {
        const auto* recs = reinterpret_cast<const BandRecord*>(s.base) + band * s.docs;
        size_t lo = 0, hi = s.docs;
        while (lo < hi) {
          const size_t mid = (lo + hi) / 2;
          if (recs[mid].key < keys[i])
            lo = mid + 1;
          else
            hi = mid;
        }
        while (lo < s.docs && recs[lo].key == keys[i]) ++found, ++lo;
      }
    }
    return found;
  }

 private:
  struct Seg {
    char* base;
    size_t bytes, docs;
  };
  std::string dir_;
  std::vector<Seg> segs_;
};

template <typename Store>
void BM_Ingest(benchmark::State& state) {
  corpus();
  uint64_t bytes = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string dir = fresh_dir("ingest");
    state.ResumeTiming();
    {
      Store store(dir);
      for (size_t b = 0; b < kBatches; ++b) store.add_batch(b * kBatchDocs, kBatchDocs);
      if constexpr (std::is_same_v<Store, RocksStore>) store.flush();
    }
    state.PauseTiming();
    bytes = dir_bytes(dir);
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  state.SetBytesProcessed(int64_t(state.iterations() * kDocs * kPayloadPerDoc));
  state.SetItemsProcessed(int64_t(state.iterations() * kDocs));
  state.counters["bytes_per_doc"] = double(bytes) / kDocs;
}

template <typename Store>
Store& built_store(const char* name) {
  static const std::string dir = fresh_dir(name);
  static const std::unique_ptr<Store> store = [] {
    auto s = std::make_unique<Store>(dir);
    for (size_t b = 0; b < kBatches; ++b) s->add_batch(b * kBatchDocs, kBatchDocs);
    return s;
  }();
  return *store;
}

template <typename Store>
void lookup_bench(benchmark::State& state, const std::vector<uint64_t>& keys, bool present) {
  Store& store = built_store<Store>(std::is_same_v<Store, RocksStore> ? "rocksdb" : "segments");
  // Checked before timing: every present key finds at least its own document, absent ones none
  // (random 64-bit keys; a collision would show here).
  const size_t found_all = store.lookup(keys, 0);
  if (present ? found_all < keys.size() : found_all != 0) {
    state.SkipWithError("lookup check failed");
    return;
  }
  size_t pos = 0, found = 0, asked = 0;
  for (auto _ : state) {
    const size_t n = std::min<size_t>(1024, keys.size() - pos);
    found += store.lookup(std::span<const uint64_t>(&keys[pos], n), pos);
    asked += n;
    pos = (pos + n) % keys.size();
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(int64_t(asked));
}

template <typename Store>
void BM_LookupAbsent(benchmark::State& state) {
  lookup_bench<Store>(state, corpus().absent, false);
}
template <typename Store>
void BM_LookupPresent(benchmark::State& state) {
  lookup_bench<Store>(state, corpus().band_keys, true);
}

BENCHMARK(BM_Ingest<RocksStore>)->Iterations(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Ingest<SegmentStore>)->Iterations(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LookupAbsent<RocksStore>);
BENCHMARK(BM_LookupAbsent<SegmentStore>);
BENCHMARK(BM_LookupPresent<RocksStore>);
BENCHMARK(BM_LookupPresent<SegmentStore>);

}  // namespace
