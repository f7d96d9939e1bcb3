#pragma once
// MemoryBudget: the memory a run may use (--max-memory), and what its big consumers hold of it.
// Linux overcommits: an allocation past the machine's memory usually succeeds and the OOM killer
// ends the process later, so std::bad_alloc cannot be relied on. Instead each consumer that grows
// with the corpus (reader buffers, document ids, feature tables, indexes, the TF-IDF matrix,
// suffix arrays) charges the budget BEFORE it grows, with what it is about to hold, and the run
// stops with ResourceExhausted (exit 4) while it is still within the budget:
//
//   MemoryBudget budget(MemoryBudget::default_limit(), "dedup");
//   MemoryCharge table(&budget, MemoryUse::kFeatures);
//   DOCSIFT_RETURN_IF_ERROR(table.grow_to(bytes_after_this_batch, docs_after_this_batch));
//   ... grow the table ...                         // released when `table` is destroyed
//
// The message names the job, the estimate, the documents seen and the biggest consumers:
//   "dedup needs about 612 MiB for 1,200,000 documents, over --max-memory 512 MiB (features
//    480 MiB, ids 96 MiB, ...); raise --max-memory or split the input"
//
// What is charged is an estimate from sizes and capacities (a vector about to double is charged
// its new capacity plus the old one it is copied from), not a count of every allocation; the
// program itself (code, ICU data, thread stacks, the allocator's slack) is charged once, as
// kProgram, from the resident size when the budget is made. Because estimates can fall short
// (malloc's arenas per thread, the allocator keeping freed blocks, consumers too small to
// charge), each charge against a limit also reads the resident size (/proc/self/statm: its
// anonymous part, not the pages of mapped files, which can be dropped) and is
// refused when what is resident plus the charge would pass the limit: the run stops at its
// next charge once the process holds more than the estimates say, so resident memory passes
// the limit only by what grows between two charges (a batch; the CLI tests measure peak RSS
// against the limit). Not under AddressSanitizer, whose shadow memory is resident too.
//
// Thread-safe: one compare-and-swap loop against the limit per charge, and with a limit one read of
// /proc/self/statm (charges come once per batch or table growth, not per document).
// MemoryCharge is one consumer's share; it is not thread-safe (one owner).

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"

namespace docsift {

// The consumers, named in the message.
enum class MemoryUse : uint8_t {
  kProgram,      // resident size when the budget was made
  kReading,      // read buffers, the largest record and the batch being processed
  kIds,          // every document's id (kept for reports and the second pass)
  kTexts,        // documents held in memory (cluster)
  kFeatures,     // per-document signatures, fingerprints, exact keys (dedup)
  kIndex,        // LSH bands, SimHash tables, candidate pairs and edges
  kPassages,     // the passage index (passages, clean)
  kVectors,      // the TF-IDF matrix and vocabulary (cluster)
  kClusters,     // k-means centroids and assignments (cluster)
  kSuffixArray,  // text and suffix-array state (substrings)
  kCount
};
const char* memory_use_name(MemoryUse use);

class MemoryBudget {
 public:
  // limit_bytes == 0: no budget (charges are counted, never refused). `job` names the run in
  // the message ("dedup"). Charges kProgram with the resident size now (when readable).
  explicit MemoryBudget(uint64_t limit_bytes, std::string job = "docsift");
  MemoryBudget(const MemoryBudget&) = delete;
  MemoryBudget& operator=(const MemoryBudget&) = delete;

  // The default --max-memory: kDefaultShare of MemAvailable (/proc/meminfo), and, when an
  // RLIMIT_AS is set (ulimit -v), at most the resident size plus kDefaultShare of the address
  // space not yet mapped; 0 (no budget) when neither is known.
  // MemAvailable, not MemTotal: it is what can be had without swapping out others. Three
  // quarters, not all of it: the budget counts the big consumers only, other processes may grow
  // meanwhile, and the page cache of the inputs being read needs some room.
  static constexpr double kDefaultShare = 0.75;
  static uint64_t default_limit();
  // MemAvailable in bytes, or nullopt where /proc/meminfo cannot be read.
  static std::optional<uint64_t> available_ram();

  // MemoryCharge takes every estimate with 1/kSlackDivisor more: what malloc keeps of
  // freed blocks and loses to fragmentation, and what the estimates miss. Measured on a
  // 121 MB, 200,000-document corpus (--threads 2), peak RSS / bytes estimated was 1.12 for dedup
  // -m minhash, 1.41 for passages, 1.38 for cluster before the passage and TF-IDF estimates
  // were raised to what they now say.
  static constexpr uint64_t kSlackDivisor = 4;

