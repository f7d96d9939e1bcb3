#include "dist/comm.h"

#include <sys/resource.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "dist/launcher.h"

#ifdef DOCSIFT_WITH_MPI
#include <mpi.h>
#endif

namespace docsift::dist {

std::string encode_status(const Status& status) {
  std::string out(1, static_cast<char>(status.code()));
  out += status.message();
  return out;
}

Status decode_status(std::string_view bytes) {
  if (bytes.empty() || bytes[0] == 0) return Status::Ok();
  const auto code = static_cast<StatusCode>(static_cast<unsigned char>(bytes[0]));
  std::string msg(bytes.substr(1));
  switch (code) {
    case StatusCode::kInvalidInput:
      return Status::InvalidInput(std::move(msg));
    case StatusCode::kInvalidArgument:
      return Status::InvalidArgument(std::move(msg));
    case StatusCode::kIoError:
      return Status::IoError(std::move(msg));
    case StatusCode::kResourceExhausted:
      return Status::ResourceExhausted(std::move(msg));
    case StatusCode::kOk:
      break;
  }
  return Status::InvalidInput(std::move(msg));
}

uint64_t peak_rss_bytes() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<uint64_t>(ru.ru_maxrss) * 1024;  // Linux: KiB
}

Comm& Comm::world() {
  static Comm comm;
  return comm;
}

#ifdef DOCSIFT_WITH_MPI

bool Comm::mpi_built() { return true; }

namespace {
constexpr int kTagBytes = 17;
constexpr int kTagStatus = 18;
}  // namespace

Status Comm::init(int* argc, char*** argv) {
  Comm& c = world();
  const LauncherEnv env = detect_launcher();
  if (!env.error.empty()) return Status::InvalidArgument(env.error);
  if (!env.launched || c.mpi_started_) return Status::Ok();
  int provided = 0;
  if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    return Status::IoError("MPI_Init failed (launched by " + env.variable + ")");
  }
  c.mpi_started_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &c.rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &c.size_);
  c.launcher_ = env.variable;
  return Status::Ok();
}

void Comm::finalize() {
  Comm& c = world();
  if (!c.mpi_started_) return;
  c.mpi_started_ = false;
  MPI_Finalize();
}

