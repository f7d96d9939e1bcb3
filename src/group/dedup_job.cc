#include "group/dedup_job.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <unordered_map>

#include "core/parallel.h"
#include "core/string_pool.h"
#include "group/dedup_report.h"
#include "group/doc_grouping.h"
#include "group/internal/doc_features.h"
#include "group/near_dup.h"
#include "io/corpus_reader.h"
#include "io/json_writer.h"
#include "io/output_file.h"
#include "io/record_batch.h"
#include "io/record_writer.h"

namespace docsift {
namespace {

// What pass 1 learns about every document, in input order.
struct CorpusFeatures : DocFeatureTable {
  StringPool ids;
};

// Opened outputs of a run; committed together at the end so a failure leaves nothing behind.
struct Outputs {
  std::unique_ptr<OutputFile> kept;
  std::unique_ptr<DedupReport> report;
  std::unique_ptr<OutputFile> clusters;
  std::string line;

  void write_kept(const Record& rec) {
    if (!kept) return;
    line.clear();
    append_kept_record(line, rec);
    kept->write(line);
  }
};

Result<Outputs> open_outputs(const DedupPaths& paths) {
  Outputs out;
  if (!paths.output.empty()) {
    auto f = OutputFile::open(paths.output, paths.inputs);
    if (!f.ok()) return f.status();
    out.kept = std::move(f).value();
  }
  auto report = DedupReport::open(paths.report, paths.report_format, paths.inputs);
  if (!report.ok()) return report.status();
  out.report = std::move(report).value();
  if (!paths.clusters.empty()) {
    auto f = OutputFile::open(paths.clusters, paths.inputs);
    if (!f.ok()) return f.status();
    out.clusters = std::move(f).value();
  }
  return out;
}

void summarise_clusters(const Grouping& g, const DedupOptions& options, DedupSummary& s) {
  for (uint32_t size : g.cluster_size) {
    if (size > 1) ++s.clusters_with_duplicates;
    s.largest_cluster = std::max<uint64_t>(s.largest_cluster, size);
    if (size > options.large_cluster_warning) ++s.large_clusters;
  }
}

void write_cluster_file(const CorpusFeatures& f, const Grouping& g, OutputFile& out) {
  std::string line;
  for (size_t d = 0; d < g.cluster_of.size(); ++d) {
    line.clear();
    JsonObject(line)
        .field("id", f.ids[d])
        .field("cluster", uint64_t{g.cluster_of[d]})
        .field("cluster_size", uint64_t{g.cluster_size[g.cluster_of[d]]})
        .field("kept", g.kept_of[d] == d)
        .close();
    line.push_back('\n');
    out.write(line);
  }
}

}  // namespace

const char* dedup_method_name(DedupMethod method) {
  switch (method) {
    case DedupMethod::kExact: return "exact";
    case DedupMethod::kMinHash: return "minhash";
    case DedupMethod::kSimHash: return "simhash";
  }
  return "?";
}

Result<DedupSummary> run_dedup(const DedupPaths& paths, const DedupOptions& options,
                               const ProgressCallback& progress) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  DedupSummary summary;
  DOCSIFT_RETURN_IF_ERROR(validate(options));

  auto opened_reader = CorpusReader::open(paths.inputs, options.read);
  if (!opened_reader.ok()) return opened_reader.status();
  CorpusReader& reader = *opened_reader.value();
  auto opened_outputs = open_outputs(paths);
  if (!opened_outputs.ok()) return opened_outputs.status();
  Outputs& out = opened_outputs.value();

