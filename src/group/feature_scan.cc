#include "group/feature_scan.h"

#include "core/parallel.h"
#include "group/internal/doc_features.h"

namespace docsift {

FeatureScan::FeatureScan(const DedupOptions& options, unsigned threads)
    : options_(options), threads_(threads == 0 ? hardware_threads() : threads) {
  for (unsigned t = 0; t < threads_; ++t) {
    workers_.push_back(std::make_unique<detail::DocFeatures>(options));
  }
}

FeatureScan::~FeatureScan() = default;

const char* FeatureScan::simd_path() const {
  return options_.method == DedupMethod::kMinHash ? detail::DocFeatures::simd_path() : "portable";
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
