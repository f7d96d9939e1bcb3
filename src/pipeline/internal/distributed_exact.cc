#include "pipeline/internal/distributed_exact.h"

#include <algorithm>

#include "pipeline/internal/distributed_exchange.h"

namespace docsift::detail {
namespace {

struct KeyRecord {  // 32 bytes on the wire when a text has 2^32 bytes or more
  Key128 key;
  uint64_t length;
  uint32_t doc;  // global index
  uint32_t pad;
};
static_assert(sizeof(KeyRecord) == 32);

struct NarrowKeyRecord {  // 24 bytes on the wire: every text under 2^32 bytes (the usual case)
  Key128 key;
  uint32_t length;
  uint32_t doc;
};
static_assert(sizeof(NarrowKeyRecord) == 24);

struct MemberRecord {  // 16 bytes on the wire: a member of a cluster of 2 or more
  uint32_t doc, first, kept, size;
};
static_assert(sizeof(MemberRecord) == 16);

struct KeptRecord {  // 8 bytes on the wire: a kept document, to its rank
  uint32_t doc;
  uint32_t alone;  // 1: its cluster is itself (first, kept, size 1)
};
static_assert(sizeof(KeptRecord) == 8);

}  // namespace

Status distributed_exact_grouping(const dist::Comm& comm, std::span<const Key128> keys,
                                  std::span<const uint64_t> lengths,
                                  std::span<const uint64_t> first_doc_of_rank,
                                  const DedupOptions& options, bool want_all_docs,
                                  ExactGroupingResult* out) {
  const int num_ranks = comm.size();
  const int rank = comm.rank();
  const uint64_t n = first_doc_of_rank[num_ranks];
  const uint64_t base = first_doc_of_rank[rank];
  const size_t mine = first_doc_of_rank[rank + 1] - base;
  DOCSIFT_ASSERT(keys.size() == mine && lengths.size() == mine);
  // n is the same on every rank: the check agrees without a message.
  if (n > UINT32_MAX) return Status::InvalidArgument("more than 2^32 - 1 documents");
  const bool longest = options.keep == KeepPolicy::kLongest;
  ExactGroupingResult r;
  std::vector<std::string> to_rank(num_ranks);

  // 1. Key records to the owner of their key.
  // 24-byte records unless some text has 2^32 bytes or more (the same choice on every rank).
  uint64_t longest_text = 0;
  for (uint64_t l : lengths) longest_text = std::max(longest_text, l);
  const bool narrow = comm.max(longest_text) <= UINT32_MAX;
  for (size_t d = 0; d < mine; ++d) {
    std::string& to = to_rank[keys[d].low % static_cast<uint64_t>(num_ranks)];
    const auto doc = static_cast<uint32_t>(base + d);
    if (narrow) {
      append_raw(to, NarrowKeyRecord{keys[d], static_cast<uint32_t>(lengths[d]), doc});
    } else {
      append_raw(to, KeyRecord{keys[d], lengths[d], doc, 0});
    }
  }
  std::vector<KeyRecord> owned;
  if (narrow) {
    for (const NarrowKeyRecord& x : exchange_records<NarrowKeyRecord>(comm, to_rank)) {
      owned.push_back({x.key, x.length, x.doc, 0});
    }
  } else {
    owned = exchange_records<KeyRecord>(comm, to_rank);
  }

  // 2. Clusters of the owned keys: members to the first member's rank, kept docs to theirs.
  std::sort(owned.begin(), owned.end(), [](const KeyRecord& x, const KeyRecord& y) {
    return x.key != y.key ? x.key < y.key : x.doc < y.doc;
  });
  std::vector<std::string> kept_to_rank(num_ranks);
  for (size_t i = 0; i < owned.size();) {
    size_t j = i + 1;
    while (j < owned.size() && owned[j].key == owned[i].key) ++j;
    size_t rep = i;  // group_exact's rule: the first, or a strictly longer later member
    if (longest) {
      for (size_t x = i + 1; x < j; ++x) rep = owned[x].length > owned[rep].length ? x : rep;
    }
    const uint32_t first = owned[i].doc, kept = owned[rep].doc;
    const auto size = static_cast<uint32_t>(j - i);
    // A singleton (most documents) is only a kept flag; it is its own first member.
    if (size > 1) {
      std::string& to_first = to_rank[owner_of(first_doc_of_rank, first)];
      for (size_t x = i; x < j; ++x) {
        append_raw(to_first, MemberRecord{owned[x].doc, first, kept, size});
      }
    }
    append_raw(kept_to_rank[owner_of(first_doc_of_rank, kept)],
               KeptRecord{kept, static_cast<uint32_t>(size == 1)});
    i = j;
  }
  owned = {};
  std::vector<MemberRecord> members = exchange_records<MemberRecord>(comm, to_rank);
  std::vector<uint32_t> alone;  // singletons of this rank, ascending
  r.kept_flags.assign(mine, '\0');
  for (const KeptRecord& k : exchange_records<KeptRecord>(comm, kept_to_rank)) {
    r.kept_flags[k.doc - base] = 1;
    if (k.alone) alone.push_back(k.doc);
  }
  std::sort(alone.begin(), alone.end());

  // 3. Numbers of the clusters whose first member is here (the groups of 2 or more and the
  // singletons, merged in order of first member), after those of the lower ranks.
  std::sort(members.begin(), members.end(), [](const MemberRecord& x, const MemberRecord& y) {
    return x.first != y.first ? x.first < y.first : x.doc < y.doc;
  });
  uint64_t clusters = alone.size(), duplicate_groups = 0, large = 0;
  uint64_t largest = alone.empty() ? 0 : 1;
  if (options.large_group_warning < 1) large += alone.size();
  for (size_t i = 0; i < members.size(); i += members[i].size) {
    ++clusters;
    ++duplicate_groups;
    largest = std::max<uint64_t>(largest, members[i].size);
    large += members[i].size > options.large_group_warning;
  }
  uint64_t number = comm.exscan_sum(clusters);

  // 4. Rows to rank 0: the removed documents, or every document (want_all_docs).
  size_t next_alone = 0;
  auto singletons_before = [&](uint64_t doc) {
    for (; next_alone < alone.size() && alone[next_alone] < doc; ++next_alone, ++number) {
      const uint32_t d = alone[next_alone];
      if (want_all_docs) append_raw(to_rank[0], ExactRow{d, d, static_cast<uint32_t>(number), 1});
    }
  };
  for (size_t i = 0; i < members.size(); i += members[i].size, ++number) {
    singletons_before(members[i].first);
    for (size_t x = i; x < i + members[i].size; ++x) {
      const MemberRecord& m = members[x];
      if (!want_all_docs && m.doc == m.kept) continue;
      append_raw(to_rank[0], ExactRow{m.doc, m.kept, static_cast<uint32_t>(number), m.size});
    }
  }
  singletons_before(UINT64_MAX);
  members = {};
  alone = {};
  r.rows = exchange_records<ExactRow>(comm, to_rank);
  std::sort(r.rows.begin(), r.rows.end(),
            [](const ExactRow& x, const ExactRow& y) { return x.doc < y.doc; });
  r.duplicate_groups = comm.sum(duplicate_groups);
  r.largest_group = comm.max(largest);
  r.large_groups = comm.sum(large);
  r.docs_kept = comm.sum(clusters);
  *out = std::move(r);
  return Status::Ok();
}

}  // namespace docsift::detail