  // Adds `bytes` to `use`; when the total would pass the limit, charges nothing and returns
  // ResourceExhausted with the message above (`documents`: how many the consumer holds, for the
  // message; 0 = the most noted so far).
  Status charge(MemoryUse use, uint64_t bytes, uint64_t documents = 0);
  void release(MemoryUse use, uint64_t bytes);
  // Documents read so far (the reader notes them), for the message.
  void note_documents(uint64_t documents);

  uint64_t limit() const { return limit_; }
  uint64_t used() const { return used_.load(std::memory_order_relaxed); }
  uint64_t used(MemoryUse use) const;
  uint64_t peak() const { return peak_.load(std::memory_order_relaxed); }
  // The largest resident size seen: at the start, then its anonymous part at each charge
  // against a limit.
  uint64_t resident_peak() const { return resident_peak_.load(std::memory_order_relaxed); }
  // limit() - used(), 0 when over; UINT64_MAX without a budget.
  uint64_t remaining() const;
  const std::string& job() const { return job_; }

 private:
  std::string message(MemoryUse use, uint64_t bytes, uint64_t documents, uint64_t resident) const;
  void note_resident(uint64_t resident);

  const uint64_t limit_;
  const std::string job_;
  std::atomic<uint64_t> used_{0};
  std::atomic<uint64_t> peak_{0};
  std::atomic<uint64_t> resident_peak_{0};
  std::atomic<uint64_t> documents_{0};
  std::atomic<uint64_t> by_use_[static_cast<size_t>(MemoryUse::kCount)] = {};
};

// One consumer's share of a budget, released on destruction. A null budget makes every call a
// no-op that succeeds (library callers without a budget). Not thread-safe.
class MemoryCharge {
 public:
  MemoryCharge(MemoryBudget* budget, MemoryUse use) : budget_(budget), use_(use) {}
  ~MemoryCharge() { grow_to_release_all(); }
  MemoryCharge(const MemoryCharge&) = delete;
  MemoryCharge& operator=(const MemoryCharge&) = delete;

  // Makes this share `bytes`: charges the difference when it grows (ResourceExhausted, share
  // unchanged, when over the budget), releases it when it shrinks.
  Status set(uint64_t bytes, uint64_t documents = 0);
  // set(max(current, bytes)): for consumers whose memory never shrinks before the end.
  Status grow_to(uint64_t bytes, uint64_t documents = 0) {
    return bytes > bytes_ ? set(bytes, documents) : Status::Ok();
  }
  Status add(uint64_t bytes, uint64_t documents = 0) { return set(bytes_ + bytes, documents); }
  uint64_t bytes() const { return bytes_; }  // the estimate (the budget is charged 1/4 more)
  MemoryBudget* budget() const { return budget_; }

 private:
  void grow_to_release_all() { (void)set(0); }

  MemoryBudget* budget_;
  MemoryUse use_;
  uint64_t bytes_ = 0;    // as estimated
  uint64_t charged_ = 0;  // with MemoryBudget::kSlackDivisor's share
};

// Bytes a std::vector of `size` elements of `elem_bytes` holds after growing from `capacity`
// by push_back (capacity doubles), counting the old buffer it is copied from while it moves.
inline uint64_t vector_growth_bytes(uint64_t capacity, uint64_t size, uint64_t elem_bytes) {
  if (size <= capacity) return capacity * elem_bytes;
  uint64_t grown = capacity == 0 ? 1 : capacity;
  while (grown < size) grown *= 2;
  return (grown + capacity) * elem_bytes;
}

// "512 MiB", "1.5 GiB", "900 KiB" (binary units, as --max-memory takes them).
std::string mebibytes_text(uint64_t bytes);

// Parses a --max-memory value: a number of bytes with an optional unit K, M, G or T (powers of
// 1024; "KB"/"KiB" spellings and lower case accepted), or a plain number as MiB (the option's
// unit before units were accepted): "512M", "2G", "1.5GiB", "300" (= 300 MiB), "0" (no budget).
// InvalidArgument for negative, NaN, infinite or unparsable values, and past 2^62 bytes.
Result<uint64_t> parse_memory_size(const std::string& text);

}  // namespace docsift
