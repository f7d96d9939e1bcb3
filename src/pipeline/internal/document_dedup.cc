#include "pipeline/internal/document_dedup.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "group/verify.h"
#include "index/lsh_index.h"
#include "index/simhash_index.h"
#include "pipeline/artifacts/duplicate_grouping.h"
#include "pipeline/artifacts/edge_list.h"
#include "pipeline/artifacts/signature_table.h"

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

namespace {

// Candidate pairs (sorted, unique) as a candidate EdgeList, less pairs `drop` refuses.
template <typename Pair, typename Drop>
Result<EdgeList> candidate_edges(std::vector<Pair> pairs, const OptionsText& options, Drop drop) {
  std::vector<Edge> edges;
  edges.reserve(pairs.size());
  for (const Pair& p : pairs) {
    const auto a = static_cast<uint32_t>(p.a), b = static_cast<uint32_t>(p.b);
    if (!drop(a, b)) edges.push_back({a, b, 0.0f});
  }
  pairs = {};
  return EdgeList::from_sorted(options, std::move(edges));
}

OptionsText edges_options_text(const OptionsText& signatures, const char* kind, double threshold) {
  OptionsText t = signatures;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", threshold);
  return t.add("edges", kind).add("verify_threshold", buf);
}

Status save_stage(WorkDir* work, const char* stage, const auto& artifact,
                  WorkDir::Counters counters = {}) {
  if (work == nullptr) return Status::Ok();
  DOCSIFT_RETURN_IF_ERROR(artifact.save(work->path(stage)));
  return work->complete(stage, std::move(counters));
}

// minhash: SignatureTable -> LshIndex -> candidate EdgeList -> verified EdgeList -> Grouping.
// `verified` holds the edges of an earlier run when resumed (then LSH and verification are
// skipped).
Result<Grouping> group_signatures(CorpusPass& pass, const SignatureTable& signatures,
                                  const DocFeatureTable& table, const DedupOptions& options,
                                  WorkDir* work, DedupSummary& summary,
                                  std::optional<EdgeList> verified) {
  const NearDupOptions nd = near_dup_options(table, options, pass.threads());
  const std::span<const uint32_t> values = signatures.values();
  const size_t n = signatures.size();
  auto index_options = minhash_index_options(values, n, nd);
  if (!index_options.ok()) return index_options.status();
  summary.num_bands = index_options->params.num_bands;
  summary.rows_per_band = index_options->params.rows_per_band;
  if (!verified) {
    pass.progress("group");
    // The index lives only until its candidate pairs are out.
    auto candidates = [&]() -> Result<EdgeList> {
      auto index = LshIndex::create(*index_options, signatures.options());
      if (!index.ok()) return index.status();
      DOCSIFT_RETURN_IF_ERROR(index->add(values, signatures.ids()));
      return candidate_edges(
          index->candidate_pairs(), edges_options_text(signatures.options(), "candidates", 0),
          [&](uint32_t a, uint32_t b) {
            return !nd.group_empty && (is_empty_signature(values, nd.num_perm, a) ||
                                       is_empty_signature(values, nd.num_perm, b));
          });
    }();
    if (!candidates.ok()) return candidates.status();
    summary.candidate_pairs = candidates->size();
    DOCSIFT_RETURN_IF_ERROR(save_stage(work, "candidates", *candidates));
    auto edges =
        EdgeList::from_sorted(edges_options_text(signatures.options(), "verified", nd.threshold),
                              verify_minhash_candidates(values, candidates->edges(), nd));
    if (!edges.ok()) return edges.status();
    verified = std::move(edges).value();
    *candidates = EdgeList(OptionsText{});  // saved if asked; not needed by the grouping
    DOCSIFT_RETURN_IF_ERROR(
        save_stage(work, "edges", *verified, {{"candidate_pairs", summary.candidate_pairs}}));
  }
  return group_minhash_edges(values, n, verified->edges(), nd);
}

// simhash: fingerprints -> SimHash index -> candidate EdgeList -> verified EdgeList -> Grouping.
Result<Grouping> group_fingerprints(CorpusPass& pass, const DocFeatureTable& table,
                                    const DedupOptions& options, WorkDir* work,
                                    DedupSummary& summary) {
  if (table.size() > UINT32_MAX) return Status::InvalidArgument("more than 2^32 - 1 documents");
  pass.progress("group");
  const unsigned threads = pass.threads();
  OptionsText made_with = grouping_options_text(options);
  SimHashIndexOptions index_options;
  index_options.max_hamming = options.max_hamming;
  index_options.threads = threads;
  auto candidates = candidate_edges(simhash_pairs(table.fingerprints, index_options),
                                    edges_options_text(made_with, "candidates", 0),
                                    [](uint32_t, uint32_t) { return false; });
  if (!candidates.ok()) return candidates.status();
  summary.candidate_pairs = candidates->size();
  DOCSIFT_RETURN_IF_ERROR(save_stage(work, "candidates", *candidates));
  auto verified = EdgeList::from_sorted(
      edges_options_text(made_with, "verified", options.max_hamming),
      verify_simhash(candidates->edges(), table.fingerprints, options.max_hamming, threads));
  if (!verified.ok()) return verified.status();
  *candidates = EdgeList(OptionsText{});  // saved if asked; not needed by the grouping
  DOCSIFT_RETURN_IF_ERROR(
      save_stage(work, "edges", *verified, {{"candidate_pairs", summary.candidate_pairs}}));
  return group_simhash_edges(table.fingerprints, verified->edges(), options.max_hamming,
                             keep_rule(options.keep), table.lengths);
}

// One plain read of the inputs: ids, lengths and counters, without features (a resumed stage
// holds what the features would give).
Status read_plain(CorpusPass& pass, DocFeatureTable& table, DedupSummary& summary) {
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
  return Status::Ok();
}

Status check_docs(const std::string& path, size_t stored, size_t docs) {
  if (stored == docs) return Status::Ok();
  return Status::InvalidInput(path + " holds " + std::to_string(stored) +
                              " documents, the inputs " + std::to_string(docs));
}

}  // namespace

