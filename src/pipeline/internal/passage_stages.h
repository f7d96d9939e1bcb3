#pragma once
// The passage stages that `passages` and `clean` share, over a CorpusPass: indexing (pass 1 of
// passages) and deciding + writing (pass 2), each over the documents `selected` keeps (all when
// empty; clean passes the documents its dedup kept).

#include <functional>

#include "core/status.h"
#include "passages/passage_index.h"
#include "pipeline/corpus_pass.h"
#include "pipeline/cut_writer.h"
#include "pipeline/passages_job.h"

namespace docsift::detail {

using DocFilter = std::function<bool(size_t doc)>;

// Adds the selected documents of one pass over `pass` to `index` (the first pass when `first`,
// else a reread), then finishes the index and fills the index counters of `summary`.
Status index_passages(CorpusPass& pass, bool first, const DocFilter& selected, PassageIndex& index,
                      PassageSummary& summary);

// Rereads `pass`: decides the selected documents (numbered as in the index) and writes them and
// their report rows through `writer`; fills the decision counters of `summary`.
Status write_passages(CorpusPass& pass, const DocFilter& selected, const PassageIndex& index,
                      CutWriter& writer, PassageSummary& summary);

}  // namespace docsift::detail
