#include "cli_common.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "dist/comm.h"

namespace docsift::cli {

int exit_code(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return 0;
    case StatusCode::kInvalidInput:
      return 1;
    case StatusCode::kInvalidArgument:
      return 2;
    case StatusCode::kIoError:
      return 3;
    case StatusCode::kResourceExhausted:
      return 4;
  }
  return 1;
}

int fail(const Status& status) {
  if (status.ok()) return 0;
  // Distributed runs agree on one status (dist/comm.h); rank 0 alone prints it.
  if (!dist::Comm::world().root()) return exit_code(status);
  std::cerr << "docsift: " << status.message() << "\n";
  return exit_code(status);
}

void InputArgs::add_to(CLI::App& app) {
  const char* group = "Input";
  app.add_option("inputs", inputs,
                 "Input files or directories: JSONL, text, one-per-line; .gz/.zst; - for stdin")
      ->required()
      ->always_capture_default(false)
      ->default_str("");
  app.add_option("--format", format,
                 "Input format: auto, jsonl, lines (one document per line), text")
      ->check(CLI::IsMember({"auto", "jsonl", "lines", "text"}))
      ->group(group);
  app.add_option("--id-field", id_field, "JSONL field holding the document id")->group(group);
  app.add_option("--text-field", text_field, "JSONL field holding the document text")->group(group);
  app.add_option("--on-error", on_error, "On a bad record: fail or skip and report it")
      ->check(CLI::IsMember({"fail", "skip"}))
      ->group(group);
  app.add_option("--max-doc-bytes", max_doc_bytes,
                 "Longest record (line or whole-file document) accepted, in bytes")
      ->check(CLI::PositiveNumber)
      ->capture_default_str()
      ->group(group);
  app.add_flag("--fold-digits", fold_digits, "Treat all digits as equal when matching")
      ->group("Normalisation");
}

Result<ReadOptions> InputArgs::read_options() const {
  ReadOptions r;
  r.id_field = id_field;
  r.text_field = text_field;
  if (format == "jsonl")
    r.format = InputFormat::kJsonl;
  else if (format == "lines")
    r.format = InputFormat::kLines;
  else if (format == "text")
    r.format = InputFormat::kText;
  else
    r.format = InputFormat::kAuto;
  r.on_error = on_error == "skip" ? OnError::kSkip : OnError::kFail;
  r.max_doc_bytes = max_doc_bytes;
  return r;
}

NormalizeOptions InputArgs::normalize_options() const {
  NormalizeOptions n;
  n.fold_digits = fold_digits;
  return n;
}

double now_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

std::string human_bytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000.0 && u < 4) {
    bytes /= 1000.0;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

std::string with_commas(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string count_noun(uint64_t n, const std::string& noun) {
  return with_commas(n) + " " + noun + (n == 1 ? "" : "s");
}

uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;
}

void print_row(const std::string& label, const std::string& value) {
  std::string line = "  " + label;
  line.append(line.size() < 24 ? 24 - line.size() : 1, ' ');
  std::cerr << line << value << "\n";
}

}  // namespace docsift::cli
