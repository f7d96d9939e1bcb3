#include "passages/clean_job.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "io/output_file.h"

namespace docsift {
namespace {

// A temporary file removed when it goes out of scope.
struct TempPath {
  std::string path;
  ~TempPath() {
    if (!path.empty()) std::remove(path.c_str());
  }
};

std::string temp_dir_for(const std::string& output) {
  if (!output.empty() && output != "-") {
    auto parent = std::filesystem::path(output).parent_path();
    return parent.empty() ? "." : parent.string();
  }
  const char* tmp = std::getenv("TMPDIR");
  return tmp && *tmp ? tmp : "/tmp";
}

// Copies every line of `from` to `out`, inserting `"type":"<type>",` after the opening brace.
Status append_typed_lines(const std::string& from, const char* type, OutputFile& out) {
  std::ifstream in(from, std::ios::binary);
  if (!in) return Status::IoError(from + ": cannot read intermediate report");
  const std::string prefix = std::string("{\"type\":\"") + type + "\",";
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() < 2 || line[0] != '{') continue;
    out.write(prefix);
    out.write(std::string_view(line).substr(1));
    out.write("\n");
  }
  return Status::Ok();
}

}  // namespace

Result<CleanSummary> run_clean(const CleanPaths& paths, const DedupOptions& dedup,
                               const PassageOptions& passages, const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  // Open the final outputs first: a refusal to overwrite an input must come before any work.
  std::unique_ptr<OutputFile> report;
  if (!paths.report.empty()) {
    auto f = OutputFile::open(paths.report, paths.inputs);
    if (!f.ok()) return f.status();
    report = std::move(f).value();
  }
  if (paths.output.empty()) return Status::InvalidArgument("clean needs --output");
  if (paths.output != "-") {
    auto probe = OutputFile::open(paths.output, paths.inputs);
    if (!probe.ok()) return probe.status();
  }

  const std::string dir = temp_dir_for(paths.output);
  const std::string stem = dir + "/.docsift-clean-" + std::to_string(::getpid());
  TempPath kept{stem + ".kept.jsonl"};
  TempPath doc_report{paths.report.empty() ? "" : stem + ".documents.jsonl"};
  TempPath passage_report{paths.report.empty() ? "" : stem + ".passages.jsonl"};

  CleanSummary summary;
  DedupPaths dedup_paths{paths.inputs, kept.path, doc_report.path, "", ReportFormat::kJsonl};
  auto docs = run_dedup(dedup_paths, dedup, progress);
  if (!docs.ok()) return docs.status();
  summary.documents = docs.value();

  PassageOptions p = passages;
  p.read = ReadOptions{};  // the intermediate file is docsift's own JSONL
  p.read.format = InputFormat::kJsonl;
  p.read.id_field = dedup.read.id_field;
  p.read.text_field = dedup.read.text_field;
  PassagePaths passage_paths{{kept.path}, passage_report.path, paths.output};
  auto pass = run_passages(passage_paths, p, progress);
  if (!pass.ok()) return pass.status();
  summary.passages = pass.value();

  if (report) {
    DOCSIFT_RETURN_IF_ERROR(append_typed_lines(doc_report.path, "document", *report));
    DOCSIFT_RETURN_IF_ERROR(append_typed_lines(passage_report.path, "passage", *report));
    DOCSIFT_RETURN_IF_ERROR(report->commit());
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace docsift
