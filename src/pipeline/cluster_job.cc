#include "pipeline/cluster_job.h"

#include <chrono>
#include <optional>

#include "group/dedup_report.h"
#include "group/doc_grouping.h"
#include "io/date_field.h"
#include "pipeline/artifacts/duplicate_grouping.h"
#include "pipeline/in_memory.h"
#include "pipeline/internal/document_dedup.h"
#include "pipeline/job_io.h"
#include "pipeline/story_step.h"
#include "pipeline/work_dir.h"
#include "vector/cluster_report.h"

namespace docsift {
namespace {

// With --dedup, the kept document of each document (exact and near duplicates by MinHash), so
// that reprints do not pull centroids; else every document is its own. With a work directory the
// duplicate grouping is its stage "dedup": loaded when an earlier run completed it.
Result<std::vector<uint32_t>> kept_documents(const std::vector<std::string>& texts,
                                             const ClusterJobOptions& options, unsigned threads,
                                             WorkDir* work, ClusterJobResult& out) {
  std::vector<uint32_t> kept_of(texts.size());
  for (size_t i = 0; i < kept_of.size(); ++i) kept_of[i] = static_cast<uint32_t>(i);
  if (!options.dedup) return kept_of;
  const DedupOptions d = cluster_dedup_options(options, threads);
  const OptionsText made_with = detail::grouping_options_text(d);
  if (work && work->has("dedup")) {
    auto loaded = load_duplicate_grouping(work->path("dedup"), &made_with);
    if (!loaded.ok()) return loaded.status();
    if (loaded->kept_of.size() != texts.size()) {
      return Status::InvalidInput(work->path("dedup") + " holds " +
                                  std::to_string(loaded->kept_of.size()) +
                                  " documents, the inputs " + std::to_string(texts.size()));
    }
    out.stages_resumed.push_back("dedup");
    return std::move(loaded->kept_of);
  }
  std::vector<std::string_view> views(texts.begin(), texts.end());
  auto g = dedup_texts(views, d);
  if (!g.ok()) return g.status();
  if (work) {
    DOCSIFT_RETURN_IF_ERROR(save_duplicate_grouping(*g, made_with, work->path("dedup")));
    DOCSIFT_RETURN_IF_ERROR(work->complete("dedup"));
  }
  return std::move(g->kept_of);
}

}  // namespace

PassageOptions cluster_passage_options(const ClusterJobOptions& options, unsigned threads) {
  PassageOptions p = options.passages;
  p.read = options.read;
  p.normalize = options.normalize;
  p.threads = threads;
  return p;
}

DedupOptions cluster_dedup_options(const ClusterJobOptions& options, unsigned threads) {
  DedupOptions d;
  d.method = DedupMethod::kMinHash;
  d.threshold = options.dedup_threshold;
  d.normalize = options.normalize;
  d.read = options.read;  // not used by the in-memory dedup; shapes the texts it is given
  d.threads = threads;
  return d;
}

Result<ClusterJobResult> run_cluster(const ClusterPaths& paths, const ClusterJobOptions& options,
                                     const ProgressCallback& progress) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto io = open_job(paths.inputs, {paths.assignments, paths.summary}, options.read,
                     options.threads, progress);
  if (!io.ok()) return io.status();
  CorpusPass& pass = *io->pass;
  OutputFile* const assign_out = io->files[0];
  OutputFile* const summary_out = io->files[1];

  // Everything in memory: k-means revisits every document on every iteration.
  std::vector<std::string> all_texts;
  RecordDates all_dates;
  MemoryCharge held(options.read.budget, MemoryUse::kTexts);
  uint64_t text_bytes = 0;
  DOCSIFT_RETURN_IF_ERROR(pass.read("read", [&](std::span<Record> batch, size_t first) {
    for (const Record& rec : batch) text_bytes += rec.text.capacity();
    DOCSIFT_RETURN_IF_ERROR(held.grow_to(
        text_bytes +
            vector_growth_bytes(all_texts.capacity(), first + batch.size(), sizeof(std::string)),
        first + batch.size()));
    for (Record& rec : batch) {
      if (!options.date_field.empty())
        DOCSIFT_RETURN_IF_ERROR(all_dates.add(rec, options.date_field));
      all_texts.push_back(std::move(rec.text));
    }
    return Status::Ok();
  }));
  ClusterJobResult out;
  out.docs_read = pass.docs();
  out.bytes_read = pass.bytes_read();
  out.docs_skipped = pass.skipped().size();
  if (out.docs_read == 0) return Status::InvalidInput("no documents to cluster");

