#pragma once
// parallel_for: split [0, n) into contiguous chunks and run them on up to `num_threads` threads.
// Chunking depends only on n and the chunk size, never on timing, so any per-chunk output that
// is merged in chunk order is identical whatever the thread count.
//
//   parallel_for(docs.size(), threads, [&](size_t begin, size_t end, unsigned worker) {...});
//
// `worker` is in [0, num_threads) and lets callers keep per-thread scratch (tokenizers, buffers).

#include <cstddef>
#include <functional>

namespace docsift {

// Number of hardware threads, at least 1.
unsigned hardware_threads();

// Runs fn(begin, end, worker) over chunks of at most `chunk` items. num_threads == 0 means all
// cores. Blocks until every chunk is done. fn must not throw.
void parallel_for(size_t n, unsigned num_threads, size_t chunk,
                  const std::function<void(size_t begin, size_t end, unsigned worker)>& fn);

}  // namespace docsift
