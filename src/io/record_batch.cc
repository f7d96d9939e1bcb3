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
    bytes += batch[n].text.size();
    ++n;
  }
  return n;
}

}  // namespace docsift
