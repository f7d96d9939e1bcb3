#pragma once
// read_batch: fills a vector with the next records of a reader, up to a document count or a
// byte budget, so that the stages after reading can work on a batch in parallel while memory
// stays bounded by the batch, not the corpus. Records are reused between calls (their strings
// keep their capacity, so steady-state reading allocates nothing); a slot whose capacity has
// grown far beyond what it holds (after one huge document) is given back, so memory is bounded
// by max_docs times the typical document, not the largest one.
//
//   std::vector<Record> batch; size_t n;
//   while ((n = *read_batch(reader, batch, {})) > 0) { process(batch, n); }

#include <cstddef>
#include <vector>

#include "core/status.h"
#include "io/corpus_reader.h"

namespace docsift {

struct BatchLimits {
  size_t max_docs = 2048;        // at most this many records per batch
  size_t max_bytes = 8u << 20;   // stop once the batch's texts reach this many bytes
};

// Reads up to the limits into batch[0, n) and returns n (0 at the end of the inputs).
Result<size_t> read_batch(CorpusReader& reader, std::vector<Record>& batch, BatchLimits limits);

}  // namespace docsift
