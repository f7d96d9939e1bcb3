// ThreadPool and parallel_for on it: every index is visited exactly once in the fixed chunks,
// worker ids stay in range and are never shared by two chunks running at once, nested and
// concurrent calls complete, and repeated calls reuse the pool's threads instead of starting new
// ones. Written to be run under ThreadSanitizer too (plain writes checked after the call).

#include "core/thread_pool.h"

#include <gtest/gtest.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "core/parallel.h"

namespace docsift {
namespace {

const size_t kSizes[] = {0, 1, 3, 7, 8, 9, 15, 16, 17, 33, 10000};
const size_t kChunks[] = {0, 1, 2, 3, 7, 8, 16, 64, 10001};
const unsigned kThreads[] = {0, 1, 2, 3, 4, 8, 17};

size_t count_threads() {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry :
       std::filesystem::directory_iterator("/proc/self/task")) {
    ++n;
  }
  return n;
}

// Marks `worker` busy for the duration of a chunk; fails if another chunk holds it.
class WorkerGuard {
 public:
  explicit WorkerGuard(std::vector<std::atomic<int>>& busy, unsigned worker, bool& clash)
      : slot_(busy[worker]) {
    if (slot_.exchange(1) != 0) clash = true;
  }
  ~WorkerGuard() { slot_.store(0); }

 private:
  std::atomic<int>& slot_;
};

TEST(ParallelFor, VisitsEveryIndexOnceInFixedChunks) {
  for (size_t n : kSizes) {
    for (size_t chunk : kChunks) {
      for (unsigned threads : kThreads) {
        SCOPED_TRACE("n=" + std::to_string(n) + " chunk=" + std::to_string(chunk) +
                     " threads=" + std::to_string(threads));
        const size_t step = chunk == 0 ? 1 : chunk;
        const unsigned max_worker = threads == 0 ? hardware_threads() : threads;
        std::vector<int> visits(n, 0);  // plain ints: each index is written by one chunk only
        std::vector<std::vector<std::pair<size_t, size_t>>> per_worker(max_worker);
        std::vector<std::atomic<int>> busy(max_worker);
        std::atomic<bool> bad_worker{false};
        bool clash = false;
        parallel_for(n, threads, chunk, [&](size_t b, size_t e, unsigned w) {
          if (w >= max_worker) {
            bad_worker = true;
            return;
          }
          WorkerGuard guard(busy, w, clash);
          per_worker[w].emplace_back(b, e);
          for (size_t i = b; i < e; ++i) ++visits[i];
        });
        ASSERT_FALSE(bad_worker);
        EXPECT_FALSE(clash);
        EXPECT_EQ(std::count(visits.begin(), visits.end(), 1), static_cast<std::ptrdiff_t>(n));
        // The chunks are [0, step), [step, 2 step), ... whatever ran them.
        std::vector<std::pair<size_t, size_t>> chunks;
        for (const auto& v : per_worker) chunks.insert(chunks.end(), v.begin(), v.end());
        std::sort(chunks.begin(), chunks.end());
        std::vector<std::pair<size_t, size_t>> expected;
        for (size_t b = 0; b < n; b += step) expected.emplace_back(b, std::min(n, b + step));
        EXPECT_EQ(chunks, expected);
      }
    }
  }
}

TEST(ParallelFor, WorkerIdsAreNeverSharedByConcurrentChunks) {
  // Chunks that take a little while, so several are in flight at once.
  for (unsigned threads : {2u, 3u, 8u}) {
    std::vector<std::atomic<int>> busy(threads);
    bool clash = false;
    std::atomic<size_t> done{0};
    parallel_for(200, threads, 1, [&](size_t, size_t, unsigned w) {
      ASSERT_LT(w, threads);
      WorkerGuard guard(busy, w, clash);
      std::this_thread::sleep_for(std::chrono::microseconds(50));
      ++done;
    });
    EXPECT_FALSE(clash);
    EXPECT_EQ(done.load(), 200u);
  }
}

TEST(ThreadPool, RunsEveryTaskOnceWithWorkerIdsInRange) {
  ThreadPool pool(5);
  for (size_t tasks : kSizes) {
    for (unsigned max_workers : {0u, 1u, 2u, 3u, 6u, 9u}) {
      SCOPED_TRACE("tasks=" + std::to_string(tasks) +
                   " max_workers=" + std::to_string(max_workers));
      const size_t limit =
          std::min<size_t>(max_workers == 0 ? 6 : std::min(max_workers, 6u), tasks);
      std::vector<int> runs(tasks, 0);
      std::vector<std::atomic<int>> busy(6);
      std::atomic<bool> bad_worker{false};
      bool clash = false;
      pool.run(tasks, max_workers, [&](size_t t, unsigned w) {
        if (w >= limit) {
          bad_worker = true;
          return;
        }
        WorkerGuard guard(busy, w, clash);
        ++runs[t];
      });
      EXPECT_FALSE(bad_worker);
      EXPECT_FALSE(clash);
      EXPECT_EQ(std::count(runs.begin(), runs.end(), 1), static_cast<std::ptrdiff_t>(tasks));
    }
  }
}

TEST(ThreadPool, PoolWorkersTakePart) {
  // With slow tasks, a pool of 3 workers plus the caller uses more than one thread.
  ThreadPool pool(3);
  std::mutex mu;
  std::vector<std::thread::id> ids;
  pool.run(64, [&](size_t, unsigned) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    std::lock_guard<std::mutex> lock(mu);
    ids.push_back(std::this_thread::get_id());
  });
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  EXPECT_GT(ids.size(), 1u);
  EXPECT_LE(ids.size(), 4u);
}

