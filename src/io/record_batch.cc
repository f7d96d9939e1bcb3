#include "io/record_batch.h"

namespace docsift {

Result<size_t> read_batch(CorpusReader& reader, std::vector<Record>& batch, BatchLimits limits) {
  size_t n = 0;
  size_t bytes = 0;
  while (n < limits.max_docs && bytes < limits.max_bytes) {
    if (batch.size() <= n) batch.emplace_back();
    auto more = reader.next(batch[n]);
    if (!more.ok()) return more.status();
    if (!*more) break;
    Record& rec = batch[n];
    bytes += rec.text.size();
    constexpr size_t kKeepCapacity = 1u << 20;
    if (rec.text.capacity() > kKeepCapacity && rec.text.size() < rec.text.capacity() / 4) {
      rec.text.shrink_to_fit();
    }
    if (rec.raw.capacity() > kKeepCapacity && rec.raw.size() < rec.raw.capacity() / 4) {
      rec.raw.shrink_to_fit();
    }
    ++n;
  }
  return n;
}

}  // namespace docsift
