#pragma once
// parallel_for: split [0, n) into contiguous chunks and run them on up to `num_threads` threads
// of the process-wide thread pool (core/thread_pool.h; the calling thread works too). Chunking
// depends only on n and the chunk size, never on timing, so any per-chunk output that is merged
// in chunk order is identical whatever the thread count.
//
//   parallel_for(docs.size(), threads, 64, [&](size_t begin, size_t end, unsigned worker) {...});
//
// `worker` is in [0, num_threads) and lets callers keep per-thread scratch (tokenizers, buffers):
// no two chunks run at the same time with the same worker. At most hardware_threads() chunks run
// at once whatever num_threads asks for. Calls may nest (a nested call made on a pool thread runs
// inline there) and may come from several threads at once. No thread is started per call.

#include <cstddef>
#include <functional>

namespace docsift {

// Number of hardware threads, at least 1.
unsigned hardware_threads();

// Runs fn(begin, end, worker) over chunks of at most `chunk` items (chunk 0 counts as 1):
// [0, chunk), [chunk, 2 chunk), ... num_threads == 0 means all cores. Blocks until every chunk
// is done. fn must not throw.
void parallel_for(size_t n, unsigned num_threads, size_t chunk,
                  const std::function<void(size_t begin, size_t end, unsigned worker)>& fn);

}  // namespace docsift
