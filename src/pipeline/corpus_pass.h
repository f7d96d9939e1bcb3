#pragma once
// CorpusPass: what every job does with its inputs, in one place. It opens the reader (optionally
// on one shard of the inputs), reads in batches (io/record_batch.h), runs per-batch work on the
// job's worker threads (core/parallel.h), reports progress by stage name, and reads the inputs
// again for later passes, checking that they still give the same documents (same ids, same
// count) so that per-document results of the first pass stay aligned.
//
//   auto pass = CorpusPass::open(paths.inputs, options.read, options.threads, progress);
//   DOCSIFT_RETURN_IF_ERROR((*pass)->read("read", [&](std::span<Record> batch, size_t first) {
//     (*pass)->parallel(batch.size(), 64, [&](size_t b, size_t e, unsigned worker) {...});
//     return Status::Ok();
//   }));
//   DOCSIFT_RETURN_IF_ERROR((*pass)->reread("write", ...));   // same documents, same order
//
// Guarantees: batches come in input order and `first` is the index of batch[0] among all the
// documents of the pass, so work merged in batch order is identical whatever the thread count.
// The first read() keeps every document id (8 bytes + the id each) for the input-changed check
// and ids(). With a memory budget (ReadOptions::budget) each batch is charged before the
// callback works on it: the ids (kIds), and the batch, the read buffers and the workers' scratch
// for the largest record so far (kReading); over the budget read() fails with ResourceExhausted
// before the callback sees the batch. Not thread-safe (the callbacks run on the calling thread;
// parallel() fans out).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/memory_budget.h"
#include "core/progress.h"
#include "core/status.h"
#include "core/string_pool.h"
#include "io/corpus_reader.h"
#include "io/record.h"
#include "io/record_batch.h"

namespace docsift {

// A rank's part of the inputs: of the inputs as given (a directory counts as one input, so give
// a directory's files one by one to split it), rank `index` of `count` reads the contiguous
// block [index * n / count, (index + 1) * n / count). Concatenating the ranks' parts in rank order
// gives the inputs in order. Deterministic; depends only on the list of inputs.
struct Shard {
  unsigned index = 0;
  unsigned count = 1;
};

// The inputs of `shard` among `inputs`; InvalidArgument when count is 0 or index >= count.
Result<std::vector<std::string>> shard_inputs(const std::vector<std::string>& inputs, Shard shard);

class CorpusPass {
 public:
  // Called once per batch, in input order; `first` = index of batch[0] in the pass.
  using BatchFn = std::function<Status(std::span<Record> batch, size_t first)>;

  // Opens the reader on the inputs of `shard` (all of them by default). threads == 0 = all
  // cores. A shard with no inputs reads no document.
  static Result<std::unique_ptr<CorpusPass>> open(const std::vector<std::string>& inputs,
                                                  const ReadOptions& read, unsigned threads,
                                                  ProgressCallback progress = {}, Shard shard = {});

  // First pass: reads every document, keeps its id, calls fn per batch, reports progress as
  // `stage`. Call once.
  Status read(const char* stage, const BatchFn& fn);

  // A later pass (after read()): rewinds and reads the same documents again; IoError "input
  // changed while docsift was reading it" when an id or the count differs from the first pass.
  Status reread(const char* stage, const BatchFn& fn);

  // Runs fn(begin, end, worker) over [0, n) in chunks of `chunk` on the job's threads.
  void parallel(size_t n, size_t chunk,
                const std::function<void(size_t begin, size_t end, unsigned worker)>& fn) const;

  // Reports `stage` with the current counts (for stages between passes, e.g. "group").
  void progress(const char* stage) const;

  unsigned threads() const { return threads_; }
  const StringPool& ids() const { return ids_; }  // documents of the first pass, in order
  size_t docs() const { return ids_.size(); }
  uint64_t bytes_read() const;  // of the first pass
  uint64_t bytes_total_hint() const;
  // Records skipped under OnError::kSkip in the first pass, in input order.
  const std::vector<SkippedRecord>& skipped() const { return skipped_; }

 private:
  explicit CorpusPass(MemoryBudget* budget)
      : reading_(budget, MemoryUse::kReading), ids_charge_(budget, MemoryUse::kIds) {}
  Status charge_batch(size_t n, size_t first, bool first_pass);
  Status run(const char* stage, bool first_pass, const BatchFn& fn);

  std::unique_ptr<CorpusReader> reader_;  // null for an empty shard
  unsigned threads_ = 1;
  ProgressCallback progress_;
  StringPool ids_;
  std::vector<SkippedRecord> skipped_;
  uint64_t bytes_read_ = 0;
  bool read_done_ = false;
  std::vector<Record> batch_;
  MemoryCharge reading_;
  MemoryCharge ids_charge_;
  uint64_t largest_record_ = 0;
};

}  // namespace docsift
