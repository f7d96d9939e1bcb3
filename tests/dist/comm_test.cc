// dist/: launcher detection from the environment, status and byte packing, and the collectives
// of Comm. Run plainly, the world has one rank; run under mpirun (test mpi_comm_np3) the same
// tests check the collectives across ranks against values every rank can compute alone.

#include "dist/comm.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <numeric>
#include <string>
#include <vector>

#include "dist/bytes.h"
#include "dist/launcher.h"

namespace docsift::dist {
namespace {

class CommTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    static bool started = false;
    if (started) return;
    started = true;
    ASSERT_TRUE(Comm::init(nullptr, nullptr).ok());
    std::atexit(Comm::finalize);
  }
};

// Sets variables for one test and restores them after.
class Env {
 public:
  void set(const char* name, const char* value) {
    const char* old = std::getenv(name);
    saved_.push_back({name, old ? std::string(old) : std::string(), old != nullptr});
    if (value) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~Env() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
      if (it->had) {
        setenv(it->name.c_str(), it->value.c_str(), 1);
      } else {
        unsetenv(it->name.c_str());
      }
    }
  }

 private:
  struct Saved {
    std::string name, value;
    bool had;
  };
  std::vector<Saved> saved_;
};

void clear_launcher_vars(Env& env) {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMIX_SIZE",
                        "PMI_SIZE", "PMI_RANK", "SLURM_STEP_ID", "SLURM_NTASKS"}) {
    env.set(v, nullptr);
  }
}

TEST(LauncherTest, NoLauncherNoMpi) {
  Env env;
  clear_launcher_vars(env);
  const LauncherEnv l = detect_launcher();
  EXPECT_FALSE(l.launched);
  EXPECT_EQ(l.size, 1);
  EXPECT_TRUE(l.error.empty());
}

TEST(LauncherTest, EachLauncherIsRecognised) {
  {
    Env env;
    clear_launcher_vars(env);
    env.set("OMPI_COMM_WORLD_SIZE", "4");
    env.set("OMPI_COMM_WORLD_RANK", "2");
    const LauncherEnv l = detect_launcher();
    EXPECT_TRUE(l.launched);
    EXPECT_EQ(l.size, 4);
    EXPECT_EQ(l.rank, 2);
    EXPECT_EQ(l.variable, "OMPI_COMM_WORLD_SIZE");
  }
  {
    Env env;
    clear_launcher_vars(env);
    env.set("PMIX_RANK", "0");
    const LauncherEnv l = detect_launcher();
    EXPECT_TRUE(l.launched);
    EXPECT_EQ(l.variable, "PMIX_RANK");
  }
  {
    Env env;
    clear_launcher_vars(env);
    env.set("PMI_SIZE", "8");
    env.set("PMI_RANK", "7");
    const LauncherEnv l = detect_launcher();
    EXPECT_TRUE(l.launched);
    EXPECT_EQ(l.size, 8);
    EXPECT_EQ(l.rank, 7);
  }
}

TEST(LauncherTest, SlurmAloneIsNoLauncherAndSrunWithoutPmiIsRefused) {
  Env env;
  clear_launcher_vars(env);
  env.set("SLURM_NTASKS", "4");  // an sbatch script's shell
  EXPECT_FALSE(detect_launcher().launched);
  EXPECT_TRUE(detect_launcher().error.empty());
  env.set("SLURM_STEP_ID", "0");  // a task of `srun -n 4` without --mpi
  const LauncherEnv l = detect_launcher();
  EXPECT_FALSE(l.launched);
  EXPECT_NE(l.error.find("srun --mpi=pmix"), std::string::npos) << l.error;
}

TEST(LauncherTest, MalformedValuesAreIgnored) {
  Env env;
  clear_launcher_vars(env);
  env.set("OMPI_COMM_WORLD_SIZE", "four");
  EXPECT_FALSE(detect_launcher().launched);
}

TEST(StatusBytesTest, RoundTrip) {
  for (const Status& s :
       {Status::Ok(), Status::InvalidInput("a.jsonl:3: bad"), Status::InvalidArgument("x"),
        Status::IoError("y"), Status::ResourceExhausted("z")}) {
    const Status back = decode_status(encode_status(s));
    EXPECT_EQ(back.code(), s.code());
    EXPECT_EQ(back.message(), s.message());
  }
}

