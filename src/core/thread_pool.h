#pragma once
// ThreadPool: a fixed set of worker threads that run the tasks of blocking `run` calls. The
// process-wide pool (ThreadPool::instance(), hardware_threads() - 1 workers) is what
// parallel_for (core/parallel.h) runs on, so a job that calls parallel_for thousands of times
// starts its threads once instead of once per call.
//
//   ThreadPool& pool = ThreadPool::instance();
//   pool.run(tasks.size(), [&](size_t task, unsigned worker) { out[task] = work(tasks[task]); });
//
// The calling thread takes part in its own run as worker 0 and up to `max_workers - 1` pool
// workers join it as workers 1, 2, ...; every task runs exactly once, on exactly one worker,
// and a worker runs its tasks one after another, so per-worker scratch indexed by `worker`
// needs no lock. Which worker runs which task depends on timing: make results depend on the
// task index only. run returns when every task has finished; everything the tasks wrote is then
// visible to the caller.
//
// Guarantees: run may be called from any number of threads at once. A run called from inside a
// task on a pool worker runs its tasks inline on that worker (as worker 0 of the inner run), so
// nested parallelism never deadlocks; a run called from a task that runs on the calling thread
// is an ordinary run. Because the caller works too, a run finishes even if no pool worker is
// free. Threads are started by the first run that can use them and joined by the destructor
// (the process-wide pool's at exit); runs after that execute inline. Tasks must not throw.

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace docsift {

class ThreadPool {
 public:
  // A pool of `num_workers` threads (0: every run executes inline on its caller), started lazily.
  explicit ThreadPool(unsigned num_workers);
  // Stops and joins the workers. No run may be in progress.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // The process-wide pool, hardware_threads() - 1 workers (the caller of a run is the last one).
  static ThreadPool& instance();
  // True after the process-wide pool was destroyed (static destruction at exit): parallel_for
  // then runs inline instead of touching it.
  static bool instance_destroyed();
  // True on a thread of any ThreadPool.
  static bool on_worker_thread();

  unsigned num_workers() const { return num_workers_; }

  // Runs fn(task, worker) for every task in [0, num_tasks) and returns when all are done.
  // worker < min(max_workers, num_workers() + 1, num_tasks) (max_workers 0: no limit beyond the
  // pool's). fn is called concurrently from several threads; it must not throw.
  template <class Fn>
  void run(size_t num_tasks, unsigned max_workers, Fn&& fn) {
    using F = std::remove_reference_t<Fn>;
    run_erased(
        num_tasks, max_workers,
        [](void* ctx, size_t task, unsigned worker) { (*static_cast<F*>(ctx))(task, worker); },
        const_cast<void*>(static_cast<const void*>(&fn)));
  }
  template <class Fn>
  void run(size_t num_tasks, Fn&& fn) {
    run(num_tasks, 0, std::forward<Fn>(fn));
  }

 private:
  using TaskFn = void (*)(void* ctx, size_t task, unsigned worker);
  struct Job;

  void run_erased(size_t num_tasks, unsigned max_workers, TaskFn call, void* ctx);
  void start_locked();
  void worker_main();
  static void run_tasks(Job& job, unsigned worker);
  void unqueue_locked(Job& job);

  const unsigned num_workers_;
  std::mutex mu_;
  std::condition_variable work_cv_;  // a job was queued, or stop_
  std::condition_variable done_cv_;  // a job's last pool worker left it
  std::vector<Job*> queue_;          // jobs that pool workers may still join, oldest first
  std::vector<std::thread> threads_;
  bool started_ = false;
  bool stop_ = false;
};

}  // namespace docsift
