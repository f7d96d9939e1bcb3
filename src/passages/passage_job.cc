#include "passages/passage_job.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <numeric>
#include <unordered_map>

#include "core/mapped_array.h"
#include "core/parallel.h"
#include "core/string_pool.h"
#include "group/near_dup.h"
#include "io/json_writer.h"
#include "io/output_file.h"
#include "io/record_batch.h"
#include "io/record_writer.h"
#include "passages/internal/passage_scan.h"
#include "passages/strip.h"
#include "sketch/minhash.h"

namespace docsift {
namespace {

// One occurrence of a qualifying passage, in input order (24 bytes).
struct Occurrence {
  uint32_t doc;
  uint32_t distinct;  // index of its exact-equal class
  uint32_t marker_begin;
  uint32_t begin;
  uint32_t end;
  bool part;  // a sentence of a block: an anchor for later repeats in its document only
};

struct ClusterInfo {
  uint32_t occurrences = 0;  // whole passages (parts not counted)
  uint32_t parts = 0;
  uint32_t documents = 0;
  uint32_t last_doc = UINT32_MAX;
  uint32_t first_occ = UINT32_MAX;            // canonical: first occurrence in input order
  uint32_t first_other_doc_occ = UINT32_MAX;  // first occurrence in another document
};

// What the first pass learns.
struct PassageIndex {
  StringPool ids;
  std::vector<Occurrence> occurrences;
  std::vector<uint64_t> doc_first_occ;  // occurrences of doc d: [doc_first_occ[d], [d+1])
  MappedArray<uint32_t> signatures;     // num_perm per distinct passage (near search only)
  uint32_t num_distinct = 0;

  size_t memory_bytes(size_t map_size, unsigned num_perm, bool near) const {
    return ids.memory_bytes() + occurrences.size() * sizeof(Occurrence) + doc_first_occ.size() * 8 +
           map_size * 48 + (near ? size_t{num_distinct} * num_perm * 4 : 0);
  }
};

struct ChunkScan {
  std::vector<detail::ScannedPassage> passages;
  std::vector<uint32_t> signatures;
  std::vector<uint32_t> passages_per_doc;
};

std::string mb(size_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB"; }

}  // namespace

Result<PassageSummary> run_passages(const PassagePaths& paths, const PassageOptions& options,
                                    const ProgressCallback& progress) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  if (options.near) {
    if (options.threshold <= 0.0 || options.threshold > 1.0) {
      return Status::InvalidArgument("--threshold must be in (0, 1]");
    }
    DOCSIFT_RETURN_IF_ERROR(
        validate(MinHashOptions{.num_perm = options.num_perm, .seed = options.seed}));
    if (options.ngram == 0) return Status::InvalidArgument("--ngram must be at least 1");
  }
  auto opened_reader = CorpusReader::open(paths.inputs, options.read);
  if (!opened_reader.ok()) return opened_reader.status();
  CorpusReader& reader = *opened_reader.value();
  std::unique_ptr<OutputFile> report, strip;
  if (!paths.report.empty()) {
    auto f = OutputFile::open(paths.report, paths.inputs);
    if (!f.ok()) return f.status();
    report = std::move(f).value();
  }
  if (!paths.strip.empty()) {
    auto f = OutputFile::open(paths.strip, paths.inputs);
    if (!f.ok()) return f.status();
    strip = std::move(f).value();
  }

  const unsigned threads = options.threads == 0 ? hardware_threads() : options.threads;
  const unsigned num_perm = options.num_perm;
  std::vector<std::unique_ptr<detail::PassageScanner>> scanners;
  for (unsigned t = 0; t < threads; ++t) {
    scanners.push_back(std::make_unique<detail::PassageScanner>(options));
  }

  PassageSummary summary;
  PassageIndex index;
  std::unordered_map<Key128, uint32_t, Key128Hash> distinct_of_key;
  std::vector<Record> batch;
  std::vector<ChunkScan> chunks;
  constexpr size_t kChunk = 32;

