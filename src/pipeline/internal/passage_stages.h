#pragma once
// The passage stages that `passages` and `clean` share, over a CorpusPass: indexing (pass 1 of
// passages) and deciding + writing (pass 2), each over the documents `selected` keeps (all when
// empty; clean passes the documents its dedup kept).

#include <functional>
#include <span>
#include <string_view>

#include "core/status.h"
#include "passages/line_boilerplate.h"
#include "passages/passage_index.h"
#include "pipeline/artifacts/doc_cuts.h"
#include "pipeline/corpus_pass.h"
#include "pipeline/cut_writer.h"
#include "pipeline/passage_report.h"
#include "pipeline/passages_job.h"

namespace docsift::detail {

using DocFilter = std::function<bool(size_t doc)>;

// Adds the selected documents of one pass over `pass` to `index` (the first pass when `first`,
// else a reread), then finishes the index and fills the index counters of `summary`. `each`
// (may be empty) sees every batch of that pass first, selected documents or not. `lines` (may be
// null) counts the same documents' lines in the same pass.
Status index_passages(CorpusPass& pass, bool first, const DocFilter& selected, PassageIndex& index,
                      PassageSummary& summary, const CorpusPass::BatchFn& each = {},
                      LineIndex* lines = nullptr);

using LineFn = std::function<void(std::string_view line)>;
using DecidedFn = std::function<void(const Record& rec, size_t doc, std::span<const Cut> cuts)>;

// Rereads `pass` (progress `stage`): decides the selected documents (numbered as in the index)
// into `cuts` (by input document number, with why each cut goes) and report lines in `layout`
// (pipeline/passage_report.h), each given to `line` (no newline), then calls `decided` (may be
// empty) with the document and its cuts. Fills the decision counters and most_repeated of
// `summary`. With `lines` (may be null), the documents' boilerplate lines are cut and reported
// too (kind "line").
Status decide_passages(CorpusPass& pass, const char* stage, const DocFilter& selected,
                       const PassageIndex& index, const ReportLayout& layout, DocCuts& cuts,
                       PassageSummary& summary, const LineFn& line, const DecidedFn& decided = {},
                       const LineIndex* lines = nullptr);

// The writing pass of decided cuts: rereads `pass` and writes each selected document with its
// cuts applied by `writer` (nothing when it writes no corpus); fills bytes_removed, docs_changed.
Status apply_cuts(CorpusPass& pass, const DocFilter& selected, const DocCuts& cuts,
                  CutWriter& writer, PassageSummary& summary);

// Deciding and writing in one pass (no work directory): decide_passages, whose lines go to the
// writer's report and whose documents are written with their cuts as they are decided.
Status write_passages(CorpusPass& pass, const DocFilter& selected, const PassageIndex& index,
                      const ReportLayout& layout, CutWriter& writer, DocCuts& cuts,
                      PassageSummary& summary, const LineIndex* lines = nullptr);

}  // namespace docsift::detail
