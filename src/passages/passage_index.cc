#include "passages/passage_index.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "core/parallel.h"
#include "group/near_dup.h"
#include "passages/internal/passage_scan.h"
#include "sketch/minhash.h"

namespace docsift {
namespace {

constexpr size_t kChunk = 32;

std::string mb(size_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB"; }

}  // namespace

struct PassageIndex::ChunkScan {
  std::vector<detail::ScannedPassage> passages;
  std::vector<uint32_t> signatures;
  std::vector<uint32_t> passages_per_doc;
};

PassageIndex::PassageIndex(const PassageOptions& options, unsigned threads)
    : options_(options),
      threads_(threads == 0 ? hardware_threads() : threads),
      charge_(options.read.budget, MemoryUse::kPassages) {
  for (unsigned t = 0; t < threads_; ++t) {
    scanners_.push_back(std::make_unique<detail::PassageScanner>(options));
  }
}

PassageIndex::~PassageIndex() = default;

size_t PassageIndex::memory_bytes() const {
  return ids_.memory_bytes() + occurrences_.size() * sizeof(PassageOccurrence) +
         doc_first_occ_.size() * 8 + distinct_of_key_.size() * 48 +
         (options_.near ? size_t{num_distinct_} * options_.num_perm * 4 : 0);
}

Status PassageIndex::charge(std::span<const Record> batch) {
  if (charge_.budget() == nullptr) return Status::Ok();
  // What the index holds once the scanned batch is added, every passage counted as possibly
  // new (a key in the map: a 48-byte node with malloc's header, a bucket, both bucket arrays
  // while rehashing: about 80 bytes; a signature), plus the scans.
  uint64_t passages = 0, scans = 0;
  for (const ChunkScan& c : chunks_) {
    passages += c.passages.size();
    scans += c.passages.capacity() * sizeof(detail::ScannedPassage) +
             c.signatures.capacity() * sizeof(uint32_t) + c.passages_per_doc.capacity() * 4;
  }
  size_t id_bytes = 0;
  for (const Record& r : batch) id_bytes += r.id.size();
  const uint64_t docs = ids_.size() + batch.size();
  const uint64_t distinct = uint64_t{num_distinct_} + passages;
  const uint64_t bytes =
      ids_.memory_bytes_after(batch.size(), id_bytes) +
      vector_growth_bytes(occurrences_.capacity(), occurrences_.size() + passages,
                          sizeof(PassageOccurrence)) +
      vector_growth_bytes(doc_first_occ_.capacity(), docs + 1, sizeof(uint64_t)) +
      uint64_t{80} * distinct + (options_.near ? distinct * options_.num_perm * 4 : 0) + scans;
  return charge_.grow_to(bytes, docs);
}

Status PassageIndex::add(std::span<const Record> batch) {
  const size_t n = batch.size();
  const unsigned num_perm = options_.num_perm;
  chunks_.resize((n + kChunk - 1) / kChunk);
  parallel_for(n, threads_, kChunk, [&](size_t b, size_t e, unsigned w) {
    ChunkScan& c = chunks_[b / kChunk];
    c.passages.clear();
    c.signatures.clear();
    c.passages_per_doc.clear();
    for (size_t i = b; i < e; ++i) {
      const size_t before = c.passages.size();
      scanners_[w]->scan(batch[i].text, c.passages, c.signatures);
      c.passages_per_doc.push_back(static_cast<uint32_t>(c.passages.size() - before));
    }
  });
  DOCSIFT_RETURN_IF_ERROR(charge(batch));
  size_t i = 0;
  for (const ChunkScan& c : chunks_) {
    size_t p = 0;
    for (uint32_t count : c.passages_per_doc) {
      const Record& rec = batch[i++];
      const auto doc = static_cast<uint32_t>(ids_.size());
      ids_.add(rec.id);
      doc_first_occ_.push_back(occurrences_.size());
      text_bytes_ += rec.text.size();
      for (uint32_t k = 0; k < count; ++k, ++p) {
        const detail::ScannedPassage& sp = c.passages[p];
        auto [it, inserted] = distinct_of_key_.try_emplace(sp.key, num_distinct_);
        if (inserted) {
          ++num_distinct_;
          if (options_.near) {
            const size_t at = signatures_.size();
            signatures_.resize(at + num_perm);
            std::memcpy(signatures_.data() + at, c.signatures.data() + p * num_perm,
                        num_perm * sizeof(uint32_t));
          }
        }
        occurrences_.push_back({doc, it->second, sp.marker_begin, sp.begin, sp.end, sp.char_begin,
                                sp.char_end, sp.part, sp.all_sentences_parts});
      }
    }
  }
  const size_t used = memory_bytes();
  if (options_.max_memory != 0 && used > options_.max_memory) {
    return Status::ResourceExhausted(
        "the passage index needs more than --max-memory " + mb(options_.max_memory) + " after " +
        std::to_string(ids_.size()) + " documents (" + std::to_string(occurrences_.size()) +
        " passages); raise --max-memory, add --exact-only for a "
        "smaller index, or split the corpus");
  }
  return Status::Ok();
}

void PassageIndex::use_stored_counts(StoredCountFn stored, bool collect) {
  stored_ = std::move(stored);
  collect_ = collect;
}

Status PassageIndex::finish() {
  doc_first_occ_.push_back(occurrences_.size());
  index_bytes_ = memory_bytes();
  std::vector<Key128> key_of_distinct;
  if (stored_ || collect_) {
    key_of_distinct.resize(num_distinct_);
    for (const auto& [key, d] : distinct_of_key_) key_of_distinct[d] = key;
  }
  distinct_of_key_ = {};
  chunks_ = {};

  // Exact classes are joined by verified near-duplicate edges: the grouping (4 + 24 bytes per
  // distinct passage) and the near search (about 80 bytes each, as for documents,
  // group/doc_grouping.cc) are charged first.
  MemoryCharge grouping(options_.read.budget, MemoryUse::kIndex);
  DOCSIFT_RETURN_IF_ERROR(
      grouping.set(uint64_t{num_distinct_} * (28 + (options_.near ? 104 : 0)), ids_.size()));
  group_of_.resize(num_distinct_);
  std::iota(group_of_.begin(), group_of_.end(), 0u);
  if (options_.near && num_distinct_ > 1) {
    NearDupOptions nd;
    nd.num_perm = options_.num_perm;
    nd.threshold = options_.threshold;
    nd.threads = threads_;
    nd.keep = KeepRule::kFirst;
    auto grouped = find_near_duplicates_minhash(signatures_.span(), num_distinct_, nd);
    if (!grouped.ok()) return grouped.status();
    group_of_ = grouped->cluster_of;
    for (uint32_t size : grouped->cluster_size) near_groups_ += size > 1;
  }
  uint32_t num_groups = 0;
  for (uint32_t g : group_of_) num_groups = std::max(num_groups, g + 1);
  groups_.assign(num_groups, PassageGroup{});
  // Distinct whole passages: a class seen only as a sentence part is no passage of the count.
  std::vector<bool> whole_seen(num_distinct_, false);
  for (uint32_t o = 0; o < occurrences_.size(); ++o) {
    const PassageOccurrence& occ = occurrences_[o];
    PassageGroup& c = groups_[group_of_[occ.distinct]];
    if (occ.part) {
      ++c.parts;
      continue;
    }
    if (!whole_seen[occ.distinct]) {
      whole_seen[occ.distinct] = true;
      ++num_distinct_passages_;
    }
    ++c.occurrences;
    if (c.first_occ == UINT32_MAX) c.first_occ = o;
    if (c.last_doc != occ.doc) {
      ++c.documents;
      c.last_doc = occ.doc;
      if (occ.doc != occurrences_[c.first_occ].doc && c.first_other_doc_occ == UINT32_MAX) {
        c.first_other_doc_occ = o;
      }
    }
  }
  if (stored_) {
    stored_of_group_.assign(num_groups, 0);
    for (uint32_t d = 0; d < num_distinct_; ++d) {
      if (!whole_seen[d]) continue;  // stored counts are of whole passages
      uint32_t& g = stored_of_group_[group_of_[d]];
      g = std::max(g, stored_(key_of_distinct[d]));
    }
  }
  if (collect_) {
    // Documents per exact class (whole passages), for the stored index's next batch.
    std::vector<uint32_t> docs(num_distinct_, 0), last(num_distinct_, UINT32_MAX);
    for (const PassageOccurrence& occ : occurrences_) {
      if (occ.part || last[occ.distinct] == occ.doc) continue;
      last[occ.distinct] = occ.doc;
      ++docs[occ.distinct];
    }
    batch_counts_.clear();
    for (uint32_t d = 0; d < num_distinct_; ++d) {
      if (docs[d] > 0) batch_counts_.emplace_back(key_of_distinct[d], docs[d]);
    }
  }
  // The most repeated passages (the corpus's boilerplate), for the summary.
  std::vector<uint32_t> top;
  for (uint32_t c = 0; c < num_groups; ++c) {
    if (groups_[c].occurrences > 1) top.push_back(c);
  }
  const size_t num_top = std::min(top.size(), options_.top_repeated);
  std::partial_sort(top.begin(), top.begin() + num_top, top.end(), [&](uint32_t a, uint32_t b) {
    if (groups_[a].occurrences != groups_[b].occurrences) {
      return groups_[a].occurrences > groups_[b].occurrences;
    }
    return groups_[a].first_occ < groups_[b].first_occ;
  });
  top_.resize(num_top);
  for (size_t k = 0; k < num_top; ++k) {
    top_slot_[groups_[top[k]].first_occ] = static_cast<int>(k);
    top_[k].occurrences = groups_[top[k]].occurrences;
    top_[k].documents = groups_[top[k]].documents;
  }
  return Status::Ok();
}

double PassageIndex::similarity(const PassageOccurrence& a, const PassageOccurrence& b) const {
  if (a.distinct == b.distinct || !options_.near) return 1.0;
  const unsigned num_perm = options_.num_perm;
  return estimate_jaccard(
      std::span<const uint32_t>(signatures_.data() + size_t{a.distinct} * num_perm, num_perm),
      std::span<const uint32_t>(signatures_.data() + size_t{b.distinct} * num_perm, num_perm));
}

uint64_t PassageIndex::num_passages() const {
  return static_cast<uint64_t>(std::count_if(occurrences_.begin(), occurrences_.end(),
                                             [](const PassageOccurrence& o) { return !o.part; }));
}

int PassageIndex::top_slot(uint64_t o) const {
  const auto it = top_slot_.find(static_cast<uint32_t>(o));
  return it == top_slot_.end() ? -1 : it->second;
}

}  // namespace docsift