  const unsigned threads = options.threads == 0 ? hardware_threads() : options.threads;
  std::vector<std::unique_ptr<detail::DocFeatures>> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.push_back(std::make_unique<detail::DocFeatures>(options));
  }
  summary.simd_path = options.method == DedupMethod::kMinHash ? detail::DocFeatures::simd_path()
                                                              : "scalar";

  // Exact dedup with keep-first decides each document as it is read: stream the output.
  const bool streaming = options.method == DedupMethod::kExact && options.keep == KeepPolicy::kFirst;
  const char* method = dedup_method_name(options.method);
  const unsigned num_perm = options.num_perm;
  const bool keep_sets = options.method == DedupMethod::kMinHash && options.verify == VerifyMode::kExact;

  CorpusFeatures f;
  std::unordered_map<Key128, uint32_t, Key128Hash> cluster_of_key;
  std::vector<uint32_t> first_doc_of_cluster;  // exact streaming: kept document per cluster
  std::vector<Record> batch;
  std::vector<Key128> keys;
  std::vector<std::vector<uint64_t>> batch_sets;

  // Pass 1: features for every document.
  while (true) {
    auto got = read_batch(reader, batch, BatchLimits{});
    if (!got.ok()) return got.status();
    const size_t n = *got;
    if (n == 0) break;
    const size_t base = f.ids.size();
    switch (options.method) {
      case DedupMethod::kExact: keys.resize(n); break;
      case DedupMethod::kMinHash: f.signatures.resize((base + n) * num_perm); break;
      case DedupMethod::kSimHash: f.fingerprints.resize(base + n); break;
    }
    if (keep_sets) batch_sets.resize(n);
    parallel_for(n, threads, 64, [&](size_t b, size_t e, unsigned w) {
      detail::DocFeatures& fx = *workers[w];
      for (size_t i = b; i < e; ++i) {
        const std::string& text = batch[i].text;
        switch (options.method) {
          case DedupMethod::kExact: keys[i] = fx.exact_key(text); break;
          case DedupMethod::kMinHash: {
            std::span<uint32_t> sig(f.signatures.data() + (base + i) * num_perm, num_perm);
            fx.signature(text, sig);
            if (keep_sets) {
              auto set = fx.shingle_set(text);
              batch_sets[i].assign(set.begin(), set.end());
            }
            break;
          }
          case DedupMethod::kSimHash: f.fingerprints[base + i] = fx.fingerprint(text); break;
        }
      }
    });
    for (size_t i = 0; i < n; ++i) {
      const Record& rec = batch[i];
      f.ids.add(rec.id);
      f.lengths.push_back(rec.text.size());
      summary.text_bytes += rec.text.size();
      if (keep_sets) {
        f.shingle_values.insert(f.shingle_values.end(), batch_sets[i].begin(), batch_sets[i].end());
        f.shingle_offsets.push_back(f.shingle_values.size());
      }
      if (options.method != DedupMethod::kExact) continue;
      auto [it, inserted] =
          cluster_of_key.try_emplace(keys[i], static_cast<uint32_t>(first_doc_of_cluster.size()));
      if (inserted) first_doc_of_cluster.push_back(static_cast<uint32_t>(base + i));
      f.exact_cluster.push_back(it->second);
      if (!streaming) continue;
      if (inserted) {
        out.write_kept(rec);
      } else {
        out.report->duplicate(rec.id, f.ids[first_doc_of_cluster[it->second]], it->second, 1.0,
                              method);
        summary.text_bytes_removed += rec.text.size();
      }
    }
    if (progress) progress("read", reader.bytes_read(), reader.bytes_total_hint(), f.ids.size());
  }
  summary.bytes_read = reader.bytes_read();
  summary.docs_read = f.ids.size();
  const std::vector<SkippedRecord> skipped = reader.skipped();
  summary.docs_skipped = skipped.size();
  cluster_of_key = {};

  // Grouping.
  if (progress) progress("group", summary.bytes_read, reader.bytes_total_hint(), summary.docs_read);
  const size_t n = summary.docs_read;
  NearDupStats stats;
  auto grouped = group_documents(f, options, threads, &stats);
  if (!grouped.ok()) return grouped.status();
  const Grouping g = std::move(grouped).value();
  summary.candidate_pairs = stats.candidate_pairs;
  summary.bands = stats.bands;
  summary.rows = stats.rows;
  summarise_clusters(g, options, summary);

  // Pass 2: write what pass 1 could not decide on the fly.
  if (!streaming) {
    DOCSIFT_RETURN_IF_ERROR(reader.rewind());
    size_t d = 0;
    while (true) {
      auto got = read_batch(reader, batch, BatchLimits{});
      if (!got.ok()) return got.status();
      if (*got == 0) break;
      for (size_t i = 0; i < *got; ++i, ++d) {
        // Inputs that changed between passes would break the one-to-one mapping.
        if (d >= n || batch[i].id != f.ids[d]) {
          return Status::IoError("input changed while docsift was reading it (document " +
                                 std::to_string(d + 1) + ")");
        }
        if (g.kept_of[d] == d) {
          out.write_kept(batch[i]);
        } else {
          out.report->duplicate(batch[i].id, f.ids[g.kept_of[d]], g.cluster_of[d],
                                g.similarity[d], method);
          summary.text_bytes_removed += batch[i].text.size();
        }
      }
      if (progress) progress("write", reader.bytes_read(), reader.bytes_total_hint(), d);
    }
    if (d != n) return Status::IoError("input changed while docsift was reading it");
  }
  for (const SkippedRecord& s : skipped) out.report->skipped(s);
  for (size_t d = 0; d < n; ++d) {
    if (g.kept_of[d] == d) ++summary.docs_kept;
  }
  summary.docs_removed = n - summary.docs_kept;
  if (out.clusters) write_cluster_file(f, g, *out.clusters);

  if (out.kept) DOCSIFT_RETURN_IF_ERROR(out.kept->commit());
  DOCSIFT_RETURN_IF_ERROR(out.report->commit());
  if (out.clusters) DOCSIFT_RETURN_IF_ERROR(out.clusters->commit());
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

}  // namespace docsift
