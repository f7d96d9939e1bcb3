#include "pipeline/internal/passage_stages.h"

#include <optional>
#include <vector>

#include "passages/passage_decisions.h"

namespace docsift::detail {
namespace {

// Calls fn(run, first document of the run) on the runs of consecutive selected records of
// `batch`, so stages see spans.
Status each_selected_run(std::span<Record> batch, size_t first, const DocFilter& selected,
                         const std::function<Status(std::span<Record>, size_t)>& fn) {
  if (!selected) return fn(batch, first);
  for (size_t i = 0; i < batch.size();) {
    if (!selected(first + i)) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < batch.size() && selected(first + j)) ++j;
    DOCSIFT_RETURN_IF_ERROR(fn(batch.subspan(i, j - i), first + i));
    i = j;
  }
  return Status::Ok();
}

// Why `cut` goes: the kind of the removed row whose occurrence it covers.
CutReason reason_of(const Cut& cut, const DocPassages& doc, const PassageIndex& index) {
  for (const PassageRow& row : doc.rows) {
    if (!row.removed) continue;
    const PassageOccurrence& o = index.occurrence(row.occurrence);
    if (o.marker_begin < cut.end && cut.marker_begin < o.end) {
      return std::string_view(row.kind) == "within" ? CutReason::kPassageWithin
                                                    : CutReason::kPassageAcross;
    }
  }
  return CutReason::kPassageAcross;
}

}  // namespace

Status index_passages(CorpusPass& pass, bool first, const DocFilter& selected, PassageIndex& index,
                      PassageSummary& summary, const CorpusPass::BatchFn& each, LineIndex* lines) {
  const CorpusPass::BatchFn add = [&](std::span<Record> batch, size_t first_doc) {
    if (each) DOCSIFT_RETURN_IF_ERROR(each(batch, first_doc));
    return each_selected_run(batch, first_doc, selected, [&](std::span<Record> run, size_t) {
      if (lines) DOCSIFT_RETURN_IF_ERROR(lines->add(run));
      return index.add(run);
    });
  };
  DOCSIFT_RETURN_IF_ERROR(first ? pass.read("read", add) : pass.reread("passages", add));
  if (index.options().near && index.num_distinct() > 1) pass.progress("group");
  DOCSIFT_RETURN_IF_ERROR(index.finish());
  if (lines) lines->finish();
  summary.docs_read = index.docs();
  summary.text_bytes = index.text_bytes();
  summary.bytes_read = pass.bytes_read();
  summary.index_bytes = index.index_bytes();
  summary.passages = index.num_passages();
  summary.distinct_passages = index.num_distinct_passages();
  summary.near_duplicate_groups = index.near_duplicate_groups();
  return Status::Ok();
}

Status decide_passages(CorpusPass& pass, const char* stage, const DocFilter& selected,
                       const PassageIndex& index, const ReportLayout& layout, DocCuts& cuts,
                       PassageSummary& summary, const LineFn& line, const DecidedFn& decided,
                       const LineIndex* lines) {
  PassageDecider decider(index);
  DocPassages doc;
  std::string text;
  std::optional<LineDecider> line_decider;
  if (lines)
    line_decider.emplace(*lines, index.options().boilerplate == BoilerplateMode::kKeepFirst);
  std::vector<LineRow> line_rows;
  std::vector<char> is_line_cut;
  uint32_t d = 0;  // numbered as in the index: selected documents only
  DOCSIFT_RETURN_IF_ERROR(pass.reread(stage, [&](std::span<Record> batch, size_t first) {
    return each_selected_run(batch, first, selected, [&](std::span<Record> run, size_t doc_id) {
      for (const Record& rec : run) {
        decider.decide(d, rec.text, doc);
        for (const PassageRow& row : doc.rows) {
          text.clear();
          append_passage_line(text, index, row, rec.text, layout);
          line(text);
        }
        summary.passages_removed += doc.cuts.size();
        line_rows.clear();
        if (line_decider) line_decider->decide(d, rec.text, line_rows);
        merge_line_cuts(doc.cuts, line_rows, is_line_cut);
        for (const LineRow& row : line_rows) {
          text.clear();
          SpanLine span{.id = index.id(d),
                        .of_id = index.id(row.of.doc),
                        .kind = "line",
                        .start = row.begin,
                        .end = row.end,
                        .char_start = row.char_begin,
                        .char_end = row.char_end,
                        .of_start = row.of.begin,
                        .of_end = row.of.end,
                        .of_char_start = row.of.char_begin,
                        .of_char_end = row.of.char_end,
                        .documents = uint64_t{row.stat->docs} + row.stat->stored_docs};
          if (layout.with_text)
            span.text = std::string_view(rec.text).substr(row.begin, row.end - row.begin);
          append_span_line(text, span, layout);
          line(text);
        }
        summary.lines_removed += line_rows.size();
        ++d;
        summary.duplicate_occurrences += doc.rows.size();
        summary.within_duplicates += doc.within;
        summary.across_duplicates += doc.across;
        for (size_t c = 0; c < doc.cuts.size(); ++c) {
          const Cut& cut = doc.cuts[c];
          DOCSIFT_RETURN_IF_ERROR(cuts.add(
              doc_id, cut, is_line_cut[c] ? CutReason::kLine : reason_of(cut, doc, index)));
        }
        if (decided) decided(rec, doc_id, cuts.cuts_of(doc_id));
        ++doc_id;
      }
      return Status::Ok();
    });
  }));
  summary.most_repeated = decider.most_repeated();
  return Status::Ok();
}

void write_cut_document(CutWriter& writer, const Record& rec, std::span<const Cut> cuts,
                        PassageSummary& summary) {
  if (!writer.writes_corpus()) return;
  summary.bytes_removed += writer.write_document(rec, cuts);
  summary.docs_changed += !cuts.empty();
}

Status apply_cuts(CorpusPass& pass, const DocFilter& selected, const DocCuts& cuts,
                  CutWriter& writer, PassageSummary& summary) {
  if (!writer.writes_corpus()) return Status::Ok();
  return pass.reread("write", [&](std::span<Record> batch, size_t first) {
    return each_selected_run(batch, first, selected, [&](std::span<Record> run, size_t doc_id) {
      for (const Record& rec : run)
        write_cut_document(writer, rec, cuts.cuts_of(doc_id++), summary);
      return Status::Ok();
    });
  });
}

Status write_passages(CorpusPass& pass, const DocFilter& selected, const PassageIndex& index,
                      const ReportLayout& layout, CutWriter& writer, DocCuts& cuts,
                      PassageSummary& summary, const LineIndex* lines) {
  return decide_passages(
      pass, "write", selected, index, layout, cuts, summary,
      [&](std::string_view line) { writer.write_report_line(line); },
      [&](const Record& rec, size_t, std::span<const Cut> doc_cuts) {
        write_cut_document(writer, rec, doc_cuts, summary);
      },
      lines);
}

}  // namespace docsift::detail
