#pragma once
// run_dedup_distributed: `docsift dedup` over the ranks of an MPI world (dist/comm.h), with
// outputs byte-identical to run_dedup (pipeline/dedup_job.h) on one machine, whatever the number
// of ranks P. The CLI picks it when a launcher started P > 1 ranks; same command line.
//
//   Comm& comm = Comm::world();
//   RankFigures figures;
//   auto summary = run_dedup_distributed(paths, options, progress, comm, &figures);
//
// Steps (every rank calls it; see docs/distributed.md for the design and its limits):
//   1. Split: rank r reads the inputs of Shard{r, P} (pipeline/corpus_pass.h: a contiguous block
//      of the input files, so the ranks' documents in rank order are the corpus in input order).
//   2. Sign: each rank computes its documents' features (group/feature_scan.h) on its threads —
//      the CPU-heavy part (tokenising, normalising, MinHash/SimHash) is spread over the ranks.
//   3. Gather to rank 0: ids, lengths, file:line of each document and skipped records, one rank
//      after the other in bounded chunks; for SimHash (and MinHash --verify exact) also the
//      features (fingerprints; shingle sets). Not the exact keys nor the MinHash signatures. Rank 0
//      checks ids across ranks (the readers check within a rank) and decides the run's status: the
//      first error in input order, the same message a serial run gives; every rank gets it.
//   4. Group. MinHash (estimated verification): band exchange, no signature table on any rank
//      (pipeline/internal/distributed_minhash.h: band records by band-key hash with Alltoallv in
//      fixed 32 MiB rounds, candidates per band owner, verification at the owner of the lower
//      document, edges and the near-duplicates' signatures to rank 0). Exact: key exchange, no
//      key table on any rank (pipeline/internal/distributed_exact.h: (key, length, doc) records
//      by key, clusters at the key owner, first-appearance numbers by MPI_Exscan, 16 B per
//      removed document to rank 0). SimHash, MinHash --verify exact: on rank 0
//      (group/doc_grouping.h, on its threads). Either way the
//      identical grouping, so labels (duplicate group ids, kept documents) cannot depend on P.
//   5. Write: rank 0 sends each rank the kept flags of its documents (exact: from the exchange);
//   each rank re-reads its
//      shard and streams its kept records to rank 0 in chunks of 8 MiB; rank 0 writes them in
//      rank order, then the report and duplicate group file from the global ids, and commits the
//      outputs (pipeline/output_set.h) only after every rank has reported success.
//      With DedupPaths::output_parts each rank writes its own DIR/part-NNNNN.jsonl instead (the
//      parts in rank order are the serial output); they are committed on every rank once all
//      ranks succeeded, then rank 0 commits its files and creates DIR/_SUCCESS. Works on one
//      rank too (the CLI uses it for --output-parts without a launcher).
//
// Guarantees: every rank returns the same Status (the error of the lowest rank in input order,
// naming file and line); no output is committed when any rank fails.
// Memory per rank (MinHash, default 128 perms, 16 bands): its shard's signatures (512 B per
// document), its band records (256 B per document) and the owned ones (256 B per document on
// average), its candidate pairs. Rank 0 in addition: every document's id, file:line and length
// (about 40 B plus the id), the Grouping (16 B per document), the verified edges (12 B each) and
// the signatures of the documents that have an edge — not the whole signature table. Exact:
// every rank its documents' keys (16 B), key records sent (24 B per document) and owned (32 B
// each, on average), member records (16 B per duplicate document), kept records (8 B per kept
// document); rank 0 in addition 16 B per removed document (per document, and the Grouping, with
// --clusters) — not the key table. SimHash: rank 0 holds every document's 8 B fingerprint as
// well, as a serial run.
// --work-dir and stdin as an input are refused (InvalidArgument; mpirun gives stdin to rank 0
// only). Under
// --on-error skip, an id repeated across ranks is an error (a serial run would skip the later
// record).

#include <cstdint>

#include "core/progress.h"
#include "core/status.h"
#include "dist/comm.h"
#include "group/dedup_options.h"
#include "pipeline/dedup_job.h"

namespace docsift {

// Per-rank figures of a distributed run, for the summary ("on 4 ranks: ...").
struct RankFigures {
  unsigned ranks = 1;
  double seconds_max = 0, seconds_mean = 0;
  uint64_t peak_rss_max = 0, peak_rss_mean = 0;
  uint64_t bytes_sent_max = 0, bytes_sent_mean = 0;  // payload sent to other ranks
};

// Fills `figures` from every rank's elapsed seconds (a collective: every rank calls it).
RankFigures gather_rank_figures(const dist::Comm& comm, double seconds);

Result<DedupSummary> run_dedup_distributed(const DedupPaths& paths, const DedupOptions& options,
                                           const ProgressCallback& progress, const dist::Comm& comm,
                                           RankFigures* figures);

}  // namespace docsift
