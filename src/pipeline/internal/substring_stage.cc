#include "pipeline/internal/substring_stage.h"

namespace docsift::detail {

Status write_passages_and_substrings(CorpusPass& pass, const DocFilter& selected,
                                     const PassageIndex& index, const ReportLayout& layout,
                                     CutWriter& writer, DocCuts& cuts, SubstringStage& substrings,
                                     PassageSummary& summary, const LineIndex* lines) {
  const auto line = [&](std::string_view l) { writer.write_report_line(l); };
  return decide_passages(
      pass, "write", selected, index, layout, cuts, summary, line,
      [&](const Record& rec, size_t doc, std::span<const Cut> doc_cuts) {
        substrings.report_spans(doc, rec.text, pass.ids(), layout, line);
        if (!writer.writes_corpus()) return;
        const std::span<const Cut> all = substrings.cuts_with(doc, doc_cuts);
        summary.bytes_removed += writer.write_document(rec, all);
        summary.docs_changed += !all.empty();
      },
      lines);
}

}  // namespace docsift::detail
