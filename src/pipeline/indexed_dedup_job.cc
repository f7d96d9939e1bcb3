#include "pipeline/indexed_dedup_job.h"

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "group/dedup_report.h"
#include "index/lsh_params.h"
#include "io/record_writer.h"
#include "pipeline/internal/document_dedup.h"
#include "pipeline/output_set.h"
#include "store/stored_index.h"

namespace docsift {
namespace {

using Clock = std::chrono::steady_clock;

Result<LshParams> lsh_params_of(const DedupOptions& o) {
  return resolve_lsh_params(
      o.num_perm, o.threshold, o.num_bands, o.rows_per_band,
      LshWeights{.false_positive = o.fp_weight, .false_negative = o.fn_weight});
}

Result<StoredIndexLayout> layout_of(const DedupOptions& o) {
  StoredIndexLayout l;
  switch (o.method) {
    case DedupMethod::kExact:
      l.kind = StoredKind::kExact;
      break;
    case DedupMethod::kMinHash: {
      auto p = lsh_params_of(o);
      if (!p.ok()) return p.status();
      l.kind = StoredKind::kMinHash;
      l.num_perm = o.num_perm;
      l.num_bands = p->num_bands;
      l.rows_per_band = p->rows_per_band;
      break;
    }
    case DedupMethod::kSimHash:
      l.kind = StoredKind::kSimHash;
      l.max_hamming = o.max_hamming;
      break;
  }
  return l;
}

Status check_supported(const IndexedDedupPaths& paths, const DedupOptions& o) {
  if (o.keep == KeepPolicy::kLongest) {
    return Status::InvalidArgument(
        "--keep longest cannot be used with --index: a later batch never undoes an earlier keep, "
        "so only keep-first is consistent across batches");
  }
  if (o.method == DedupMethod::kMinHash && o.verify == VerifyMode::kExact) {
    return Status::InvalidArgument(
        "--verify exact cannot be used with --index (the index stores signatures, not shingle "
        "sets); use --verify estimate");
  }
  if (!paths.dedup.clusters.empty()) {
    return Status::InvalidArgument("--clusters cannot be used with --index");
  }
  if (!paths.dedup.work_dir.empty()) {
    return Status::InvalidArgument("--work-dir cannot be used with --index");
  }
  if (paths.index_dir.empty()) return Status::InvalidArgument("--index needs a directory");
  return Status::Ok();
}

// The documents of `table` that `take` selects, copied into their own table (--update still
// needs the batch's features after grouping).
DocFeatureTable subset(const DocFeatureTable& t, const std::vector<uint32_t>& take,
                       unsigned num_perm) {
  DocFeatureTable s;
  for (uint32_t d : take) {
    s.lengths.push_back(t.lengths[d]);
    if (!t.exact_cluster.empty()) s.exact_cluster.push_back(t.exact_cluster[d]);
    if (!t.fingerprints.empty()) s.fingerprints.push_back(t.fingerprints[d]);
  }
  if (!t.signatures.empty()) {
    s.signatures.resize(take.size() * size_t{num_perm});
    for (size_t i = 0; i < take.size(); ++i) {
      std::copy_n(t.signatures.data() + size_t{take[i]} * num_perm, num_perm,
                  s.signatures.data() + i * num_perm);
    }
  }
  return s;
}

// The same, in `t`'s own storage without a copy: rows move up in place (take is increasing, so
// take[i] >= i).
DocFeatureTable compact(DocFeatureTable t, const std::vector<uint32_t>& take, unsigned num_perm) {
  for (size_t i = 0; i < take.size(); ++i) {
    const size_t d = take[i];
    t.lengths[i] = t.lengths[d];
    if (!t.exact_cluster.empty()) t.exact_cluster[i] = t.exact_cluster[d];
    if (!t.fingerprints.empty()) t.fingerprints[i] = t.fingerprints[d];
    if (!t.signatures.empty() && i != d) {
      std::copy_n(t.signatures.data() + d * num_perm, num_perm, t.signatures.data() + i * num_perm);
    }
  }
  t.lengths.resize(take.size());
  if (!t.exact_cluster.empty()) t.exact_cluster.resize(take.size());
  if (!t.fingerprints.empty()) t.fingerprints.resize(take.size());
  if (!t.signatures.empty()) t.signatures.resize(take.size() * size_t{num_perm});
  return t;
}

}  // namespace

Result<OptionsText> stored_index_options_text(const DedupOptions& o) {
  auto layout = layout_of(o);
  if (!layout.ok()) return layout.status();
  OptionsText t;
  t.add("store", "docsift dedup index")
      .add("method", dedup_method_name(o.method))
      .add("fold_digits", uint64_t{o.normalize.fold_digits});
  if (o.method == DedupMethod::kExact) return t;
  t.add("unit", static_cast<uint64_t>(o.unit)).add("ngram", uint64_t{o.ngram}).add("seed", o.seed);
  if (o.method == DedupMethod::kMinHash) {
    t.add("sketch", static_cast<uint64_t>(o.sketch))
        .add("num_perm", uint64_t{o.num_perm})
        .add("num_bands", uint64_t{layout->num_bands})
        .add("rows_per_band", uint64_t{layout->rows_per_band})
        .add("band_key", "xxh3-64 per-band seed");
  } else {
    t.add("max_hamming", uint64_t{o.max_hamming});
  }
  return t;
}

Result<IndexedDedupSummary> run_indexed_dedup(const IndexedDedupPaths& paths,
                                              const DedupOptions& options_in,
                                              const ProgressCallback& progress) {
  const auto start = Clock::now();
  DOCSIFT_RETURN_IF_ERROR(validate(options_in));
  DOCSIFT_RETURN_IF_ERROR(check_supported(paths, options_in));
  const DedupPaths& dp = paths.dedup;
  DOCSIFT_RETURN_IF_ERROR(OutputSet::check_distinct({dp.output, dp.report}));
  auto layout = layout_of(options_in);
  if (!layout.ok()) return layout.status();
  auto made_with = stored_index_options_text(options_in);
  if (!made_with.ok()) return made_with.status();
  // The within-batch grouping uses the index's bands and rows, resolved once.
  DedupOptions options = options_in;
  options.num_bands = layout->num_bands;
  options.rows_per_band = layout->rows_per_band;

  // The index first: a refused index (options, second writer, absent) costs no reading.
  auto opened_index = paths.update ? StoredIndex::open_writer(paths.index_dir, *layout, *made_with)
                                   : StoredIndex::open(paths.index_dir, &*made_with);
  if (!opened_index.ok()) return opened_index.status();
  StoredIndex& index = *opened_index.value();
  IndexedDedupSummary result;
  result.index_docs_before = index.num_docs();

  auto opened = CorpusPass::open(dp.inputs, options.read, options.threads, progress);
  if (!opened.ok()) return opened.status();
  CorpusPass& pass = *opened.value();
  OutputSet outputs(dp.inputs);
  auto kept_file = outputs.add(dp.output);
  if (!kept_file.ok()) return kept_file.status();
  auto report_file = outputs.add(dp.report);
  if (!report_file.ok()) return report_file.status();
  DedupReport report(*report_file, dp.report_format);

  DedupSummary& summary = result.dedup;
  FeatureScan scan(options, pass.threads());
  summary.simd_path = scan.simd_path();
  DocFeatureTable table;
  DOCSIFT_RETURN_IF_ERROR(detail::read_features(pass, scan, table, summary));
  const size_t n = pass.docs();
  const unsigned k = options.num_perm;

  // Step 2: every document against the index.
  pass.progress("lookup");
  const auto lookup_start = Clock::now();
  std::vector<std::optional<StoredMatch>> match(n);
  const double min_similarity = verification_threshold(options);
  pass.parallel(n, 256, [&](size_t b, size_t e, unsigned) {
    for (size_t d = b; d < e; ++d) {
      switch (options.method) {
        case DedupMethod::kExact:
          match[d] = index.find_exact(scan.key_of_cluster(table.exact_cluster[d]));
          break;
        case DedupMethod::kMinHash:
          match[d] = index.find_minhash(
              std::span<const uint32_t>(table.signatures.data() + d * k, k), min_similarity);
          break;
        case DedupMethod::kSimHash:
          match[d] = index.find_simhash(table.fingerprints[d]);
          break;
      }
    }
  });
  result.lookup_seconds = std::chrono::duration<double>(Clock::now() - lookup_start).count();

  // Step 3: the documents the index did not match, grouped among themselves.
  std::vector<uint32_t> rest;
  for (size_t d = 0; d < n; ++d) {
    if (!match[d]) rest.push_back(static_cast<uint32_t>(d));
  }
  result.removed_by_index = n - rest.size();
  // group_features adopts the signatures it groups; only the index update reads `table` again,
  // so without --update the unmatched rows are grouped in the batch's own table, not a copy.
  DocFeatureTable rest_table =
      paths.update ? subset(table, rest, k) : compact(std::move(table), rest, k);
  auto grouped = detail::group_features(pass, rest_table, options, nullptr, summary);
  if (!grouped.ok()) return grouped.status();
  const Grouping& g = grouped.value();
  // kept_of in document numbers of the batch; UINT32_MAX for an index match.
  std::vector<uint32_t> kept_of(n, UINT32_MAX);
  std::vector<float> similarity(n, 1.0f);
  std::vector<uint32_t> cluster(n, 0);
  for (size_t i = 0; i < rest.size(); ++i) {
    kept_of[rest[i]] = rest[g.kept_of[i]];
    similarity[rest[i]] = g.similarity[i];
    cluster[rest[i]] = g.cluster_of[i];
  }
  summary.docs_kept = 0;
  for (size_t d = 0; d < n; ++d) summary.docs_kept += kept_of[d] == d;
  summary.docs_removed = summary.docs_read - summary.docs_kept;

  // Step 4: write, commit, then add the kept documents to the index.
  const char* method = dedup_method_name(options.method);
  std::string line;
  DOCSIFT_RETURN_IF_ERROR(pass.reread("write", [&](std::span<Record> batch, size_t first) {
    for (size_t i = 0, d = first; i < batch.size(); ++i, ++d) {
      if (match[d]) {
        report.indexed_duplicate(batch[i].id, index.id(match[d]->doc), match[d]->similarity,
                                 method);
        summary.text_bytes_removed += batch[i].text.size();
      } else if (kept_of[d] != d) {
        report.duplicate(batch[i].id, pass.ids()[kept_of[d]], cluster[d], similarity[d], method);
        summary.text_bytes_removed += batch[i].text.size();
      } else if (*kept_file) {
        line.clear();
        append_kept_record(line, batch[i]);
        (*kept_file)->write(line);
      }
    }
    return Status::Ok();
  }));
  for (const SkippedRecord& s : pass.skipped()) report.skipped(s);
  DOCSIFT_RETURN_IF_ERROR(outputs.commit());

  if (paths.update) {
    pass.progress("update");
    SegmentData data;
    std::vector<uint32_t> kept_signatures;
    for (size_t d = 0; d < n; ++d) {
      if (kept_of[d] != d) continue;
      data.ids.emplace_back(pass.ids()[d]);
      if (options.method == DedupMethod::kExact) {
        data.exact_keys.push_back(scan.key_of_cluster(table.exact_cluster[d]));
      } else if (options.method == DedupMethod::kMinHash) {
        kept_signatures.insert(kept_signatures.end(), table.signatures.data() + d * k,
                               table.signatures.data() + (d + 1) * k);
      } else {
        data.fingerprints.push_back(table.fingerprints[d]);
      }
    }
    data.signatures = kept_signatures;
    Status added = index.add_batch(data);
    if (!added.ok()) {
      return Status::IoError(added.message() + " (the outputs were written; the index " +
                             paths.index_dir + " is as before this run)");
    }
  }
  result.index_docs_after = index.num_docs();
  result.index_segments = index.info().num_segments;
  result.index_bytes = index.info().bytes_on_disk;
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace docsift