  // Pass 1: index every qualifying passage.
  while (true) {
    auto got = read_batch(reader, batch, BatchLimits{});
    if (!got.ok()) return got.status();
    const size_t n = *got;
    if (n == 0) break;
    chunks.resize((n + kChunk - 1) / kChunk);
    parallel_for(n, threads, kChunk, [&](size_t b, size_t e, unsigned w) {
      ChunkScan& c = chunks[b / kChunk];
      c.passages.clear();
      c.signatures.clear();
      c.passages_per_doc.clear();
      for (size_t i = b; i < e; ++i) {
        const size_t before = c.passages.size();
        scanners[w]->scan(batch[i].text, c.passages, c.signatures);
        c.passages_per_doc.push_back(static_cast<uint32_t>(c.passages.size() - before));
      }
    });
    size_t i = 0;
    for (const ChunkScan& c : chunks) {
      size_t p = 0;
      for (uint32_t count : c.passages_per_doc) {
        const Record& rec = batch[i++];
        const auto doc = static_cast<uint32_t>(index.ids.size());
        index.ids.add(rec.id);
        index.doc_first_occ.push_back(index.occurrences.size());
        summary.text_bytes += rec.text.size();
        for (uint32_t k = 0; k < count; ++k, ++p) {
          const detail::ScannedPassage& sp = c.passages[p];
          auto [it, inserted] = distinct_of_key.try_emplace(sp.key, index.num_distinct);
          if (inserted) {
            ++index.num_distinct;
            if (options.near) {
              const size_t at = index.signatures.size();
              index.signatures.resize(at + num_perm);
              std::memcpy(index.signatures.data() + at, c.signatures.data() + p * num_perm,
                          num_perm * sizeof(uint32_t));
            }
          }
          index.occurrences.push_back(
              {doc, it->second, sp.marker_begin, sp.begin, sp.end, sp.part});
        }
      }
    }
    const size_t used = index.memory_bytes(distinct_of_key.size(), num_perm, options.near);
    if (options.max_memory != 0 && used > options.max_memory) {
      return Status::ResourceExhausted("the passage index needs more than --max-memory " +
                                       mb(options.max_memory) + " after " +
                                       std::to_string(index.ids.size()) + " documents (" +
                                       std::to_string(index.occurrences.size()) +
                                       " passages); raise --max-memory, add --exact-only for a "
                                       "smaller index, or split the corpus");
    }
    if (progress)
      progress("read", reader.bytes_read(), reader.bytes_total_hint(), index.ids.size());
  }
  index.doc_first_occ.push_back(index.occurrences.size());
  summary.index_bytes = index.memory_bytes(distinct_of_key.size(), num_perm, options.near);
  distinct_of_key = {};
  summary.docs_read = index.ids.size();
  summary.bytes_read = reader.bytes_read();
  summary.docs_skipped = reader.skipped().size();
  summary.passages =
      static_cast<uint64_t>(std::count_if(index.occurrences.begin(), index.occurrences.end(),
                                          [](const Occurrence& o) { return !o.part; }));
  summary.distinct_passages = index.num_distinct;

