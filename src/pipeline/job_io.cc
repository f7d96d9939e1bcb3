#include "pipeline/job_io.h"

namespace docsift {

Result<JobIo> open_job(const std::vector<std::string>& inputs,
                       const std::vector<std::string>& outputs, const ReadOptions& read,
                       unsigned threads, ProgressCallback progress, Shard shard) {
  DOCSIFT_RETURN_IF_ERROR(OutputSet::check_distinct(outputs));
  auto pass = CorpusPass::open(inputs, read, threads, std::move(progress), shard);
  if (!pass.ok()) return pass.status();
  JobIo io{std::move(pass).value(), OutputSet(inputs), {}};
  for (const std::string& path : outputs) {
    auto file = io.outputs.add(path);
    if (!file.ok()) return file.status();
    io.files.push_back(*file);
  }
  return io;
}

}  // namespace docsift
