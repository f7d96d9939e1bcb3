#pragma once
// Comm: the MPI world as docsift uses it — rank and size, and a few typed collectives that keep
// every MPI count under 2^31 by moving large payloads in bounded chunks and rounds. Built without
// MPI (DOCSIFT_WITH_MPI off), or started without a launcher (dist/launcher.h), the world has one
// rank and every call is a local copy: a serial run pays nothing for MPI.
//
//   DOCSIFT_RETURN_IF_ERROR(Comm::init(&argc, &argv));   // main(), once; MPI_Init under mpirun
//   Comm& comm = Comm::world();
//   uint64_t first = comm.exscan_sum(my_docs);            // global index of my first document
//   Status s = comm.agree(my_status);                     // same Status on every rank
//
// Error agreement: agree() gives every rank the status of the lowest rank that failed (ranks
// hold consecutive parts of the inputs, so that is the first error in input order), or Ok.
// Collectives must be called by every rank in the same order (MPI's rule); the point-to-point
// byte streams are ordered per pair of ranks. Not thread-safe: call from the main thread only.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace docsift::dist {

class Comm {
 public:
  // Largest MPI message: payloads above it go in several chunks or rounds.
  static constexpr size_t kMaxChunk = size_t{64} << 20;

  // Calls MPI_Init when a launcher started the process (else nothing). InvalidArgument when
  // srun started the task without PMI (see dist/launcher.h), or when MPI is not built in and a
  // launcher asks for more than one rank.
  static Status init(int* argc, char*** argv);
  // MPI_Finalize when init() started MPI; safe to call more than once.
  static void finalize();
  static Comm& world();
  // Whether this build has MPI (DOCSIFT_WITH_MPI), for --version.
  static bool mpi_built();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }
  bool distributed() const { return size_ > 1; }
  const std::string& launcher() const { return launcher_; }  // the deciding variable or ""

  // Collectives (every rank calls them).
  uint64_t exscan_sum(uint64_t mine) const;  // sum over lower ranks (0 on rank 0)
  uint64_t sum(uint64_t mine) const;
  uint64_t max(uint64_t mine) const;
  double sum(double mine) const;
  double max(double mine) const;
  void sum_in_place(std::span<uint64_t> values) const;  // element-wise over ranks
  void sum_in_place(std::span<int64_t> values) const;
  std::vector<uint64_t> allgather(uint64_t mine) const;  // value of every rank, by rank
  Status agree(const Status& mine) const;
  Status broadcast(const Status& status, int from) const;  // `from`'s status on every rank
  void broadcast(std::string& bytes, int from) const;      // any size, in chunks
  // to_rank[r] goes to rank r (to_rank has size() strings); returns what every rank sent here,
  // by rank. Rounds of at most round_bytes (<= kMaxChunk) bytes per rank in total, until every
  // rank has sent everything.
  std::vector<std::string> alltoallv(const std::vector<std::string>& to_rank,
                                     size_t round_bytes = kMaxChunk) const;

  // Point-to-point byte messages of any size (chunked); recv() blocks for the next message
  // from `from` sent by send().
  void send(int to, std::string_view bytes) const;
  std::string recv(int from) const;
  void send(int to, const Status& status) const;
  Status recv_status(int from) const;

  // Payload bytes this rank has sent (collectives and messages), for the run summary.
  uint64_t bytes_sent() const { return bytes_sent_; }

  // Ends every rank with `code` (MPI_Abort); for unrecoverable errors (exceptions) that would
  // leave the other ranks waiting in a collective. Serial: std::exit(code).
  [[noreturn]] void abort(int code) const;

 private:
  Comm() = default;
  int rank_ = 0;
  int size_ = 1;
  bool mpi_started_ = false;
  std::string launcher_;
  mutable uint64_t bytes_sent_ = 0;
};

// A status as bytes and back (code + message), for sending.
std::string encode_status(const Status& status);
Status decode_status(std::string_view bytes);

// Peak resident memory of this process (getrusage), bytes.
uint64_t peak_rss_bytes();

}  // namespace docsift::dist