  // Group distinct passages: exact classes are joined by verified near-duplicate edges.
  std::vector<uint32_t> cluster_of(index.num_distinct);
  std::iota(cluster_of.begin(), cluster_of.end(), 0u);
  if (options.near && index.num_distinct > 1) {
    if (progress)
      progress("group", summary.bytes_read, reader.bytes_total_hint(), summary.docs_read);
    NearDupOptions nd;
    nd.num_perm = num_perm;
    nd.threshold = options.threshold;
    nd.threads = threads;
    nd.keep = KeepRule::kFirst;
    auto grouped = find_near_duplicates_minhash(index.signatures.span(), index.num_distinct, nd);
    if (!grouped.ok()) return grouped.status();
    const Grouping& g = grouped.value();
    cluster_of = g.cluster_of;
    for (uint32_t size : g.cluster_size) summary.near_duplicate_groups += size > 1;
  }
  uint32_t num_clusters = 0;
  for (uint32_t c : cluster_of) num_clusters = std::max(num_clusters, c + 1);
  std::vector<ClusterInfo> clusters(num_clusters);
  for (uint32_t o = 0; o < index.occurrences.size(); ++o) {
    const Occurrence& occ = index.occurrences[o];
    ClusterInfo& c = clusters[cluster_of[occ.distinct]];
    if (occ.part) {
      ++c.parts;
      continue;
    }
    ++c.occurrences;
    if (c.first_occ == UINT32_MAX) c.first_occ = o;
    if (c.last_doc != occ.doc) {
      ++c.documents;
      c.last_doc = occ.doc;
      if (occ.doc != index.occurrences[c.first_occ].doc && c.first_other_doc_occ == UINT32_MAX) {
        c.first_other_doc_occ = o;
      }
    }
  }
  // The most repeated passages (the corpus's boilerplate), for the summary.
  std::vector<uint32_t> top;
  for (uint32_t c = 0; c < num_clusters; ++c) {
    if (clusters[c].occurrences > 1) top.push_back(c);
  }
  const size_t num_top = std::min(top.size(), options.top_repeated);
  std::partial_sort(top.begin(), top.begin() + num_top, top.end(), [&](uint32_t a, uint32_t b) {
    if (clusters[a].occurrences != clusters[b].occurrences) {
      return clusters[a].occurrences > clusters[b].occurrences;
    }
    return clusters[a].first_occ < clusters[b].first_occ;
  });
  top.resize(num_top);
  summary.most_repeated.resize(num_top);
  std::unordered_map<uint32_t, size_t> top_slot;  // first occurrence -> summary slot
  for (size_t k = 0; k < num_top; ++k) {
    top_slot[clusters[top[k]].first_occ] = k;
    summary.most_repeated[k].occurrences = clusters[top[k]].occurrences;
    summary.most_repeated[k].documents = clusters[top[k]].documents;
  }

  // Pass 2: report duplicate occurrences and write the stripped documents.
  DOCSIFT_RETURN_IF_ERROR(reader.rewind());
  const bool keep_first_boilerplate = options.boilerplate == BoilerplateMode::kKeepFirst;
  std::vector<std::pair<uint32_t, uint32_t>> first_in_doc;  // (cluster, occurrence) of this doc
  std::vector<Cut> cuts;
  std::string line, stripped;
  auto similarity = [&](const Occurrence& a, const Occurrence& b) -> double {
    if (a.distinct == b.distinct || !options.near) return 1.0;
    return estimate_jaccard(std::span<const uint32_t>(
                                index.signatures.data() + size_t{a.distinct} * num_perm, num_perm),
                            std::span<const uint32_t>(
                                index.signatures.data() + size_t{b.distinct} * num_perm, num_perm));
  };
  auto report_line = [&](const Occurrence& occ, const char* kind, const Occurrence& of,
                         const ClusterInfo& c, bool removed) {
    ++summary.duplicate_occurrences;
    if (!report) return;
    line.clear();
    std::string dup;
    JsonObject(dup)
        .field("id", index.ids[of.doc])
        .field("start", uint64_t{of.begin})
        .field("end", uint64_t{of.end})
        .close();
    JsonObject(line)
        .field("id", index.ids[occ.doc])
        .field("start", uint64_t{occ.begin})
        .field("end", uint64_t{occ.end})
        .field("kind", kind)
        .raw_field("duplicate_of", dup)
        .field("similarity", similarity(occ, of))
        .field("documents", uint64_t{c.documents})
        .field("removed", removed)
        .close();
    line.push_back('\n');
    report->write(line);
  };

