#pragma once
// open_job: the prologue every job shares, in one call: refuses two outputs naming one file
// (OutputSet::check_distinct) before any work, opens the reader (CorpusPass::open), then opens
// each output of the run in one OutputSet, in the order given (committed in that order).
//
//   auto io = open_job(paths.inputs, {paths.output, paths.report}, options.read, options.threads,
//                      progress);
//   if (!io.ok()) return io.status();
//   CorpusPass& pass = *io->pass;
//   OutputFile* kept = io->files[0];   // nullptr when paths.output is empty
//   ... DOCSIFT_RETURN_IF_ERROR(io->outputs.commit());
//
// Errors come in that order: colliding outputs, then the inputs, then each output. Not
// thread-safe.

#include <memory>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/status.h"
#include "io/corpus_reader.h"
#include "pipeline/corpus_pass.h"
#include "pipeline/output_set.h"

namespace docsift {

struct JobIo {
  std::unique_ptr<CorpusPass> pass;
  OutputSet outputs;
  std::vector<OutputFile*> files;  // one per output path given, nullptr for an empty path
};

Result<JobIo> open_job(const std::vector<std::string>& inputs,
                       const std::vector<std::string>& outputs, const ReadOptions& read,
                       unsigned threads, ProgressCallback progress = {}, Shard shard = {});

}  // namespace docsift
