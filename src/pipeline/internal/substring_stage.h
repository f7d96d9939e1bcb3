#pragma once
// The writing pass of `clean --substrings`: write_passages (pipeline/internal/passage_stages.h)
// with each kept document's passage cuts united with its repeated spans (SubstringStage,
// pipeline/substrings_job.h) before it is written; each document's span lines follow its passage
// lines in the report. The passage report lines and `cuts` (the passage cuts alone) are as
// write_passages makes them; bytes_removed and docs_changed of `summary` count the united cuts.

#include "core/status.h"
#include "pipeline/internal/passage_stages.h"
#include "pipeline/substrings_job.h"

namespace docsift::detail {

Status write_passages_and_substrings(CorpusPass& pass, const DocFilter& selected,
                                     const PassageIndex& index, const ReportLayout& layout,
                                     CutWriter& writer, DocCuts& cuts, SubstringStage& substrings,
                                     PassageSummary& summary, const LineIndex* lines = nullptr);

}  // namespace docsift::detail
