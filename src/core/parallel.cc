#include "core/parallel.h"

#include <algorithm>
#include <thread>

#include "core/thread_pool.h"

namespace docsift {

unsigned hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

void parallel_for(size_t n, unsigned num_threads, size_t chunk,
                  const std::function<void(size_t, size_t, unsigned)>& fn) {
  if (n == 0) return;
  if (chunk == 0) chunk = 1;
  if (num_threads == 0) num_threads = hardware_threads();
  const size_t num_chunks = n / chunk + (n % chunk != 0);
  if (num_threads == 1 || num_chunks == 1 || ThreadPool::instance_destroyed()) {
    for (size_t b = 0; b < n; b += std::min(chunk, n - b)) fn(b, b + std::min(chunk, n - b), 0);
    return;
  }
  // Chunks are claimed dynamically (load balance) but their boundaries are fixed. The pool
  // numbers the workers of this call from 0, below num_threads.
  ThreadPool::instance().run(num_chunks, num_threads, [&](size_t c, unsigned worker) {
    const size_t b = c * chunk;
    fn(b, b + std::min(chunk, n - b), worker);
  });
}

}  // namespace docsift
