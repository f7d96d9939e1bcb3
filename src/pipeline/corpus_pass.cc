#include "pipeline/corpus_pass.h"

#include <algorithm>

#include "core/assert.h"
#include "core/parallel.h"

namespace docsift {

Result<std::vector<std::string>> shard_inputs(const std::vector<std::string>& inputs, Shard shard) {
  if (shard.count == 0 || shard.index >= shard.count) {
    return Status::InvalidArgument("shard " + std::to_string(shard.index) + " of " +
                                   std::to_string(shard.count) + " does not exist");
  }
  const size_t n = inputs.size();
  const size_t begin = n * shard.index / shard.count;
  const size_t end = n * (shard.index + 1) / shard.count;
  return std::vector<std::string>(inputs.begin() + begin, inputs.begin() + end);
}

Result<std::unique_ptr<CorpusPass>> CorpusPass::open(const std::vector<std::string>& inputs,
                                                     const ReadOptions& read, unsigned threads,
                                                     ProgressCallback progress, Shard shard) {
  std::vector<std::string> mine = inputs;
  if (shard.count != 1 || shard.index != 0) {
    auto part = shard_inputs(inputs, shard);
    if (!part.ok()) return part.status();
    mine = std::move(part).value();
  }
  std::unique_ptr<CorpusPass> pass(new CorpusPass(read.budget));
  // An empty input list is the caller's error, an empty shard is not.
  if (!mine.empty() || shard.count == 1) {
    auto reader = CorpusReader::open(mine, read);
    if (!reader.ok()) return reader.status();
    pass->reader_ = std::move(reader).value();
  }
  pass->threads_ = threads == 0 ? hardware_threads() : threads;
  pass->progress_ = std::move(progress);
  return pass;
}

Status CorpusPass::read(const char* stage, const BatchFn& fn) {
  DOCSIFT_ASSERT(!read_done_);
  DOCSIFT_RETURN_IF_ERROR(run(stage, true, fn));
  read_done_ = true;
  if (reader_) {
    bytes_read_ = reader_->bytes_read();
    skipped_ = reader_->skipped();
  }
  return Status::Ok();
}

Status CorpusPass::reread(const char* stage, const BatchFn& fn) {
  DOCSIFT_ASSERT(read_done_);
  if (reader_) DOCSIFT_RETURN_IF_ERROR(reader_->rewind());
  return run(stage, false, fn);
}

Status CorpusPass::run(const char* stage, bool first_pass, const BatchFn& fn) {
  size_t d = 0;
  while (reader_) {
    auto got = read_batch(*reader_, batch_, BatchLimits{});
    if (!got.ok()) return got.status();
    const size_t n = *got;
    if (n == 0) break;
    DOCSIFT_RETURN_IF_ERROR(charge_batch(n, d, first_pass));
    for (size_t i = 0; i < n; ++i) {
      if (first_pass) {
        ids_.add(batch_[i].id);
      } else if (d + i >= ids_.size() || batch_[i].id != ids_[d + i]) {
        // Inputs that changed between passes would break the one-to-one mapping.
        return Status::IoError("input changed while docsift was reading it (document " +
                               std::to_string(d + i + 1) + ")");
      }
    }
    DOCSIFT_RETURN_IF_ERROR(fn(std::span<Record>(batch_.data(), n), d));
    d += n;
    if (progress_) progress_(stage, reader_->bytes_read(), reader_->bytes_total_hint(), d);
  }
  if (!first_pass && d != ids_.size()) {
    return Status::IoError("input changed while docsift was reading it");
  }
  return Status::Ok();
}

Status CorpusPass::charge_batch(size_t n, size_t first, bool first_pass) {
  // Read buffer (1 MiB), whole-file scratch and JSON parser.
  constexpr uint64_t kReaderBuffers = uint64_t{2} << 20;
  // A worker's scratch per byte of the document it works on: normalised text, token offsets
  // and hashes, shingles (about 4 bytes; 6 leaves room for the allocator). Buffers keep their
  // capacity, so it is charged for the largest record seen.
  constexpr uint64_t kScratchPerTextByte = 6;
  uint64_t held = kReaderBuffers;
  size_t id_bytes = 0;
  for (size_t i = 0; i < batch_.size(); ++i) {
    const Record& r = batch_[i];
    held += r.text.capacity() + r.raw.capacity() + r.id.capacity() + r.source.capacity();
    if (i < n) {
      largest_record_ = std::max<uint64_t>(largest_record_, r.text.size());
      id_bytes += r.id.size();
    }
  }
  const uint64_t workers = std::min<uint64_t>(threads_, n);
  held += kScratchPerTextByte * largest_record_ * workers;
  if (MemoryBudget* b = reading_.budget()) b->note_documents(first + n);
  DOCSIFT_RETURN_IF_ERROR(reading_.grow_to(held, first + n));
  if (first_pass) {
    DOCSIFT_RETURN_IF_ERROR(ids_charge_.grow_to(ids_.memory_bytes_after(n, id_bytes), first + n));
  }
  return Status::Ok();
}

void CorpusPass::parallel(size_t n, size_t chunk,
                          const std::function<void(size_t, size_t, unsigned)>& fn) const {
  parallel_for(n, threads_, chunk, fn);
}

void CorpusPass::progress(const char* stage) const {
  if (progress_) progress_(stage, bytes_read_, bytes_total_hint(), ids_.size());
}

uint64_t CorpusPass::bytes_read() const { return bytes_read_; }

uint64_t CorpusPass::bytes_total_hint() const { return reader_ ? reader_->bytes_total_hint() : 0; }

}  // namespace docsift
