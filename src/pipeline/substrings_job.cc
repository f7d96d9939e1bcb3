#include "pipeline/substrings_job.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <optional>

#include "group/dedup_report.h"
#include "io/json_writer.h"
#include "pipeline/artifacts/doc_cuts.h"
#include "pipeline/artifacts/stage_report.h"
#include "pipeline/cut_writer.h"
#include "pipeline/job_io.h"
#include "pipeline/work_dir.h"
#include "substrings/normalized_repeats.h"

namespace docsift {
namespace {

// Code points before each of the spans' four byte offsets (at UTF-8 boundaries), from the texts
// of the corpus the spans were found in (text_of(doc), docs numbered as in it): one sweep over
// each document's prefix up to its last offset asked.
template <class TextOf>
std::vector<SpanChars> char_offsets(std::span<const SubstringSpan> spans, const TextOf& text_of) {
  struct Query {
    uint32_t doc, byte;
    uint32_t* out;
  };
  std::vector<SpanChars> chars(spans.size());
  std::vector<Query> queries;
  queries.reserve(spans.size() * 4);
  for (size_t i = 0; i < spans.size(); ++i) {
    const SubstringSpan& s = spans[i];
    queries.push_back({s.doc, s.begin, &chars[i].begin});
    queries.push_back({s.doc, s.end, &chars[i].end});
    queries.push_back({s.of_doc, s.of_begin, &chars[i].of_begin});
    queries.push_back({s.of_doc, s.of_end, &chars[i].of_end});
  }
  std::sort(queries.begin(), queries.end(), [](const Query& a, const Query& b) {
    return a.doc != b.doc ? a.doc < b.doc : a.byte < b.byte;
  });
  uint32_t doc = UINT32_MAX, at = 0, points = 0;
  std::string_view text;
  for (const Query& q : queries) {
    if (q.doc != doc) {
      doc = q.doc;
      text = text_of(doc);
      at = points = 0;
    }
    for (; at < q.byte; ++at) points += (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
    *q.out = points;
  }
  return chars;
}

std::string_view original_text(const SubstringCorpus& c, uint32_t d) { return c.text(d); }
std::string_view original_text(const NormalizedSubstringCorpus& c, uint32_t d) {
  return c.original_text(d);
}

SpanLine span_line(const StringPool& ids, const SubstringSpan& s, const SpanChars& c) {
  return {.type = "substring",
          .id = ids[s.doc],
          .of_id = ids[s.of_doc],
          .kind = s.of_doc == s.doc ? "within" : "across",
          .start = s.begin,
          .end = s.end,
          .char_start = c.begin,
          .char_end = c.end,
          .of_start = s.of_begin,
          .of_end = s.of_end,
          .of_char_start = c.of_begin,
          .of_char_end = c.of_end,
          .similarity = 1.0,
          .documents = s.documents,
          .removed = true};
}

// The counters a resumed run takes from the work directory's manifest.
WorkDir::CounterFields span_counters(SubstringSummary& s) {
  return {{"docs_read", &s.docs_read},       {"spans", &s.spans},
          {"within_spans", &s.within_spans}, {"across_spans", &s.across_spans},
          {"span_bytes", &s.span_bytes},     {"text_bytes", &s.text_bytes},
          {"state_bytes", &s.state_bytes},   {"shards", &s.shards}};
}

}  // namespace

SubstringStage::SubstringStage(const SubstringOptions& options, uint64_t max_memory,
                               unsigned threads)
    : options_(options), corpus_(max_memory) {
  options_.threads = threads;
}

Status SubstringStage::add(uint64_t doc, std::string_view text) {
  DOCSIFT_RETURN_IF_ERROR(corpus_.add(text));
  input_doc_.push_back(doc);
  ++summary_.docs;
  return Status::Ok();
}

Status SubstringStage::find() {
  if (options_.min_bytes == 0) return Status::InvalidArgument("--substrings must be at least 1");
  auto plan = corpus_.plan(options_);
  if (!plan.ok()) return plan.status();
  summary_.state_bytes = plan.value().state_bytes;
  summary_.shards = plan.value().shard_bounds.size() - 1;
  auto found = corpus_.find(options_);
  if (!found.ok()) return found.status();
  summary_.ran = true;
  spans_ = std::move(found).value();
  chars_ = char_offsets(spans_, [&](uint32_t d) { return corpus_.text(d); });
  uint64_t last_doc = ~uint64_t{0};
  for (SubstringSpan& s : spans_) {
    ++(s.of_doc == s.doc ? summary_.within_spans : summary_.across_spans);
    s.doc = static_cast<uint32_t>(input_doc_[s.doc]);
    s.of_doc = static_cast<uint32_t>(input_doc_[s.of_doc]);
    ++summary_.spans;
    summary_.span_bytes += s.end - s.begin;
    summary_.docs_changed += s.doc != last_doc;
    last_doc = s.doc;
  }
  corpus_ = SubstringCorpus();  // the texts are read again to be written
  input_doc_ = {};
  return Status::Ok();
}

std::span<const Cut> SubstringStage::cuts_with(uint64_t doc, std::span<const Cut> cuts) {
  auto first = std::lower_bound(spans_.begin(), spans_.end(), doc,
                                [](const SubstringSpan& s, uint64_t d) { return s.doc < d; });
  if (first == spans_.end() || first->doc != doc) return cuts;
  scratch_.clear();
  size_t i = 0;
  auto push = [&](Cut c) {
    if (!scratch_.empty() && c.marker_begin <= scratch_.back().end) {
      scratch_.back().end = std::max(scratch_.back().end, c.end);
    } else {
      scratch_.push_back(c);
    }
  };
  for (auto it = first; it != spans_.end() && it->doc == doc; ++it) {
    for (; i < cuts.size() && cuts[i].marker_begin <= it->begin; ++i) push(cuts[i]);
    push({.marker_begin = it->begin, .end = it->end});
  }
  for (; i < cuts.size(); ++i) push(cuts[i]);
  return scratch_;
}

void SubstringStage::report_spans(uint64_t doc, std::string_view text, const StringPool& ids,
                                  const ReportLayout& layout,
                                  const std::function<void(std::string_view)>& line) const {
  auto first = std::lower_bound(spans_.begin(), spans_.end(), doc,
                                [](const SubstringSpan& s, uint64_t d) { return s.doc < d; });
  std::string out;
  for (auto it = first; it != spans_.end() && it->doc == doc; ++it) {
    SpanLine span = span_line(ids, *it, chars_[it - spans_.begin()]);
    if (layout.with_text) span.text = text.substr(it->begin, it->end - it->begin);
    out.clear();
    append_span_line(out, span, layout);
    line(out);
  }
}

OptionsText substring_options_text(const SubstringJobOptions& o) {
  OptionsText t;
  t.add("stage", "substring spans");
  add_read_options(t, o.read)
      .add("min_bytes", uint64_t{o.substrings.min_bytes})
      .add("remove", o.substrings.remove == SubstringRemove::kAll ? "all" : "later")
      .add("max_memory", o.max_memory);
  if (o.normalized) t.add("normalized", "true");  // absent by default: older fingerprints hold
  return t;
}

Result<SubstringSummary> run_substrings(const SubstringPaths& paths,
                                        const SubstringJobOptions& options,
                                        const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (options.substrings.min_bytes == 0) {
    return Status::InvalidArgument("--min-bytes must be at least 1");
  }
  auto io =
      open_job(paths.inputs, {paths.report, paths.strip}, options.read, options.threads, progress);
  if (!io.ok()) return io.status();
  CorpusPass& pass = *io->pass;
  OutputFile* const report = io->files[0];
  OutputFile* const strip = io->files[1];

  SubstringSummary summary;
  const OptionsText made_with = substring_options_text(options);
  auto opened_work = WorkDir::open_if_given(paths.work_dir, "substrings", paths.inputs, made_with);
  if (!opened_work.ok()) return opened_work.status();
  std::optional<WorkDir> work = std::move(opened_work).value();
  summary.work_dir_stale = work && work->stale();
  DocCuts cuts(made_with);
  StageReport found_report{.options = made_with, .lines = {}, .most_repeated = {}};
  if (work && work->has("cuts") && work->has("report")) {
    // Found by an earlier run: one plain read (skipped records, bytes), then the writing pass.
    auto loaded_cuts = DocCuts::load(work->path("cuts"), &made_with);
    if (!loaded_cuts.ok()) return loaded_cuts.status();
    auto loaded_report = load_stage_report(work->path("report"), &made_with);
    if (!loaded_report.ok()) return loaded_report.status();
    DOCSIFT_RETURN_IF_ERROR(
        pass.read("read", [](std::span<Record>, size_t) { return Status::Ok(); }));
    work->restore("report", span_counters(summary));
    if (summary.docs_read != pass.docs()) {
      return Status::InvalidInput(work->path("report") + " holds " +
                                  std::to_string(summary.docs_read) + " documents, the inputs " +
                                  std::to_string(pass.docs()));
    }
    summary.docs_skipped = pass.skipped().size();
    summary.bytes_read = pass.bytes_read();
    cuts = std::move(loaded_cuts).value();
    found_report = std::move(loaded_report).value();
    summary.docs_changed = cuts.num_docs();
    summary.stages_resumed.push_back("read+spans");
  } else {
    SubstringOptions find_options = options.substrings;
    find_options.threads = options.threads;
    // The same steps on the text as it is or normalised (substrings/normalized_repeats.h).
    std::vector<SpanChars> chars;  // of the spans find_spans returns
    auto find_spans = [&](auto& corpus) -> Result<std::vector<SubstringSpan>> {
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
      auto plan = corpus.plan(find_options);
      if (!plan.ok()) return plan.status();
      summary.state_bytes = plan.value().state_bytes;
      summary.shards = plan.value().shard_bounds.size() - 1;
      summary.pairwise = plan.value().pairwise;
      pass.progress("group");
      auto found = corpus.find(find_options);
      if (found.ok()) {
        chars = char_offsets(found.value(), [&](uint32_t d) { return original_text(corpus, d); });
      }
      return found;
    };
    std::vector<SubstringSpan> spans;
    {
      // The texts are read again for the strip output: the corpus goes before that.
      Result<std::vector<SubstringSpan>> found = std::vector<SubstringSpan>{};
      if (options.normalized) {
        NormalizedSubstringCorpus corpus(options.max_memory);
        found = find_spans(corpus);
      } else {
        SubstringCorpus corpus(options.max_memory);
        corpus.reserve(pass.bytes_total_hint());
        found = find_spans(corpus);
      }
      if (!found.ok()) return found.status();
      spans = std::move(found).value();
    }

    for (const SubstringSpan& s : spans) {
      DOCSIFT_RETURN_IF_ERROR(
          cuts.add(s.doc, {.marker_begin = s.begin, .end = s.end}, CutReason::kSubstring));
      ++summary.spans;
      ++(s.of_doc == s.doc ? summary.within_spans : summary.across_spans);
      summary.span_bytes += s.end - s.begin;
    }
    summary.docs_changed = cuts.num_docs();

    // Without a work directory the lines go straight to the report, never all in memory.
    std::string line;
    for (size_t i = 0; i < spans.size(); ++i) {
      if (!work && !report) break;
      line.clear();
      append_span_line(line, span_line(pass.ids(), spans[i], chars[i]), ReportLayout{});
      if (!work) {
        report->write(line);
        report->write("\n");
        continue;
      }
      found_report.lines += line;
      found_report.lines += '\n';
    }
    if (work) {
      DOCSIFT_RETURN_IF_ERROR(cuts.save(work->path("cuts")));
      DOCSIFT_RETURN_IF_ERROR(work->complete("cuts"));
      DOCSIFT_RETURN_IF_ERROR(save_stage_report(found_report, work->path("report")));
      DOCSIFT_RETURN_IF_ERROR(work->complete("report", span_counters(summary)));
    }
  }
  CutWriter writer(strip, report, options.read.text_field);
  if (report) {
    report->write(found_report.lines);  // empty unless kept for a work directory
    write_skipped(pass.skipped(), *report);
  }
  if (strip) {
    DOCSIFT_RETURN_IF_ERROR(pass.reread("write", [&](std::span<Record> batch, size_t first) {
      for (size_t i = 0; i < batch.size(); ++i) {
        summary.bytes_removed += writer.write_document(batch[i], cuts.cuts_of(first + i));
      }
      return Status::Ok();
    }));
  }
  DOCSIFT_RETURN_IF_ERROR(io->outputs.commit());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace docsift
