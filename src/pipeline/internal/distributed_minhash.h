#pragma once
// MinHash grouping over the ranks of an MPI world without any rank holding the whole signature
// table: band records exchanged by band key, candidate pairs found by the band owners, pairs
// verified by the owner of their lower document, verified edges grouped on rank 0. The result
// is the Grouping find_near_duplicates_minhash gives on the concatenated signatures, whatever P.
//
//   NearDupStats stats;
//   Result<Grouping> g = distributed_minhash_grouping(comm, my_signatures, first_doc_of_rank,
//                                                     lengths_on_root, options, threads, &stats);
//   // on rank 0: g->kept_of[d] for every global document d
//
// Steps (every rank calls it, collectives in the same order on every rank):
//   1. Band records. For each of its documents and each band b, a rank makes the record
//      (band key, b, global doc) — 16 bytes — and sends it to rank key mod P
//      (Comm::alltoallv, rounds of kBandBatchBytes per rank, every MPI count < 2^31).
//   2. Candidates. Each rank sorts the records it owns by (band, key, doc): a run of equal
//      (band, key) is one LSH bucket of the serial index, members in document order, so the
//      bucket's pairs are the serial ones (every pair up to max_bucket_size members, else the
//      chain by (full-signature hash, doc): index/lsh_index.h; the members of such buckets
//      get their hash from their owner, 4 + 8 bytes each, in two small collectives).
//   3. Verification needs both signatures. A pair (a, b), a < b, goes to the owner of b (8
//      bytes), which removes repeats (every copy of a pair, from any band and any rank, meets
//      there) and pairs with b's empty-set signature, then sends b's signature once per
//      (b, owner of a) with the list of its a's: 8 + 4 num_perm bytes per (b, rank) plus 4 per
//      pair. The owner of a drops pairs with a's empty signature, counts the candidates and
//      keeps the pairs whose estimate reaches the verification threshold (group/verify.h's
//      rule: equal slots >= threshold x num_perm).
//   4. Components on rank 0: the verified edges (12 bytes each) are gathered to rank 0, which
//      asks each rank for the signatures of its documents that have an edge and runs
//      group_minhash_edges (union-find, kept document, the check of every member against it)
//      on that sub-corpus, renumbered in order; every other document is its own group. Labels
//      are therefore the smallest global index (or the longest, --keep longest) of each group,
//      as in a serial run, and cannot depend on P. Gathering rather than distributed hooking +
//      pointer jumping: the check against the kept document needs similarity(member, kept) for
//      arbitrary pairs of a component, round after round; with the edges and the signatures of
//      the near-duplicates on one rank it is the serial code, unchanged. The edges are at most
//      the candidate pairs (the summary's "candidate pairs"; bench/README.md has the measured
//      figure per document), and only documents with an edge send their signature.
//
// Memory per rank: its shard's signatures (4 num_perm bytes per document), its band records
// (16 x bands bytes per document, sent) and the records it owns (the same on average, received),
// its candidate pairs. Rank 0 in addition: the verified edges and the signatures of the
// documents that have one (the near-duplicates and their kept documents; not the whole table),
// and the Grouping of every document (16 bytes each).
// Returns the Grouping on rank 0 (an empty one elsewhere); stats (candidate pairs, bands,
// rows, verified edges) and exchange figures on every rank.

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "dist/comm.h"
#include "group/dedup_options.h"
#include "group/near_dup.h"
#include "pipeline/internal/distributed_exchange.h"

namespace docsift::detail {

struct MinHashExchangeFigures {
  uint64_t band_records_sent = 0;  // this rank's records to other ranks
  uint64_t candidate_pairs = 0;    // over all ranks (after repeats are removed)
  uint64_t verified_edges = 0;     // over all ranks
  uint64_t docs_with_edges = 0;    // signatures gathered to rank 0
};

// Bytes per rank per round of the band exchange (distributed_exchange.h's batch).
inline constexpr size_t kBandBatchBytes = kExchangeBatchBytes;

// signatures: this rank's documents, num_perm values each (document-major);
// first_doc_of_rank: P + 1 values on every rank (global index of each rank's first document);
// root_lengths: every document's text bytes, on rank 0 only (for --keep longest).
// Every rank returns the same Status.
Result<Grouping> distributed_minhash_grouping(const dist::Comm& comm,
                                              std::span<const uint32_t> signatures,
                                              std::span<const uint64_t> first_doc_of_rank,
                                              std::span<const uint64_t> root_lengths,
                                              const DedupOptions& options, unsigned threads,
                                              NearDupStats* stats,
                                              MinHashExchangeFigures* figures = nullptr);

}  // namespace docsift::detail
