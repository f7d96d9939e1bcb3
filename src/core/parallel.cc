#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace docsift {

unsigned hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

void parallel_for(size_t n, unsigned num_threads, size_t chunk,
                  const std::function<void(size_t, size_t, unsigned)>& fn) {
  if (n == 0) return;
  if (chunk == 0) chunk = 1;
  if (num_threads == 0) num_threads = hardware_threads();
  const size_t num_chunks = (n + chunk - 1) / chunk;
  const unsigned workers = static_cast<unsigned>(std::min<size_t>(num_threads, num_chunks));
  if (workers <= 1) {
    for (size_t b = 0; b < n; b += chunk) fn(b, std::min(n, b + chunk), 0);
    return;
  }
  // Chunks are claimed dynamically (load balance) but their boundaries are fixed.
  std::atomic<size_t> next{0};
  auto run = [&](unsigned worker) {
    for (size_t c; (c = next.fetch_add(1, std::memory_order_relaxed)) < num_chunks;) {
      const size_t b = c * chunk;
      fn(b, std::min(n, b + chunk), worker);
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(run, w);
  run(0);
  for (auto& t : threads) t.join();
}

}  // namespace docsift