uint64_t Comm::exscan_sum(uint64_t mine) const {
  if (!distributed()) return 0;
  uint64_t out = 0;
  MPI_Exscan(&mine, &out, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
  bytes_sent_ += sizeof mine;
  return rank_ == 0 ? 0 : out;  // MPI leaves rank 0's result undefined
}

// One value (or one chunked span) reduced over every rank; `sent` counts this rank's bytes.
template <typename T>
T allreduce_one(T mine, MPI_Datatype type, MPI_Op op, uint64_t& sent) {
  T out{};
  MPI_Allreduce(&mine, &out, 1, type, op, MPI_COMM_WORLD);
  sent += sizeof mine;
  return out;
}

template <typename T>
void allreduce_sum_in_place(std::span<T> values, MPI_Datatype type, uint64_t& sent) {
  const size_t step = Comm::kMaxChunk / sizeof(T);
  for (size_t i = 0; i < values.size(); i += step) {
    const int n = static_cast<int>(std::min(step, values.size() - i));
    MPI_Allreduce(MPI_IN_PLACE, values.data() + i, n, type, MPI_SUM, MPI_COMM_WORLD);
    sent += n * sizeof(T);
  }
}

uint64_t Comm::sum(uint64_t mine) const {
  return distributed() ? allreduce_one(mine, MPI_UINT64_T, MPI_SUM, bytes_sent_) : mine;
}
uint64_t Comm::max(uint64_t mine) const {
  return distributed() ? allreduce_one(mine, MPI_UINT64_T, MPI_MAX, bytes_sent_) : mine;
}
double Comm::sum(double mine) const {
  return distributed() ? allreduce_one(mine, MPI_DOUBLE, MPI_SUM, bytes_sent_) : mine;
}
double Comm::max(double mine) const {
  return distributed() ? allreduce_one(mine, MPI_DOUBLE, MPI_MAX, bytes_sent_) : mine;
}
void Comm::sum_in_place(std::span<uint64_t> values) const {
  if (distributed()) allreduce_sum_in_place(values, MPI_UINT64_T, bytes_sent_);
}
void Comm::sum_in_place(std::span<int64_t> values) const {
  if (distributed()) allreduce_sum_in_place(values, MPI_INT64_T, bytes_sent_);
}

std::vector<uint64_t> Comm::allgather(uint64_t mine) const {
  std::vector<uint64_t> all(size_, mine);
  if (!distributed()) return all;
  MPI_Allgather(&mine, 1, MPI_UINT64_T, all.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD);
  bytes_sent_ += sizeof mine;
  return all;
}

Status Comm::agree(const Status& mine) const {
  if (!distributed()) return mine;
  int first = mine.ok() ? INT_MAX : rank_;
  MPI_Allreduce(MPI_IN_PLACE, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (first == INT_MAX) return Status::Ok();
  return broadcast(mine, first);
}

Status Comm::broadcast(const Status& status, int from) const {
  if (!distributed()) return status;
  std::string bytes = rank_ == from ? encode_status(status) : std::string();
  broadcast(bytes, from);
  return decode_status(bytes);
}

void Comm::broadcast(std::string& bytes, int from) const {
  if (!distributed()) return;
  uint64_t n = bytes.size();
  MPI_Bcast(&n, 1, MPI_UINT64_T, from, MPI_COMM_WORLD);
  if (rank_ != from) bytes.resize(n);
  for (uint64_t i = 0; i < n; i += kMaxChunk) {
    const int count = static_cast<int>(std::min<uint64_t>(kMaxChunk, n - i));
    MPI_Bcast(bytes.data() + i, count, MPI_BYTE, from, MPI_COMM_WORLD);
  }
  if (rank_ == from) bytes_sent_ += n;
}

std::vector<std::string> Comm::alltoallv(const std::vector<std::string>& to_rank,
                                         size_t round_bytes) const {
  std::vector<std::string> got(size_);
  if (!distributed()) {
    got[0] = to_rank.at(0);
    return got;
  }
  // Each round sends at most kMaxChunk bytes from this rank, split evenly over the ranks it
  // still has bytes for; so every count and displacement stays under 2^31.
  const size_t per_rank = std::max<size_t>(1, std::min(round_bytes, kMaxChunk) / size_);
  std::vector<size_t> sent(size_, 0);
  std::vector<int> send_counts(size_), recv_counts(size_), send_displs(size_), recv_displs(size_);
  std::string send_buf, recv_buf;
  while (true) {
    uint64_t left = 0;
    send_buf.clear();
    for (int r = 0; r < size_; ++r) {
      const size_t n = std::min(per_rank, to_rank[r].size() - sent[r]);
      send_displs[r] = static_cast<int>(send_buf.size());
      send_counts[r] = static_cast<int>(n);
      send_buf.append(to_rank[r], sent[r], n);
      sent[r] += n;
      left += to_rank[r].size() - sent[r];
    }
    MPI_Alltoall(send_counts.data(), 1, MPI_INT, recv_counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
    size_t total = 0;
    for (int r = 0; r < size_; ++r) {
      recv_displs[r] = static_cast<int>(total);
      total += recv_counts[r];
    }
    recv_buf.resize(total);
    MPI_Alltoallv(send_buf.data(), send_counts.data(), send_displs.data(), MPI_BYTE,
                  recv_buf.data(), recv_counts.data(), recv_displs.data(), MPI_BYTE,
                  MPI_COMM_WORLD);
    bytes_sent_ += send_buf.size() - send_counts[rank_];
    for (int r = 0; r < size_; ++r) got[r].append(recv_buf, recv_displs[r], recv_counts[r]);
    uint64_t any_left = left;
    MPI_Allreduce(MPI_IN_PLACE, &any_left, 1, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD);
    if (any_left == 0) break;
  }
  return got;
}

void Comm::send(int to, std::string_view bytes) const {
  uint64_t n = bytes.size();
  MPI_Send(&n, 1, MPI_UINT64_T, to, kTagBytes, MPI_COMM_WORLD);
  for (uint64_t i = 0; i < n; i += kMaxChunk) {
    const int count = static_cast<int>(std::min<uint64_t>(kMaxChunk, n - i));
    MPI_Send(bytes.data() + i, count, MPI_BYTE, to, kTagBytes, MPI_COMM_WORLD);
  }
  bytes_sent_ += n;
}

std::string Comm::recv(int from) const {
  uint64_t n = 0;
  MPI_Recv(&n, 1, MPI_UINT64_T, from, kTagBytes, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  std::string bytes(n, '\0');
  for (uint64_t i = 0; i < n; i += kMaxChunk) {
    const int count = static_cast<int>(std::min<uint64_t>(kMaxChunk, n - i));
    MPI_Recv(bytes.data() + i, count, MPI_BYTE, from, kTagBytes, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  }
  return bytes;
}

void Comm::send(int to, const Status& status) const {
  const std::string bytes = encode_status(status);
  MPI_Send(bytes.data(), static_cast<int>(std::min(bytes.size(), kMaxChunk)), MPI_BYTE, to,
           kTagStatus, MPI_COMM_WORLD);
  bytes_sent_ += bytes.size();
}

Status Comm::recv_status(int from) const {
  MPI_Status st;
  MPI_Probe(from, kTagStatus, MPI_COMM_WORLD, &st);
  int count = 0;
  MPI_Get_count(&st, MPI_BYTE, &count);
  std::string bytes(count, '\0');
  MPI_Recv(bytes.data(), count, MPI_BYTE, from, kTagStatus, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return decode_status(bytes);
}

void Comm::abort(int code) const {
  if (mpi_started_) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

#else  // one rank, no MPI

bool Comm::mpi_built() { return false; }

Status Comm::init(int*, char***) {
  const LauncherEnv env = detect_launcher();
  if (!env.error.empty()) return Status::InvalidArgument(env.error);
  if (env.launched && env.size > 1) {
    return Status::InvalidArgument("started by a launcher with " + std::to_string(env.size) +
                                   " ranks (" + env.variable +
                                   ") but docsift was built without MPI (DOCSIFT_WITH_MPI=OFF)");
  }
  return Status::Ok();
}
void Comm::finalize() {}
uint64_t Comm::exscan_sum(uint64_t) const { return 0; }
uint64_t Comm::sum(uint64_t mine) const { return mine; }
uint64_t Comm::max(uint64_t mine) const { return mine; }
double Comm::sum(double mine) const { return mine; }
double Comm::max(double mine) const { return mine; }
void Comm::sum_in_place(std::span<uint64_t>) const {}
void Comm::sum_in_place(std::span<int64_t>) const {}
std::vector<uint64_t> Comm::allgather(uint64_t mine) const { return {mine}; }
Status Comm::agree(const Status& mine) const { return mine; }
Status Comm::broadcast(const Status& status, int) const { return status; }
void Comm::broadcast(std::string&, int) const {}
std::vector<std::string> Comm::alltoallv(const std::vector<std::string>& to_rank, size_t) const {
  return {to_rank.at(0)};
}
void Comm::send(int, std::string_view) const {}
std::string Comm::recv(int) const { return {}; }
void Comm::send(int, const Status&) const {}
Status Comm::recv_status(int) const { return Status::Ok(); }
void Comm::abort(int code) const { std::exit(code); }

#endif

}  // namespace docsift::dist