  auto opened_work =
      WorkDir::open_if_given(paths.work_dir, "cluster", paths.inputs,
                             detail::grouping_options_text(cluster_dedup_options(options, 0)));
  if (!opened_work.ok()) return opened_work.status();
  std::optional<WorkDir> work = std::move(opened_work).value();
  out.work_dir_stale = work && work->stale();
  if (options.dedup) pass.progress("group");
  auto dedup = kept_documents(all_texts, options, pass.threads(), work ? &*work : nullptr, out);
  if (!dedup.ok()) return dedup.status();
  const std::vector<uint32_t>& kept_of = dedup.value();
  std::vector<std::string> kept;  // the texts clustered (moved out of all_texts)
  std::vector<int64_t> dates;
  for (size_t i = 0; i < out.docs_read; ++i) {
    if (kept_of[i] != i) continue;
    if (!all_dates.text.empty()) {
      dates.push_back(all_dates.seconds[i]);
      out.dates.push_back(std::move(all_dates.text[i]));
    }
    out.ids.emplace_back(pass.ids()[i]);
    out.first_lines.push_back(first_line(std::string_view(all_texts[i]).substr(0, 512)));
    kept.push_back(std::move(all_texts[i]));
  }
  out.duplicates_removed = out.docs_read - kept.size();
  if (!options.keep_boilerplate) {  // the texts `passages --strip` writes, reprints left whole
    pass.progress("passages");
    auto stripped = strip_duplicate_passages(kept, cluster_passage_options(options, pass.threads()),
                                             /*keep_reprints=*/true);
    if (!stripped.ok()) return stripped.status();
    out.boilerplate_passages = stripped->passages;
    out.boilerplate_bytes = stripped->bytes;
    out.boilerplate_docs = stripped->docs;
    out.reprints_kept = stripped->reprints_kept;
  }
  const std::vector<std::string_view> texts(kept.begin(), kept.end());
  pass.progress("cluster");
  const auto cluster_start = Clock::now();
  if (options.by == ClusterJobOptions::By::kStory) {
    DOCSIFT_RETURN_IF_ERROR(run_story_step(texts, dates, options, pass.threads(), out));
  } else if (options.cluster.kmeans.k > texts.size()) {  // refuse before the costly part
    return Status::InvalidArgument("--k " + std::to_string(options.cluster.kmeans.k) +
                                   " is more than the " + std::to_string(texts.size()) +
                                   " documents to cluster");
  } else {
    ClusterOptions co = options.cluster;
    co.tfidf.threads = pass.threads();
    co.kmeans.threads = pass.threads();
    auto clustered = cluster_documents(texts, options.normalize, co);
    if (!clustered.ok()) return clustered.status();
    out.result = std::move(clustered).value();
  }
  out.cluster_seconds = std::chrono::duration<double>(Clock::now() - cluster_start).count();
  for (const ClusterSummary& s : out.result.clusters) {
    out.titles.push_back(representative_title(texts[s.representative]));
  }
  if (assign_out) {
    write_assignments(pass.ids(), kept_of, out.result, *assign_out);
    write_skipped(pass.skipped(), *assign_out);
  }
  if (summary_out) {
    write_cluster_summaries(out.result, out.ids, out.titles, *summary_out, story_date_ranges(out));
  }
  DOCSIFT_RETURN_IF_ERROR(io->outputs.commit());
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return out;
}

}  // namespace docsift
