#include "pipeline/passages_job.h"

#include <chrono>

#include "group/dedup_report.h"
#include "pipeline/internal/passage_stages.h"
#include "pipeline/output_set.h"
#include "sketch/minhash.h"

namespace docsift {

Status validate(const PassageOptions& options) {
  if (!options.near) return Status::Ok();
  if (options.threshold <= 0.0 || options.threshold > 1.0) {
    return Status::InvalidArgument("--threshold must be in (0, 1]");
  }
  DOCSIFT_RETURN_IF_ERROR(
      validate(MinHashOptions{.num_perm = options.num_perm, .seed = options.seed}));
  if (options.ngram == 0) return Status::InvalidArgument("--ngram must be at least 1");
  return Status::Ok();
}

Result<PassageSummary> run_passages(const PassagePaths& paths, const PassageOptions& options,
                                    const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  DOCSIFT_RETURN_IF_ERROR(validate(options));
  DOCSIFT_RETURN_IF_ERROR(OutputSet::check_distinct({paths.report, paths.strip}));
  auto opened = CorpusPass::open(paths.inputs, options.read, options.threads, progress);
  if (!opened.ok()) return opened.status();
  CorpusPass& pass = *opened.value();
  OutputSet outputs(paths.inputs);
  auto report = outputs.add(paths.report);
  if (!report.ok()) return report.status();
  auto strip = outputs.add(paths.strip);
  if (!strip.ok()) return strip.status();

  PassageSummary summary;
  // Pass 1: index every qualifying passage; pass 2: decide, report and strip each document.
  PassageIndex index(options, pass.threads());
  DOCSIFT_RETURN_IF_ERROR(detail::index_passages(pass, true, {}, index, summary));
  summary.docs_skipped = pass.skipped().size();
  CutWriter writer(*strip, *report, options.read.text_field);
  DOCSIFT_RETURN_IF_ERROR(detail::write_passages(pass, {}, index, writer, summary));
  if (*report) write_skipped(pass.skipped(), **report);
  DOCSIFT_RETURN_IF_ERROR(outputs.commit());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace docsift
