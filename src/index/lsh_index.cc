#include "index/lsh_index.h"

#include <algorithm>
#include <iterator>
#include <mutex>

#include "core/assert.h"
#include "core/parallel.h"
#include "core/xxh3.h"
#include "index/internal/keyed_sort.h"

namespace docsift {
namespace {

constexpr uint64_t kBandSeed = 0x6c73685f62616e64ULL;  // "lsh_band"

void sort_unique(std::vector<DocPair>& pairs) {
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
}

// Merges a sorted unique band result into the sorted unique total.
void merge_into(std::vector<DocPair>& total, const std::vector<DocPair>& band) {
  if (band.empty()) return;
  std::vector<DocPair> merged;
  merged.reserve(total.size() + band.size());
  std::set_union(total.begin(), total.end(), band.begin(), band.end(), std::back_inserter(merged));
  total.swap(merged);
}

}  // namespace

uint64_t lsh_band_key(std::span<const uint32_t> band_values, unsigned band) {
  return XXH3_64bits_withSeed(band_values.data(), band_values.size_bytes(),
                              kBandSeed + 0x9E3779B97F4A7C15ULL * (band + 1));
}

std::vector<DocPair> lsh_candidate_pairs(std::span<const uint32_t> signatures, size_t num_docs,
                                         const LshIndexOptions& options, LshStats* stats) {
  const unsigned num_perm = options.num_perm;
  const unsigned bands = options.params.num_bands;
  const unsigned rows = options.params.rows_per_band;
  DOCSIFT_ASSERT(bands >= 1 && rows >= 1 && static_cast<uint64_t>(bands) * rows <= num_perm);
  DOCSIFT_ASSERT(signatures.size() == num_docs * num_perm);
  DOCSIFT_ASSERT(num_docs <= UINT32_MAX);
  const unsigned threads = options.threads == 0 ? hardware_threads() : options.threads;
  const size_t max_bucket = std::max<size_t>(2, options.max_bucket_size);

  LshStats local_stats;
  std::vector<DocPair> total;
  if (num_docs < 2) {
    if (stats) *stats = local_stats;
    return total;
  }

  // Full-signature hashes order the members of oversized buckets; computed on first need.
  std::vector<uint64_t> signature_hash;
  std::once_flag signature_hash_once;
  auto ensure_signature_hashes = [&] {
    std::call_once(signature_hash_once, [&] {
      signature_hash.resize(num_docs);
      parallel_for(num_docs, threads, 4096, [&](size_t begin, size_t end, unsigned) {
        for (size_t d = begin; d < end; ++d) {
          signature_hash[d] = XXH3_64bits(&signatures[d * num_perm], num_perm * sizeof(uint32_t));
        }
      });
    });
  };

  std::vector<detail::KeyedDoc> entries(num_docs), scratch;
  std::vector<std::vector<DocPair>> worker_pairs(threads);
  std::vector<LshStats> worker_stats(threads);
  std::vector<std::vector<detail::KeyedDoc>> worker_members(threads);
  const unsigned radix_bits = detail::radix_bits_for(num_docs, 64);

  for (unsigned band = 0; band < bands; ++band) {
    parallel_for(num_docs, threads, 8192, [&](size_t begin, size_t end, unsigned) {
      for (size_t d = begin; d < end; ++d) {
        const std::span<const uint32_t> values(&signatures[d * num_perm + band * rows], rows);
        entries[d] = {lsh_band_key(values, band), static_cast<uint32_t>(d)};
      }
    });
    const std::vector<size_t> buckets = detail::sort_keyed(entries, scratch, radix_bits, threads);
    detail::for_each_run(
        entries, buckets, threads, [&](std::span<const detail::KeyedDoc> run, unsigned worker) {
          std::vector<DocPair>& out = worker_pairs[worker];
          LshStats& st = worker_stats[worker];
          st.largest_bucket = std::max(st.largest_bucket, run.size());
          if (run.size() <= max_bucket) {
            for (size_t i = 0; i < run.size(); ++i) {
              for (size_t j = i + 1; j < run.size(); ++j) out.push_back({run[i].doc, run[j].doc});
            }
            return;
          }
          ++st.large_buckets;
          ensure_signature_hashes();
          std::vector<detail::KeyedDoc>& members = worker_members[worker];
          members.clear();
          for (const auto& e : run) members.push_back({signature_hash[e.doc], e.doc});
          std::sort(members.begin(), members.end(), [](const auto& x, const auto& y) {
            return x.key != y.key ? x.key < y.key : x.doc < y.doc;
          });
          for (size_t i = 1; i < members.size(); ++i) {
            out.push_back(DocPair::make(members[i - 1].doc, members[i].doc));
          }
        });
    std::vector<DocPair> band_pairs;
    for (auto& w : worker_pairs) {
      band_pairs.insert(band_pairs.end(), w.begin(), w.end());
      w.clear();
    }
    sort_unique(band_pairs);
    merge_into(total, band_pairs);
  }
  for (const LshStats& st : worker_stats) {
    local_stats.large_buckets += st.large_buckets;
    local_stats.largest_bucket = std::max(local_stats.largest_bucket, st.largest_bucket);
  }
  local_stats.num_candidates = total.size();
  if (stats) *stats = local_stats;
  return total;
}

// ---------------------------------------------------------------------------------------------
// LshIndex

OptionsText lsh_index_options_text(const LshIndexOptions& options,
                                   const OptionsText& signature_options) {
  OptionsText text;
  text.add("index", "lsh")
      .add("num_perm", uint64_t{options.num_perm})
      .add("bands", uint64_t{options.params.num_bands})
      .add("rows", uint64_t{options.params.rows_per_band})
      .add("max_bucket_size", uint64_t{options.max_bucket_size})
      .add("band_key", "xxh3_64_band_seed_v1");
  return text.append(signature_options);
}

LshIndex::LshIndex(const LshIndexOptions& options, OptionsText options_text)
    : options_(options),
      options_text_(std::move(options_text)),
      bands_(options.params.num_bands),
      sorted_(options.params.num_bands, 0) {}

Result<LshIndex> LshIndex::create(const LshIndexOptions& options,
                                  const OptionsText& signature_options) {
  const unsigned bands = options.params.num_bands;
  const unsigned rows = options.params.rows_per_band;
  if (options.num_perm == 0 || bands == 0 || rows == 0 ||
      uint64_t{bands} * rows > options.num_perm) {
    return Status::InvalidArgument("LSH index: bands (" + std::to_string(bands) + ") x rows (" +
                                   std::to_string(rows) + ") must be >= 1 and at most num_perm (" +
                                   std::to_string(options.num_perm) + ")");
  }
  return LshIndex(options, lsh_index_options_text(options, signature_options));
}

Status LshIndex::merge_ids(std::vector<IdHash> incoming) {
  auto by_id = [](const IdHash& x, const IdHash& y) { return x.id < y.id; };
  std::sort(incoming.begin(), incoming.end(), by_id);
  for (size_t i = 1; i < incoming.size(); ++i) {
    if (incoming[i].id == incoming[i - 1].id) {
      return Status::InvalidArgument("LSH index: document id " + std::to_string(incoming[i].id) +
                                     " given twice");
    }
  }
  if (incoming.empty()) return Status::Ok();
  if (id_hash_.empty() || incoming.front().id > id_hash_.back().id) {  // the usual, cheap case
    id_hash_.insert(id_hash_.end(), incoming.begin(), incoming.end());
    return Status::Ok();
  }
  std::vector<IdHash> merged;
  merged.reserve(id_hash_.size() + incoming.size());
  size_t i = 0, j = 0;
  while (i < id_hash_.size() || j < incoming.size()) {
    if (j == incoming.size() || (i < id_hash_.size() && id_hash_[i].id < incoming[j].id)) {
      merged.push_back(id_hash_[i++]);
    } else if (i == id_hash_.size() || incoming[j].id < id_hash_[i].id) {
      merged.push_back(incoming[j++]);
    } else {
      return Status::InvalidArgument("LSH index: document id " + std::to_string(incoming[j].id) +
                                     " is already in the index");
    }
  }
  id_hash_.swap(merged);
  return Status::Ok();
}

Status LshIndex::add(std::span<const uint32_t> signatures, std::span<const uint64_t> ids) {
  const unsigned num_perm = options_.num_perm;
  const unsigned rows = options_.params.rows_per_band;
  if (signatures.size() != ids.size() * num_perm) {
    return Status::InvalidArgument("LSH index: " + std::to_string(ids.size()) + " ids need " +
                                   std::to_string(ids.size() * num_perm) +
                                   " signature values (num_perm " + std::to_string(num_perm) +
                                   "), got " + std::to_string(signatures.size()));
  }
  std::vector<IdHash> incoming(ids.size());
  for (size_t d = 0; d < ids.size(); ++d) {
    incoming[d] = {ids[d], XXH3_64bits(&signatures[d * num_perm], num_perm * sizeof(uint32_t))};
  }
  DOCSIFT_RETURN_IF_ERROR(merge_ids(std::move(incoming)));
  for (unsigned band = 0; band < bands_.size(); ++band) {
    std::vector<Entry>& entries = bands_[band];
    entries.reserve(entries.size() + ids.size());
    for (size_t d = 0; d < ids.size(); ++d) {
      const std::span<const uint32_t> values(&signatures[d * num_perm + band * rows], rows);
      entries.push_back({lsh_band_key(values, band), ids[d]});
    }
  }
  return Status::Ok();
}

void LshIndex::ensure_sorted() const {
  std::lock_guard<std::mutex> lock(*sort_mutex_);
  for (size_t band = 0; band < bands_.size(); ++band) {
    std::vector<Entry>& entries = bands_[band];
    if (sorted_[band] == entries.size()) continue;
    const auto mid = entries.begin() + static_cast<std::ptrdiff_t>(sorted_[band]);
    std::sort(mid, entries.end());
    std::inplace_merge(entries.begin(), mid, entries.end());
    sorted_[band] = entries.size();
  }
}

std::vector<uint64_t> LshIndex::query(std::span<const uint32_t> signature) const {
  DOCSIFT_ASSERT(signature.size() == options_.num_perm);
  ensure_sorted();
  const unsigned rows = options_.params.rows_per_band;
  std::vector<uint64_t> out;
  for (unsigned band = 0; band < bands_.size(); ++band) {
    const uint64_t key = lsh_band_key(signature.subspan(size_t{band} * rows, rows), band);
    const std::vector<Entry>& entries = bands_[band];
    auto it = std::lower_bound(entries.begin(), entries.end(), Entry{key, 0});
    for (; it != entries.end() && it->key == key; ++it) out.push_back(it->id);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<IdPair> LshIndex::candidate_pairs(LshStats* stats) const {
  ensure_sorted();
  const size_t max_bucket = std::max<size_t>(2, options_.max_bucket_size);
  const unsigned num_bands = static_cast<unsigned>(bands_.size());
  const unsigned threads = std::min(options_.threads == 0 ? hardware_threads() : options_.threads,
                                    std::max(1u, num_bands));
  auto signature_hash = [&](uint64_t id) {
    const auto it = std::lower_bound(id_hash_.begin(), id_hash_.end(), id,
                                     [](const IdHash& x, uint64_t v) { return x.id < v; });
    DOCSIFT_ASSERT(it != id_hash_.end() && it->id == id);
    return it->signature_hash;
  };
  // One band per chunk; each band's pairs are sorted and unique, then the bands are merged in
  // band order, so the result does not depend on the thread count.
  std::vector<std::vector<IdPair>> band_pairs(num_bands);
  std::vector<LshStats> band_stats(num_bands);
  parallel_for(num_bands, threads, 1, [&](size_t begin, size_t end, unsigned) {
    std::vector<IdHash> members;
    for (size_t band = begin; band < end; ++band) {
      const std::vector<Entry>& entries = bands_[band];
      std::vector<IdPair>& out = band_pairs[band];
      LshStats& st = band_stats[band];
      for (size_t i = 0; i < entries.size();) {
        size_t j = i + 1;
        while (j < entries.size() && entries[j].key == entries[i].key) ++j;
        const size_t m = j - i;
        if (m >= 2) {
          st.largest_bucket = std::max(st.largest_bucket, m);
          if (m <= max_bucket) {
            // Entries of one key are sorted by id, so (x, y) with x < y already.
            for (size_t x = i; x < j; ++x) {
              for (size_t y = x + 1; y < j; ++y) out.push_back({entries[x].id, entries[y].id});
            }
          } else {
            // Chain ordered by (full-signature hash, id), as lsh_candidate_pairs does.
            ++st.large_buckets;
            members.clear();
            for (size_t x = i; x < j; ++x) {
              members.push_back({entries[x].id, signature_hash(entries[x].id)});
            }
            std::sort(members.begin(), members.end(), [](const IdHash& p, const IdHash& q) {
              return p.signature_hash != q.signature_hash ? p.signature_hash < q.signature_hash
                                                          : p.id < q.id;
            });
            for (size_t x = 1; x < members.size(); ++x) {
              out.push_back(IdPair::make(members[x - 1].id, members[x].id));
            }
          }
        }
        i = j;
      }
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
    }
  });
  std::vector<IdPair> total;
  LshStats local;
  for (unsigned band = 0; band < num_bands; ++band) {
    std::vector<IdPair> merged;
    merged.reserve(total.size() + band_pairs[band].size());
    std::set_union(total.begin(), total.end(), band_pairs[band].begin(), band_pairs[band].end(),
                   std::back_inserter(merged));
    total.swap(merged);
    std::vector<IdPair>().swap(band_pairs[band]);
    local.large_buckets += band_stats[band].large_buckets;
    local.largest_bucket = std::max(local.largest_bucket, band_stats[band].largest_bucket);
  }
  local.num_candidates = total.size();
  if (stats) *stats = local;
  return total;
}

Status LshIndex::merge(const LshIndex& other) {
  const std::string diff = describe_options_difference(
      other.options_text_.text(), options_text_.text(), "LSH index merge: the other index");
  if (!diff.empty()) return Status::InvalidArgument(diff);
  DOCSIFT_RETURN_IF_ERROR(merge_ids(other.id_hash_));
  for (size_t band = 0; band < bands_.size(); ++band) {
    bands_[band].insert(bands_[band].end(), other.bands_[band].begin(), other.bands_[band].end());
  }
  return Status::Ok();
}

Status LshIndex::save(const std::string& path) const {
  ensure_sorted();
  const uint64_t counts[] = {id_hash_.size(), options_.num_perm, options_.params.num_bands,
                             options_.params.rows_per_band, options_.max_bucket_size};
  BinaryFileWriter w;
  DOCSIFT_RETURN_IF_ERROR(w.open(path, kLshIndexFormat, options_text_, counts));
  std::vector<uint64_t> column(id_hash_.size());
  for (size_t i = 0; i < id_hash_.size(); ++i) column[i] = id_hash_[i].id;
  w.put_array<uint64_t>(column);
  for (size_t i = 0; i < id_hash_.size(); ++i) column[i] = id_hash_[i].signature_hash;
  w.put_array<uint64_t>(column);
  for (const std::vector<Entry>& entries : bands_) {
    for (size_t i = 0; i < entries.size(); ++i) column[i] = entries[i].key;
    w.put_array<uint64_t>(column);
    for (size_t i = 0; i < entries.size(); ++i) column[i] = entries[i].id;
    w.put_array<uint64_t>(column);
  }
  return w.commit();
}

Result<LshIndex> LshIndex::load(const std::string& path, const OptionsText* expected,
                                unsigned threads) {
  BinaryFileReader r;
  DOCSIFT_RETURN_IF_ERROR(r.open(path, kLshIndexFormat, expected, 5));
  const auto c = r.counts();
  const uint64_t n = c[0], num_perm = c[1], bands = c[2], rows = c[3], max_bucket = c[4];
  const std::string corrupt = r.error_prefix() + "corrupt LSH index: ";
  if (num_perm == 0 || num_perm > UINT32_MAX || bands == 0 || rows == 0 || bands > num_perm ||
      rows > num_perm || bands * rows > num_perm) {
    return Status::InvalidInput(corrupt + "bands " + std::to_string(bands) + " x rows " +
                                std::to_string(rows) + " do not fit num_perm " +
                                std::to_string(num_perm));
  }
  const uint64_t left = r.payload_bytes_left();
  const uint64_t per_doc = 16 * (bands + 1);
  if (n > left / per_doc || left != n * per_doc) {
    return Status::InvalidInput(corrupt + std::to_string(n) + " documents in " +
                                std::to_string(bands) + " bands do not fill the " +
                                std::to_string(left) + " payload bytes");
  }
  LshIndexOptions options;
  options.num_perm = static_cast<unsigned>(num_perm);
  options.params = {static_cast<unsigned>(bands), static_cast<unsigned>(rows)};
  options.max_bucket_size = max_bucket;
  options.threads = threads;
  const std::string own = lsh_index_options_text(options, {}).text();
  if (r.options().text().compare(0, own.size(), own) != 0) {
    return Status::InvalidInput(corrupt + "the options text does not match the counts (" +
                                own.substr(0, own.size() - 1) + ")");
  }
  LshIndex index(options, r.options());
  std::vector<uint64_t> ids, hashes, keys;
  DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &ids));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &hashes));
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && ids[i] <= ids[i - 1]) {
      return Status::InvalidInput(corrupt + "document id " + std::to_string(ids[i]) + " after " +
                                  std::to_string(ids[i - 1]));
    }
  }
  index.id_hash_.resize(n);
  for (size_t i = 0; i < n; ++i) index.id_hash_[i] = {ids[i], hashes[i]};
  std::vector<uint64_t> seen_in_band(n, 0);  // band + 1 that last listed the document
  for (uint64_t band = 0; band < bands; ++band) {
    DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &keys));
    DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &hashes));  // the band's ids
    std::vector<Entry>& entries = index.bands_[band];
    entries.resize(n);
    for (size_t i = 0; i < n; ++i) {
      entries[i] = {keys[i], hashes[i]};
      const auto it = std::lower_bound(ids.begin(), ids.end(), hashes[i]);
      const bool known = it != ids.end() && *it == hashes[i];
      if ((i > 0 && !(entries[i - 1] < entries[i])) || !known ||
          seen_in_band[static_cast<size_t>(it - ids.begin())] == band + 1) {
        return Status::InvalidInput(corrupt + "band " + std::to_string(band) + " entry " +
                                    std::to_string(i) + " (id " + std::to_string(hashes[i]) +
                                    ") is out of order, unknown or repeated");
      }
      seen_in_band[static_cast<size_t>(it - ids.begin())] = band + 1;
    }
    index.sorted_[band] = n;
  }
  DOCSIFT_RETURN_IF_ERROR(r.finish());
  return index;
}

}  // namespace docsift
