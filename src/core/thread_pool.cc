#include "core/thread_pool.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <new>
#include <system_error>

#include "core/parallel.h"

namespace docsift {
namespace {

thread_local bool t_on_worker_thread = false;
// Constant-initialised and trivially destructible, so it can be read during static destruction.
std::atomic<bool> g_instance_destroyed{false};
// The process-wide pool once made, and whether this process is a fork() child of one that had
// started its workers: fork copies only the forking thread, so the child's pool has none.
ThreadPool* g_instance = nullptr;
std::atomic<bool> g_instance_orphaned{false};

// The process-wide pool; its destructor runs at exit and joins the workers, except in a fork()
// child of a process whose workers had started: there the pool is left as it is, since its
// condition variables still count waiters that were not copied into the child (destroying them
// would wait for those waiters forever).
struct GlobalPool {
  alignas(ThreadPool) unsigned char storage[sizeof(ThreadPool)];
  ThreadPool* pool = new (storage) ThreadPool(hardware_threads() - 1);
  ~GlobalPool() {
    g_instance_destroyed.store(true, std::memory_order_release);
    if (!g_instance_orphaned.load(std::memory_order_acquire)) pool->~ThreadPool();
  }
};

}  // namespace

// One run in progress. It lives on its caller's stack: the caller leaves run_erased only when
// the job is out of the queue and no pool worker is inside it (active == 0), both checked under
// the pool's mutex, so no worker touches a job after it is gone.
struct ThreadPool::Job {
  TaskFn call;
  void* ctx;
  size_t num_tasks;
  unsigned max_participants;
  std::atomic<size_t> next_task{0};  // tasks are claimed one at a time (load balance)
  unsigned participants = 1;         // guarded by mu_; the caller is worker 0
  unsigned active = 0;               // pool workers inside the job; guarded by mu_
  bool queued = false;               // guarded by mu_
};

ThreadPool::ThreadPool(unsigned num_workers) : num_workers_(num_workers) {}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (std::thread& t : threads_) t.join();
}

ThreadPool& ThreadPool::instance() {
  static GlobalPool global;
  // fork() safety (a test's killed child, Python's multiprocessing): the pool's mutex is held
  // across fork so no worker holds it in the child, where runs then execute inline on the
  // caller (stop_) and the pool is never destroyed (GlobalPool).
  static const bool fork_safe = [] {
    g_instance = global.pool;
    return ::pthread_atfork(
               [] {
                 if (!g_instance_destroyed.load(std::memory_order_acquire)) g_instance->mu_.lock();
               },
               [] {
                 if (!g_instance_destroyed.load(std::memory_order_acquire)) {
                   g_instance->mu_.unlock();
                 }
               },
               [] {
                 if (g_instance_destroyed.load(std::memory_order_acquire)) return;
                 ThreadPool& p = *g_instance;
                 p.stop_ = true;
                 if (!p.threads_.empty())
                   g_instance_orphaned.store(true, std::memory_order_release);
                 p.mu_.unlock();
               }) == 0;
  }();
  (void)fork_safe;
  return *global.pool;
}

bool ThreadPool::instance_destroyed() {
  return g_instance_destroyed.load(std::memory_order_acquire);
}

bool ThreadPool::on_worker_thread() { return t_on_worker_thread; }

void ThreadPool::start_locked() {
  started_ = true;
  threads_.reserve(num_workers_);
  for (unsigned w = 0; w < num_workers_; ++w) {
    // Out of threads (std::system_error): the pool runs with the workers it got; callers always
    // work on their own runs, so every run still completes.
    try {
      threads_.emplace_back([this] { worker_main(); });
    } catch (const std::system_error&) {
      break;
    }
  }
}

void ThreadPool::run_tasks(Job& job, unsigned worker) {
  for (size_t t; (t = job.next_task.fetch_add(1, std::memory_order_relaxed)) < job.num_tasks;) {
    job.call(job.ctx, t, worker);
  }
}

void ThreadPool::unqueue_locked(Job& job) {
  if (!job.queued) return;
  job.queued = false;
  queue_.erase(std::find(queue_.begin(), queue_.end(), &job));
}

void ThreadPool::worker_main() {
  t_on_worker_thread = true;
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (stop_) return;  // callers finish their own queued jobs
    Job& job = *queue_.front();
    const unsigned worker = job.participants++;
    if (job.participants == job.max_participants) unqueue_locked(job);
    ++job.active;
    lock.unlock();
    run_tasks(job, worker);
    lock.lock();
    unqueue_locked(job);  // no task left to claim: nobody else needs to join
    if (--job.active == 0) done_cv_.notify_all();
  }
}

void ThreadPool::run_erased(size_t num_tasks, unsigned max_workers, TaskFn call, void* ctx) {
  if (num_tasks == 0) return;
  const size_t limit = max_workers == 0 ? std::numeric_limits<unsigned>::max() : max_workers;
  const auto participants =
      static_cast<unsigned>(std::min<size_t>({limit, size_t{num_workers_} + 1, num_tasks}));
  if (participants <= 1 || t_on_worker_thread) {
    for (size_t t = 0; t < num_tasks; ++t) call(ctx, t, 0);
    return;
  }
  Job job{call, ctx, num_tasks, participants};
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) {
      job.max_participants = 1;
    } else {
      if (!started_) start_locked();
      job.queued = true;
      queue_.push_back(&job);
    }
  }
  for (unsigned w = 1; w < job.max_participants; ++w) work_cv_.notify_one();
  run_tasks(job, 0);
  std::unique_lock<std::mutex> lock(mu_);
  unqueue_locked(job);
  done_cv_.wait(lock, [&] { return job.active == 0; });
}

}  // namespace docsift