  uint32_t d = 0;
  while (true) {
    auto got = read_batch(reader, batch, BatchLimits{});
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    for (size_t i = 0; i < *got; ++i, ++d) {
      const Record& rec = batch[i];
      if (d >= summary.docs_read || rec.id != index.ids[d]) {
        return Status::IoError("input changed while docsift was reading it (document " +
                               std::to_string(d + 1) + ")");
      }
      first_in_doc.clear();
      cuts.clear();
      const uint64_t doc_end = index.doc_first_occ[d + 1];
      auto anchor_of = [&](uint32_t cid) {
        return std::find_if(first_in_doc.begin(), first_in_doc.end(),
                            [&](const auto& e) { return e.first == cid; });
      };
      for (uint64_t o = index.doc_first_occ[d]; o < doc_end;) {
        const Occurrence& occ = index.occurrences[o];
        // The sentence parts of this block follow it directly.
        uint64_t parts_end = o + 1;
        while (parts_end < doc_end && index.occurrences[parts_end].part) ++parts_end;
        const uint32_t cid = cluster_of[occ.distinct];
        const ClusterInfo& c = clusters[cid];
        if (auto slot = top_slot.find(static_cast<uint32_t>(o)); slot != top_slot.end()) {
          summary.most_repeated[slot->second].text =
              rec.text.substr(occ.begin, occ.end - occ.begin);
        }
        const auto earlier = anchor_of(cid);
        // A block all of whose sentences appeared earlier in the document (a bullet repeating
        // part of the lead paragraph) repeats that stretch of text.
        Occurrence stretch{};
        bool repeats_stretch = false;
        if (earlier == first_in_doc.end() && parts_end > o + 1) {
          repeats_stretch = true;
          stretch = {occ.doc, 0, 0, UINT32_MAX, 0, false};
          for (uint64_t q = o + 1; q < parts_end && repeats_stretch; ++q) {
            const auto a = anchor_of(cluster_of[index.occurrences[q].distinct]);
            if (a == first_in_doc.end()) {
              repeats_stretch = false;
            } else {
              stretch.begin = std::min(stretch.begin, index.occurrences[a->second].begin);
              stretch.end = std::max(stretch.end, index.occurrences[a->second].end);
            }
          }
        }
        bool remove = false;
        if (earlier != first_in_doc.end() || repeats_stretch) {
          // A later repeat inside this document.
          remove = true;
          ++summary.within_duplicates;
          report_line(occ, "within", repeats_stretch ? stretch : index.occurrences[earlier->second],
                      c, remove);
        } else if (c.occurrences >= 2) {
          const bool boilerplate = c.documents >= options.min_docs;
          if (o == c.first_occ) {
            // The corpus's first occurrence: kept unless it is boilerplate removed everywhere.
            if (boilerplate && !keep_first_boilerplate && c.first_other_doc_occ != UINT32_MAX) {
              remove = true;
              ++summary.across_duplicates;
              report_line(occ, "across", index.occurrences[c.first_other_doc_occ], c, remove);
            }
          } else {
            remove = boilerplate;
            ++summary.across_duplicates;
            report_line(occ, "across", index.occurrences[c.first_occ], c, remove);
          }
        }
        if (remove) {
          cuts.push_back({occ.marker_begin, occ.end});
          ++summary.passages_removed;
        }
        // Register this block and its sentences as anchors for later repeats in the document.
        for (uint64_t q = o; q < parts_end; ++q) {
          const uint32_t qc = cluster_of[index.occurrences[q].distinct];
          if (clusters[qc].occurrences + clusters[qc].parts >= 2 &&
              anchor_of(qc) == first_in_doc.end()) {
            first_in_doc.emplace_back(qc, static_cast<uint32_t>(q));
          }
        }
        o = parts_end;
      }
      if (!strip) continue;
      line.clear();
      if (cuts.empty()) {
        append_kept_record(line, rec);
      } else {
        stripped = strip_passages(rec.text, cuts);
        summary.bytes_removed += rec.text.size() - stripped.size();
        ++summary.docs_changed;
        append_record_with_text(line, rec, stripped, options.read.text_field);
      }
      strip->write(line);
    }
    if (progress) progress("write", reader.bytes_read(), reader.bytes_total_hint(), d);
  }
  if (d != summary.docs_read) return Status::IoError("input changed while docsift was reading it");
  if (report) DOCSIFT_RETURN_IF_ERROR(report->commit());
  if (strip) DOCSIFT_RETURN_IF_ERROR(strip->commit());
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

}  // namespace docsift