Result<Grouping> group_features(CorpusPass& pass, DocFeatureTable& table,
                                const DedupOptions& options, WorkDir* work, DedupSummary& summary) {
  Result<Grouping> grouped = Status::InvalidArgument("unknown dedup method");
  switch (options.method) {
    case DedupMethod::kExact: {
      pass.progress("group");
      grouped = group_documents(table, options, pass.threads());
      break;
    }
    case DedupMethod::kMinHash: {
      auto signatures = SignatureTable::adopt(options.num_perm, signature_options_text(options), 0,
                                              std::move(table.signatures));
      if (!signatures.ok()) return signatures.status();
      // Resuming from signatures needs nothing else of the features (not so for exact
      // verification, which needs the shingle sets): saved only then.
      if (options.verify == VerifyMode::kEstimate) {
        DOCSIFT_RETURN_IF_ERROR(save_stage(work, "signatures", *signatures));
      }
      grouped = group_signatures(pass, *signatures, table, options, work, summary, std::nullopt);
      break;
    }
    case DedupMethod::kSimHash:
      grouped = group_fingerprints(pass, table, options, work, summary);
      break;
  }
  if (!grouped.ok()) return grouped;
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
  t.add("stage", "duplicate grouping").add("method", dedup_method_name(o.method));
  add_read_options(t, o.read)
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

OptionsText signature_options_text(const DedupOptions& o) {
  OptionsText t;
  t.add("stage", "minhash signatures");
  add_read_options(t, o.read)
      .add("fold_digits", uint64_t{o.normalize.fold_digits})
      .add("seed", o.seed)
      .add("ngram", uint64_t{o.ngram})
      .add("unit", static_cast<uint64_t>(o.unit))
      .add("num_perm", uint64_t{o.num_perm})
      .add("sketch", static_cast<uint64_t>(o.sketch));
  return t;
}

Result<Grouping> grouping_stage(CorpusPass& pass, FeatureScan& scan, DocFeatureTable& table,
                                const DedupOptions& options, WorkDir* work, DedupSummary& summary,
                                bool& streamed, const CorpusPass::BatchFn& each) {
  streamed = false;
  const OptionsText made_with = grouping_options_text(options);
  if (work != nullptr && work->has("group")) {
    auto loaded = load_duplicate_grouping(work->path("group"), &made_with);
    if (!loaded.ok()) return loaded.status();
    // Reports name kept documents that may come later: the ids are needed before writing.
    DOCSIFT_RETURN_IF_ERROR(read_plain(pass, table, summary));
    DOCSIFT_RETURN_IF_ERROR(check_docs(work->path("group"), loaded->kept_of.size(), pass.docs()));
    for (const auto& [key, value] : work->counters("group")) {
      if (key == "candidate_pairs") summary.candidate_pairs = value;
      if (key == "num_bands") summary.num_bands = static_cast<unsigned>(value);
      if (key == "rows_per_band") summary.rows_per_band = static_cast<unsigned>(value);
    }
    count_groups(loaded.value(), options, summary);
    summary.stages_resumed.push_back("read+group");
    return loaded;
  }
  Result<Grouping> grouped = Status::InvalidArgument("no grouping");
  if (work != nullptr && options.method == DedupMethod::kMinHash &&
      options.verify == VerifyMode::kEstimate && work->has("signatures")) {
    // Signed by an earlier run: LSH, verification (unless its edges are saved too) and grouping.
    const OptionsText signed_with = signature_options_text(options);
    auto signatures = SignatureTable::load(work->path("signatures"), &signed_with);
    if (!signatures.ok()) return signatures.status();
    DOCSIFT_RETURN_IF_ERROR(read_plain(pass, table, summary));
    DOCSIFT_RETURN_IF_ERROR(check_docs(work->path("signatures"), signatures->size(), pass.docs()));
    std::optional<EdgeList> verified;
    if (work->has("edges")) {
      const OptionsText verified_with =
          edges_options_text(signed_with, "verified", verification_threshold(options));
      auto edges = EdgeList::load(work->path("edges"), &verified_with);
      if (!edges.ok()) return edges.status();
      verified = std::move(edges).value();
      for (const auto& [key, value] : work->counters("edges")) {
        if (key == "candidate_pairs") summary.candidate_pairs = value;
      }
    }
    summary.stages_resumed.push_back(verified ? "read+edges" : "read+signatures");
    grouped =
        group_signatures(pass, *signatures, table, options, work, summary, std::move(verified));
    if (grouped.ok()) count_groups(grouped.value(), options, summary);
  } else {
    DOCSIFT_RETURN_IF_ERROR(read_features(pass, scan, table, summary, each));
    streamed = true;
    grouped = group_features(pass, table, options, work, summary);
  }
  if (!grouped.ok() || work == nullptr) return grouped;
  DOCSIFT_RETURN_IF_ERROR(save_duplicate_grouping(grouped.value(), made_with, work->path("group")));
  DOCSIFT_RETURN_IF_ERROR(work->complete("group", {{"candidate_pairs", summary.candidate_pairs},
                                                   {"num_bands", summary.num_bands},
                                                   {"rows_per_band", summary.rows_per_band}}));
  return grouped;
}

}  // namespace docsift::detail