TEST(ThreadPool, WithoutWorkersRunsInlineOnTheCaller) {
  ThreadPool pool(0);
  const auto caller = std::this_thread::get_id();
  size_t ran = 0;
  bool elsewhere = false;
  pool.run(100, [&](size_t, unsigned w) {
    elsewhere |= std::this_thread::get_id() != caller || w != 0;
    ++ran;
  });
  EXPECT_EQ(ran, 100u);
  EXPECT_FALSE(elsewhere);
}

TEST(ParallelFor, NestedCallsComplete) {
  // Three levels: the outer chunks run on pool threads and on the caller; inner calls from pool
  // threads run inline, inner calls from the caller use the pool again.
  constexpr size_t kOuter = 16, kMiddle = 9, kInner = 33;
  std::vector<std::atomic<int>> visits(kOuter * kMiddle * kInner);
  parallel_for(kOuter, 4, 1, [&](size_t ob, size_t oe, unsigned) {
    for (size_t o = ob; o < oe; ++o) {
      parallel_for(kMiddle, 3, 2, [&](size_t mb, size_t me, unsigned) {
        for (size_t m = mb; m < me; ++m) {
          parallel_for(kInner, 8, 4, [&](size_t ib, size_t ie, unsigned w) {
            EXPECT_LT(w, 8u);
            for (size_t i = ib; i < ie; ++i) ++visits[(o * kMiddle + m) * kInner + i];
          });
        }
      });
    }
  });
  for (const auto& v : visits) ASSERT_EQ(v.load(), 1);
}

TEST(ParallelFor, ConcurrentCallersShareThePool) {
  constexpr int kCallers = 4, kCalls = 200;
  std::vector<std::thread> callers;
  std::vector<size_t> sums(kCallers, 0);
  for (int c = 0; c < kCallers; ++c) {
    callers.emplace_back([&, c] {
      for (int k = 0; k < kCalls; ++k) {
        std::vector<size_t> part(10, 0);
        parallel_for(100, 3, 10, [&](size_t b, size_t e, unsigned) {
          for (size_t i = b; i < e; ++i) part[b / 10] += i;
        });
        for (size_t p : part) sums[c] += p;
      }
    });
  }
  for (auto& t : callers) t.join();
  for (size_t s : sums) EXPECT_EQ(s, size_t{kCalls} * 4950);
}

