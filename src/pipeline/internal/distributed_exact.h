#pragma once
// Exact-duplicate grouping over the ranks of an MPI world without gathering the keys to rank 0:
// (key, global doc) records exchanged by key, each key's cluster decided by its owner, cluster
// numbers by first appearance computed from the global document numbers. The result is the
// grouping group_documents gives for --method exact on one machine (group/doc_grouping.cc:
// kept = first member, or --keep longest: the longest, ties to the first; clusters numbered by
// first appearance in input order), whatever P.
//
//   ExactGroupingResult r;
//   DOCSIFT_RETURN_IF_ERROR(distributed_exact_grouping(comm, keys, lengths, first_doc_of_rank,
//                                                      options, want_all_docs, &r));
//   // every rank: r.kept_flags of its documents; rank 0: r.rows (duplicates, or every document)
//
// Steps (every rank calls it, collectives in the same order on every rank):
//   1. Key records. Each document's (128-bit exact key, length, global doc) — 24 bytes (32 when
//      some text has 2^32 bytes or more) — goes to rank key mod P (distributed_exchange.h:
//      Alltoallv in rounds of kExchangeBatchBytes).
//   2. Clusters. The owner sorts its records by (key, doc): a run of equal keys is one cluster,
//      its first member the smallest global doc; kept is the first (or the longest, ties to the
//      smaller doc, as the serial scan in doc order). For a cluster of two or more, every
//      member's (doc, first, kept, size) — 16 bytes — goes to the rank of the cluster's first
//      member; every cluster's kept doc (and whether it is a singleton: 8 bytes) goes to its own
//      rank (its kept flag; a singleton is its own first member).
//   3. Numbers. A cluster's number is the count of clusters whose first member comes before its
//      own: each rank numbers the clusters whose first member it holds in doc order, after the
//      clusters of the lower ranks (MPI_Exscan of the counts) — the serial first-appearance
//      numbering, from global document numbers alone.
//   4. To rank 0: (doc, kept, cluster, size) — 16 bytes — for each removed document, or for
//      every document when want_all_docs (the --clusters file lists every document). Group
//      counts (groups with duplicates, largest, above the warning size, kept) are reduced.
//
// Memory per rank: its keys (16 bytes per document) and records sent (24 bytes per document),
// the records it owns (32 bytes per document on average, unpacked), the member records of the
// groups it numbers (16 bytes per duplicate document), its kept records (8 bytes per kept
// document). Rank 0 in addition: 16 bytes per removed document (per document with want_all_docs) —
// never the key table.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "dist/comm.h"
#include "group/dedup_options.h"
#include "text/normalize.h"

namespace docsift::detail {

struct ExactRow {  // one document of the result, on rank 0
  uint32_t doc;
  uint32_t kept;     // global doc kept for its cluster
  uint32_t cluster;  // serial numbering (first appearance)
  uint32_t size;     // members of the cluster
};
static_assert(sizeof(ExactRow) == 16);

struct ExactGroupingResult {
  std::string kept_flags;      // this rank's documents: 1 when kept
  std::vector<ExactRow> rows;  // rank 0: ascending doc; removed docs, or every doc (want_all)
  // Over all ranks, on every rank (as detail::count_groups counts them).
  uint64_t duplicate_groups = 0, largest_group = 0, large_groups = 0, docs_kept = 0;
};

// keys: this rank's documents' exact keys (one per document, in document order); lengths: their
// text bytes (used for --keep longest); first_doc_of_rank: P + 1 values on every rank. Every rank
// returns the same Status.
Status distributed_exact_grouping(const dist::Comm& comm, std::span<const Key128> keys,
                                  std::span<const uint64_t> lengths,
                                  std::span<const uint64_t> first_doc_of_rank,
                                  const DedupOptions& options, bool want_all_docs,
                                  ExactGroupingResult* out);

}  // namespace docsift::detail
