#pragma once
// Record exchange shared by the distributed groupings (distributed_minhash.h, distributed_exact.h):
// fixed-size trivially copyable records appended to one byte string per destination rank, moved
// with Comm::alltoallv in bounded rounds (every MPI count < 2^31), and parsed back.
//
//   std::vector<std::string> to_rank(comm.size());
//   append_raw(to_rank[owner], record);
//   std::vector<Record> owned = exchange_records<Record>(comm, to_rank, kExchangeBatchBytes);
//
// Deterministic: what a rank receives is in rank order, each rank's records in the order they
// were appended. Not thread-safe (Comm is called from the main thread only).

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "core/status.h"
#include "dist/comm.h"

namespace docsift::detail {

// Bytes per rank per round of an exchange (a fixed batch; counts stay far below 2^31).
inline constexpr size_t kExchangeBatchBytes = size_t{32} << 20;

template <typename T>
void append_raw(std::string& out, const T& value) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

// The records of every part, concatenated in part order.
template <typename T>
std::vector<T> parse_all(const std::vector<std::string>& parts) {
  static_assert(std::is_trivially_copyable_v<T>);
  size_t total = 0;
  for (const std::string& p : parts) total += p.size() / sizeof(T);
  std::vector<T> out(total);
  size_t at = 0;
  for (const std::string& p : parts) {
    DOCSIFT_ASSERT(p.size() % sizeof(T) == 0);
    if (!p.empty()) std::memcpy(out.data() + at, p.data(), p.size());
    at += p.size() / sizeof(T);
  }
  return out;
}

// to_rank[r] (records of T) to rank r; returns the records every rank sent here, in rank order.
// Clears to_rank. A collective: every rank calls it.
template <typename T>
std::vector<T> exchange_records(const dist::Comm& comm, std::vector<std::string>& to_rank,
                                size_t round_bytes = kExchangeBatchBytes) {
  std::vector<std::string> got = comm.alltoallv(to_rank, round_bytes);
  to_rank.assign(to_rank.size(), std::string());
  return parse_all<T>(got);
}

// The rank that holds global document `doc` (first_doc_of_rank: P + 1 values).
inline int owner_of(std::span<const uint64_t> first_doc_of_rank, uint64_t doc) {
  return static_cast<int>(
      std::upper_bound(first_doc_of_rank.begin(), first_doc_of_rank.end() - 1, doc) -
      first_doc_of_rank.begin() - 1);
}

}  // namespace docsift::detail