TEST(BytesTest, RoundTrip) {
  ByteWriter w;
  const std::vector<uint32_t> a = {1, 2, 0xFFFFFFFF};
  const std::vector<uint64_t> empty;
  w.u64(42);
  w.str("id-\xC3\xA9");
  w.array(std::span<const uint32_t>(a));
  w.array(std::span<const uint64_t>(empty));
  w.str("");
  ByteReader r(w.bytes());
  EXPECT_EQ(r.u64(), 42u);
  EXPECT_EQ(r.str(), "id-\xC3\xA9");
  std::vector<uint32_t> a2 = {7};
  r.append_array(a2);
  EXPECT_EQ(a2, (std::vector<uint32_t>{7, 1, 2, 0xFFFFFFFF}));
  std::vector<uint64_t> e2;
  r.append_array(e2);
  EXPECT_TRUE(e2.empty());
  EXPECT_EQ(r.str(), "");
  EXPECT_TRUE(r.done());
}

// Collectives: with P ranks each rank knows what every rank contributed (a function of the rank).
TEST_F(CommTest, WorldIsTheLaunchersWorld) {
  const LauncherEnv env = detect_launcher();
  EXPECT_EQ(Comm::world().size(), env.launched ? env.size : 1);
  EXPECT_EQ(Comm::world().rank(), env.launched ? env.rank : 0);
}

TEST_F(CommTest, ScanReduceGather) {
  const Comm& c = Comm::world();
  const uint64_t p = c.size(), r = c.rank();
  EXPECT_EQ(c.exscan_sum(r + 1), r * (r + 1) / 2);
  EXPECT_EQ(c.sum(r + 1), p * (p + 1) / 2);
  EXPECT_EQ(c.max(r * 3), (p - 1) * 3);
  EXPECT_EQ(c.sum(0.5), 0.5 * static_cast<double>(p));
  std::vector<uint64_t> v(1000, r + 1);
  c.sum_in_place(std::span<uint64_t>(v));
  for (uint64_t x : v) ASSERT_EQ(x, p * (p + 1) / 2);
  std::vector<uint64_t> want(p);
  std::iota(want.begin(), want.end(), 10);
  EXPECT_EQ(c.allgather(r + 10), want);
}

TEST_F(CommTest, AgreeGivesTheLowestFailingRanksStatus) {
  const Comm& c = Comm::world();
  EXPECT_TRUE(c.agree(Status::Ok()).ok());
  // Every rank from the middle on fails with its own message.
  const int first_bad = c.size() / 2;
  const Status mine = c.rank() >= first_bad
                          ? Status::InvalidInput("rank " + std::to_string(c.rank()))
                          : Status::Ok();
  const Status s = c.agree(mine);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.message(), "rank " + std::to_string(first_bad));
}

TEST_F(CommTest, AlltoallvInSmallRoundsDeliversEverything) {
  const Comm& c = Comm::world();
  const int p = c.size();
  auto payload = [](int from, int to) {
    std::string s;
    for (int i = 0; i < 1000 * (from + 1) + 37 * to; ++i)
      s.push_back(static_cast<char>(i * 7 + from + to));
    return s;
  };
  std::vector<std::string> out(p);
  for (int to = 0; to < p; ++to) out[to] = payload(c.rank(), to);
  // 256-byte rounds: many rounds, uneven lengths, ranks that finish early.
  const std::vector<std::string> got = c.alltoallv(out, 256);
  ASSERT_EQ(got.size(), static_cast<size_t>(p));
  for (int from = 0; from < p; ++from) EXPECT_EQ(got[from], payload(from, c.rank())) << from;
}

TEST_F(CommTest, BroadcastAndMessages) {
  const Comm& c = Comm::world();
  std::string b = c.root() ? std::string(100000, 'x') + "end" : std::string();
  c.broadcast(b, 0);
  EXPECT_EQ(b.size(), 100003u);
  EXPECT_EQ(b.substr(b.size() - 3), "end");
  const Status s = c.broadcast(c.root() ? Status::IoError("disk full") : Status::Ok(), 0);
  EXPECT_EQ(s.message(), "disk full");
  if (!c.distributed()) return;
  if (c.root()) {
    for (int r = 1; r < c.size(); ++r) {
      EXPECT_EQ(c.recv(r), "from " + std::to_string(r));
      EXPECT_EQ(c.recv(r), "");
      EXPECT_EQ(c.recv_status(r).message(), "status " + std::to_string(r));
    }
  } else {
    c.send(0, "from " + std::to_string(c.rank()));
    c.send(0, std::string_view());
    c.send(0, Status::InvalidInput("status " + std::to_string(c.rank())));
  }
}

}  // namespace
}  // namespace docsift::dist
