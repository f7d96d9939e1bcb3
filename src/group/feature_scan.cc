#include "group/feature_scan.h"

#include "core/parallel.h"
#include "group/internal/doc_features.h"

namespace docsift {

FeatureScan::FeatureScan(const DedupOptions& options, unsigned threads)
    : options_(options),
      threads_(threads == 0 ? hardware_threads() : threads),
      charge_(options.read.budget, MemoryUse::kFeatures) {
  for (unsigned t = 0; t < threads_; ++t) {
    workers_.push_back(std::make_unique<detail::DocFeatures>(options));
  }
}

FeatureScan::~FeatureScan() = default;

const char* FeatureScan::simd_path() const {
  return options_.method == DedupMethod::kMinHash ? detail::DocFeatures::simd_path() : "portable";
}

Status FeatureScan::charge(std::span<const Record> batch, const DocFeatureTable& f) {
  if (charge_.budget() == nullptr) return Status::Ok();
  const size_t n = batch.size();
  const size_t docs = f.size() + n;
  uint64_t bytes = vector_growth_bytes(f.lengths.capacity(), docs, sizeof(uint64_t));
  switch (options_.method) {
    case DedupMethod::kExact:
      // Every document may have a new key: a hash-map node (key, id, next, hash: about 40
      // bytes) and a bucket (8, twice while rehashing), the first document of its cluster (4).
      bytes += vector_growth_bytes(f.exact_cluster.capacity(), docs, sizeof(uint32_t));
      bytes += vector_growth_bytes(first_doc_of_cluster_.capacity(), docs, sizeof(uint32_t));
      bytes += uint64_t{56} * docs + n * sizeof(Key128);
      break;
    case DedupMethod::kMinHash:
      // Anonymous pages grown in place (core/mapped_array.h): no copy while growing.
      bytes += uint64_t{options_.num_perm} * sizeof(uint32_t) * docs;
      if (options_.verify == VerifyMode::kExact) {
        // At most one shingle per text byte, 8 bytes each, held per batch and in the table.
        uint64_t text = 0;
        for (const Record& r : batch) text += r.text.size();
        bytes += vector_growth_bytes(f.shingle_values.capacity(),
                                     f.shingle_values.size() + text / 2, sizeof(uint64_t)) +
                 4 * text + vector_growth_bytes(f.shingle_offsets.capacity(), docs + 1, 8);
      }
      break;
    case DedupMethod::kSimHash:
      bytes += vector_growth_bytes(f.fingerprints.capacity(), docs, sizeof(uint64_t));
      break;
  }
  return charge_.grow_to(bytes, docs);
}

void FeatureScan::add(std::span<const Record> batch, DocFeatureTable& f, size_t base) {
  const size_t n = batch.size();
  const unsigned num_perm = options_.num_perm;
  const bool keep_sets =
      options_.method == DedupMethod::kMinHash && options_.verify == VerifyMode::kExact;
  switch (options_.method) {
    case DedupMethod::kExact:
      keys_.resize(n);
      break;
    case DedupMethod::kMinHash:
      f.signatures.resize((base + n) * num_perm);
      break;
    case DedupMethod::kSimHash:
      f.fingerprints.resize(base + n);
      break;
  }
  if (keep_sets) sets_.resize(n);
  parallel_for(n, threads_, 64, [&](size_t b, size_t e, unsigned w) {
    detail::DocFeatures& fx = *workers_[w];
    for (size_t i = b; i < e; ++i) {
      const std::string& text = batch[i].text;
      if (detail::is_large_doc(text, options_)) continue;  // add_large_docs below
      switch (options_.method) {
        case DedupMethod::kExact:
          keys_[i] = fx.exact_key(text);
          break;
        case DedupMethod::kMinHash: {
          std::span<uint32_t> sig(f.signatures.data() + (base + i) * num_perm, num_perm);
          fx.signature(text, sig);
          if (keep_sets) {
            auto set = fx.shingle_set(text);
            sets_[i].assign(set.begin(), set.end());
          }
          break;
        }
        case DedupMethod::kSimHash:
          f.fingerprints[base + i] = fx.fingerprint(text);
          break;
      }
    }
  });
  add_large_docs(batch, f, base);
  for (size_t i = 0; i < n; ++i) {
    f.lengths.push_back(batch[i].text.size());
    if (keep_sets) {
      f.shingle_values.insert(f.shingle_values.end(), sets_[i].begin(), sets_[i].end());
      f.shingle_offsets.push_back(f.shingle_values.size());
    }
    if (options_.method != DedupMethod::kExact) continue;
    auto [it, inserted] =
        cluster_of_key_.try_emplace(keys_[i], static_cast<uint32_t>(first_doc_of_cluster_.size()));
    if (inserted) {
      first_doc_of_cluster_.push_back(static_cast<uint32_t>(base + i));
      key_of_cluster_.push_back(keys_[i]);
    }
    f.exact_cluster.push_back(it->second);
  }
}

// A large document would keep one worker busy while the others wait at the end of the batch:
// each is featured by the whole pool instead (pieces and shingle ranges split across it, see
// group/internal/doc_features.h), with a result identical to the one-worker path.
void FeatureScan::add_large_docs(std::span<const Record> batch, DocFeatureTable& f, size_t base) {
  const unsigned num_perm = options_.num_perm;
  for (size_t i = 0; i < batch.size(); ++i) {
    const std::string& text = batch[i].text;
    if (!detail::is_large_doc(text, options_)) continue;
    if (options_.method == DedupMethod::kMinHash) {
      std::span<uint32_t> sig(f.signatures.data() + (base + i) * num_perm, num_perm);
      detail::large_doc_feature(text, workers_, threads_, sig, nullptr);
      if (options_.verify == VerifyMode::kExact) {
        auto set = workers_[0]->shingle_set(text);
        sets_[i].assign(set.begin(), set.end());
      }
    } else {
      detail::large_doc_feature(text, workers_, threads_, {}, &f.fingerprints[base + i]);
    }
  }
}

}  // namespace docsift
