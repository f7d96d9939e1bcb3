#include "pipeline/substrings_job.h"

#include <chrono>
#include <limits>

#include "group/dedup_report.h"
#include "io/json_writer.h"
#include "pipeline/artifacts/doc_cuts.h"
#include "pipeline/corpus_pass.h"
#include "pipeline/cut_writer.h"
#include "pipeline/output_set.h"

namespace docsift {
namespace {

void append_span_row(std::string& line, const StringPool& ids, const SubstringSpan& s) {
  std::string dup;
  JsonObject(dup)
      .field("id", ids[s.of_doc])
      .field("start", uint64_t{s.of_begin})
      .field("end", uint64_t{s.of_end})
      .close();
  JsonObject(line)
      .field("id", ids[s.doc])
      .field("start", uint64_t{s.begin})
      .field("end", uint64_t{s.end})
      .field("kind", s.of_doc == s.doc ? "within" : "across")
      .raw_field("duplicate_of", dup)
      .field("similarity", 1.0)
      .field("documents", uint64_t{s.documents})
      .field("removed", true)
      .close();
}

}  // namespace

Result<SubstringSummary> run_substrings(const SubstringPaths& paths,
                                        const SubstringJobOptions& options,
                                        const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (options.substrings.min_bytes == 0) {
    return Status::InvalidArgument("--min-bytes must be at least 1");
  }
  DOCSIFT_RETURN_IF_ERROR(OutputSet::check_distinct({paths.report, paths.strip}));
  auto opened = CorpusPass::open(paths.inputs, options.read, options.threads, progress);
  if (!opened.ok()) return opened.status();
  CorpusPass& pass = *opened.value();
  OutputSet outputs(paths.inputs);
  auto report = outputs.add(paths.report);
  if (!report.ok()) return report.status();
  auto strip = outputs.add(paths.strip);
  if (!strip.ok()) return strip.status();

  SubstringSummary summary;
  SubstringCorpus corpus(options.max_memory);
  corpus.reserve(pass.bytes_total_hint());
  DOCSIFT_RETURN_IF_ERROR(pass.read("read", [&](std::span<Record> batch, size_t) {
    for (const Record& rec : batch) DOCSIFT_RETURN_IF_ERROR(corpus.add(rec.text));
    return Status::Ok();
  }));
  if (corpus.docs() > std::numeric_limits<uint32_t>::max()) {
    return Status::ResourceExhausted("substrings: more than 2^32 - 1 documents");
  }
  summary.docs_read = corpus.docs();
  summary.docs_skipped = pass.skipped().size();
  summary.bytes_read = pass.bytes_read();
  summary.text_bytes = corpus.text_bytes();
  auto plan = corpus.plan(options.substrings);
  if (!plan.ok()) return plan.status();
  summary.state_bytes = plan.value().state_bytes;
  summary.shards = plan.value().shard_bounds.size() - 1;
  pass.progress("group");
  auto found = corpus.find(options.substrings);
  if (!found.ok()) return found.status();
  const std::vector<SubstringSpan>& spans = found.value();
  corpus = SubstringCorpus();  // the texts are read again for the strip output

  OptionsText cut_options;
  cut_options.add("min_bytes", uint64_t{options.substrings.min_bytes})
      .add("remove", options.substrings.remove == SubstringRemove::kAll ? "all" : "later");
  DocCuts cuts(cut_options);
  for (const SubstringSpan& s : spans) {
    DOCSIFT_RETURN_IF_ERROR(
        cuts.add(s.doc, {.marker_begin = s.begin, .end = s.end}, CutReason::kSubstring));
    ++summary.spans;
    ++(s.of_doc == s.doc ? summary.within_spans : summary.across_spans);
    summary.span_bytes += s.end - s.begin;
  }
  summary.docs_changed = cuts.num_docs();

  CutWriter writer(*strip, *report, options.read.text_field);
  std::string line;
  if (*report) {
    for (const SubstringSpan& s : spans) {
      line.clear();
      append_span_row(line, pass.ids(), s);
      writer.write_report_line(line);
    }
    write_skipped(pass.skipped(), **report);
  }
  if (*strip) {
    DOCSIFT_RETURN_IF_ERROR(pass.reread("write", [&](std::span<Record> batch, size_t first) {
      for (size_t i = 0; i < batch.size(); ++i) {
        summary.bytes_removed += writer.write_document(batch[i], cuts.cuts_of(first + i));
      }
      return Status::Ok();
    }));
  }
  DOCSIFT_RETURN_IF_ERROR(outputs.commit());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace docsift
