#include "pipeline/internal/document_dedup.h"

#include <algorithm>
#include <cstdio>

#include "pipeline/artifacts/duplicate_grouping.h"

namespace docsift::detail {

Status read_features(CorpusPass& pass, FeatureScan& scan, DocFeatureTable& table,
                     DedupSummary& summary, const CorpusPass::BatchFn& each) {
  DOCSIFT_RETURN_IF_ERROR(pass.read("read", [&](std::span<Record> batch, size_t first) {
    DOCSIFT_RETURN_IF_ERROR(scan.charge(batch, table));
    scan.add(batch, table, first);
    for (const Record& rec : batch) summary.text_bytes += rec.text.size();
    return each ? each(batch, first) : Status::Ok();
  }));
  scan.release_keys();
  summary.bytes_read = pass.bytes_read();
  summary.docs_read = pass.docs();
  summary.docs_skipped = pass.skipped().size();
  return Status::Ok();
}

Result<Grouping> group_features(CorpusPass& pass, const DocFeatureTable& table,
                                const DedupOptions& options, DedupSummary& summary) {
  pass.progress("group");
  NearDupStats stats;
  auto grouped = group_documents(table, options, pass.threads(), &stats);
  if (!grouped.ok()) return grouped.status();
  summary.candidate_pairs = stats.candidate_pairs;
  summary.num_bands = stats.num_bands;
  summary.rows_per_band = stats.rows_per_band;
  count_groups(grouped.value(), options, summary);
  return grouped;
}

void count_groups(const Grouping& g, const DedupOptions& options, DedupSummary& summary) {
  for (uint32_t size : g.cluster_size) {
    if (size > 1) ++summary.duplicate_groups;
    summary.largest_group = std::max<uint64_t>(summary.largest_group, size);
    if (size > options.large_group_warning) ++summary.large_groups;
  }
  for (size_t d = 0; d < g.kept_of.size(); ++d) summary.docs_kept += g.kept_of[d] == d;
  summary.docs_removed = summary.docs_read - summary.docs_kept;
}

OptionsText grouping_options_text(const DedupOptions& o) {
  auto real = [](double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", x);
    return std::string(buf);
  };
  OptionsText t;
  t.add("stage", "duplicate grouping")
      .add("method", dedup_method_name(o.method))
      .add("id_field", o.read.id_field)
      .add("text_field", o.read.text_field)
      .add("format", static_cast<uint64_t>(o.read.format))
      .add("on_error", static_cast<uint64_t>(o.read.on_error))
      .add("max_doc_bytes", uint64_t{o.read.max_doc_bytes})
      .add("fold_digits", uint64_t{o.normalize.fold_digits})
      .add("keep", static_cast<uint64_t>(o.keep))
      .add("seed", o.seed)
      .add("threshold", real(o.threshold))
      .add("ngram", uint64_t{o.ngram})
      .add("unit", static_cast<uint64_t>(o.unit))
      .add("num_perm", uint64_t{o.num_perm})
      .add("num_bands", uint64_t{o.num_bands})
      .add("rows_per_band", uint64_t{o.rows_per_band})
      .add("fp_weight", real(o.fp_weight))
      .add("fn_weight", real(o.fn_weight))
      .add("sketch", static_cast<uint64_t>(o.sketch))
      .add("verify", static_cast<uint64_t>(o.verify))
      .add("estimate_slack_se", real(o.estimate_slack_se))
      .add("max_hamming", uint64_t{o.max_hamming});
  return t;
}

Result<Grouping> grouping_stage(CorpusPass& pass, FeatureScan& scan, DocFeatureTable& table,
                                const DedupOptions& options, WorkDir* work, DedupSummary& summary,
                                bool& resumed, const CorpusPass::BatchFn& each) {
  const OptionsText made_with = grouping_options_text(options);
  resumed = work != nullptr && work->has("group");
  if (resumed) {
    auto loaded = load_duplicate_grouping(work->path("group"), &made_with);
    if (!loaded.ok()) return loaded.status();
    // One plain read: the ids (reports name kept documents that may come later), lengths and
    // counters, without features.
    DOCSIFT_RETURN_IF_ERROR(pass.read("read", [&](std::span<Record> batch, size_t) {
      for (const Record& rec : batch) {
        summary.text_bytes += rec.text.size();
        table.lengths.push_back(rec.text.size());
      }
      return Status::Ok();
    }));
    summary.bytes_read = pass.bytes_read();
    summary.docs_read = pass.docs();
    summary.docs_skipped = pass.skipped().size();
    if (loaded->kept_of.size() != pass.docs()) {
      return Status::InvalidInput(work->path("group") + " holds " +
                                  std::to_string(loaded->kept_of.size()) +
                                  " documents, the inputs " + std::to_string(pass.docs()));
    }
    for (const auto& [key, value] : work->counters("group")) {
      if (key == "candidate_pairs") summary.candidate_pairs = value;
      if (key == "num_bands") summary.num_bands = static_cast<unsigned>(value);
      if (key == "rows_per_band") summary.rows_per_band = static_cast<unsigned>(value);
    }
    count_groups(loaded.value(), options, summary);
    return loaded;
  }
  DOCSIFT_RETURN_IF_ERROR(read_features(pass, scan, table, summary, each));
  auto grouped = group_features(pass, table, options, summary);
  if (!grouped.ok() || work == nullptr) return grouped;
  DOCSIFT_RETURN_IF_ERROR(save_duplicate_grouping(grouped.value(), made_with, work->path("group")));
  DOCSIFT_RETURN_IF_ERROR(work->complete("group", {{"candidate_pairs", summary.candidate_pairs},
                                                   {"num_bands", summary.num_bands},
                                                   {"rows_per_band", summary.rows_per_band}}));
  return grouped;
}

}  // namespace docsift::detail