TEST(ParallelFor, RepeatedCallsStartNoThreads) {
  const size_t before_any = count_threads();
  parallel_for(64, 0, 1, [](size_t, size_t, unsigned) {});  // starts the pool if not yet
  const size_t warm = count_threads();
  EXPECT_LE(warm, before_any + ThreadPool::instance().num_workers());
  std::atomic<size_t> items{0};
  std::mutex mu;
  std::set<pid_t> tids;  // kernel thread ids: not reused by a new thread soon, unlike pthread_t
  for (int call = 0; call < 10000; ++call) {
    parallel_for(8, 4, 1, [&](size_t b, size_t e, unsigned) {
      items += e - b;
      if (call % 100 == 0) {
        std::lock_guard<std::mutex> lock(mu);
        tids.insert(static_cast<pid_t>(syscall(SYS_gettid)));
      }
    });
  }
  EXPECT_EQ(items.load(), 80000u);
  EXPECT_EQ(count_threads(), warm);
  // The chunks of all calls ran on the pool's threads and the caller's, not on new threads.
  EXPECT_LE(tids.size(), size_t{ThreadPool::instance().num_workers()} + 1);
}

TEST(ThreadPool, StartsLazilyAndJoinsItsThreads) {
  const size_t before = count_threads();
  {
    ThreadPool pool(6);
    EXPECT_EQ(count_threads(), before);  // nothing started yet
    for (int call = 0; call < 1000; ++call) pool.run(8, [](size_t, unsigned) {});
    EXPECT_EQ(count_threads(), before + 6);
  }
  EXPECT_EQ(count_threads(), before);
}

TEST(ParallelFor, WritesAreVisibleAfterTheCall) {
  // Plain (non-atomic) writes in the chunks, read by the caller: a missing happens-before edge
  // shows up as a data race under ThreadSanitizer and as a wrong sum otherwise.
  for (int round = 0; round < 200; ++round) {
    std::vector<uint64_t> out(1000);
    parallel_for(out.size(), 8, 7, [&](size_t b, size_t e, unsigned) {
      for (size_t i = b; i < e; ++i) out[i] = i * i + static_cast<uint64_t>(round);
    });
    uint64_t sum = 0;
    for (uint64_t v : out) sum += v;
    ASSERT_EQ(sum, 332833500u + 1000u * static_cast<uint64_t>(round));
  }
}

// A fork() child of a process whose pool workers are busy between runs (a test's killed child,
// Python's multiprocessing) has none of them: its runs must complete on the caller, whatever a
// worker was doing when the parent forked.
TEST(ThreadPool, ForkChildRunsInlineAndExits) {
  ThreadPool& pool = ThreadPool::instance();
  if (pool.num_workers() == 0) GTEST_SKIP() << "one hardware thread: no pool workers";
  for (int round = 0; round < 20; ++round) {
    std::atomic<uint64_t> sum{0};
    pool.run(64, [&](size_t task, unsigned) { sum += task; });  // workers now going back to wait
    ASSERT_EQ(sum.load(), 64u * 63u / 2);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::alarm(20);  // a hung child dies of SIGALRM instead of hanging the test
      std::atomic<uint64_t> child_sum{0};
      std::vector<int> hit(1000, 0);
      ThreadPool::instance().run(1000, [&](size_t task, unsigned) {
        child_sum += task;
        ++hit[task];
      });
      const bool ok = child_sum.load() == 1000u * 999u / 2 &&
                      std::all_of(hit.begin(), hit.end(), [](int h) { return h == 1; });
      // std::exit runs the pool's destructor, which must not join absent workers. Under ASan its
      // exit-time leak check can itself hang in a child of a threaded process: skip the exit
      // handlers there (the run above is still checked).
#if defined(__SANITIZE_ADDRESS__)
      ::_exit(ok ? 0 : 1);
#else
      std::exit(ok ? 0 : 1);
#endif
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status)) << "round " << round << ": child killed by signal "
                                   << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    EXPECT_EQ(WEXITSTATUS(status), 0) << "round " << round;
  }
}

}  // namespace
}  // namespace docsift
