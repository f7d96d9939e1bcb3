#pragma once
// The CLI side of distributed runs (pipeline/distributed_dedup.h): the summary row that names
// the ranks and shows their imbalance.

#include "pipeline/distributed_dedup.h"

namespace docsift::cli {

// "4 ranks: time max 1.20 s, mean 1.10 s; peak memory max 210 MB, mean 90 MB; sent ..." (one row).
void print_rank_figures(const RankFigures& figures);

}  // namespace docsift::cli
