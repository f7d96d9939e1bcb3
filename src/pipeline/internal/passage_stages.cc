#include "pipeline/internal/passage_stages.h"

#include <vector>

#include "passages/passage_decisions.h"

namespace docsift::detail {
namespace {

// Calls fn on the runs of consecutive selected records of `batch`, so stages see spans.
Status each_selected_run(std::span<Record> batch, size_t first, const DocFilter& selected,
                         const std::function<Status(std::span<Record>)>& fn) {
  if (!selected) return fn(batch);
  for (size_t i = 0; i < batch.size();) {
    if (!selected(first + i)) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < batch.size() && selected(first + j)) ++j;
    DOCSIFT_RETURN_IF_ERROR(fn(batch.subspan(i, j - i)));
    i = j;
  }
  return Status::Ok();
}

}  // namespace

Status index_passages(CorpusPass& pass, bool first, const DocFilter& selected, PassageIndex& index,
                      PassageSummary& summary) {
  const CorpusPass::BatchFn add = [&](std::span<Record> batch, size_t first_doc) {
    return each_selected_run(batch, first_doc, selected,
                             [&](std::span<Record> run) { return index.add(run); });
  };
  DOCSIFT_RETURN_IF_ERROR(first ? pass.read("read", add) : pass.reread("passages", add));
  if (index.options().near && index.num_distinct() > 1) pass.progress("group");
  DOCSIFT_RETURN_IF_ERROR(index.finish());
  summary.docs_read = index.docs();
  summary.text_bytes = index.text_bytes();
  summary.bytes_read = pass.bytes_read();
  summary.index_bytes = index.index_bytes();
  summary.passages = index.num_passages();
  summary.distinct_passages = index.num_distinct();
  summary.near_duplicate_groups = index.near_duplicate_groups();
  return Status::Ok();
}

Status write_passages(CorpusPass& pass, const DocFilter& selected, const PassageIndex& index,
                      CutWriter& writer, PassageSummary& summary) {
  PassageDecider decider(index);
  DocPassages doc;
  std::string line;
  uint32_t d = 0;  // numbered as in the index: selected documents only
  DOCSIFT_RETURN_IF_ERROR(pass.reread("write", [&](std::span<Record> batch, size_t first) {
    return each_selected_run(batch, first, selected, [&](std::span<Record> run) {
      for (const Record& rec : run) {
        decider.decide(d++, rec.text, doc);
        for (const PassageRow& row : doc.rows) {
          line.clear();
          append_passage_row(line, index, row);
          writer.write_report_line(line);
        }
        summary.duplicate_occurrences += doc.rows.size();
        summary.within_duplicates += doc.within;
        summary.across_duplicates += doc.across;
        summary.passages_removed += doc.cuts.size();
        if (!writer.writes_corpus()) continue;
        summary.bytes_removed += writer.write_document(rec, doc.cuts);
        summary.docs_changed += !doc.cuts.empty();
      }
      return Status::Ok();
    });
  }));
  summary.most_repeated = decider.most_repeated();
  return Status::Ok();
}

}  // namespace docsift::detail
