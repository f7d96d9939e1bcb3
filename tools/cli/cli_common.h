#pragma once
// Shared pieces of the docsift subcommands: input options, progress line, summary printing and
// the mapping from library Status to exit codes. No algorithm lives here.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "io/corpus_reader.h"
#include "text/tokenize.h"

namespace docsift::cli {

// Exit codes: 0 success, 1 bad input data, 2 bad arguments, 3 I/O error, 4 out of memory budget.
int exit_code(const Status& status);
// Prints "docsift: <message>" on stderr and returns the exit code.
int fail(const Status& status);

// Options every subcommand that reads a corpus takes (help groups "Input" and "Normalisation";
// the run options, --threads and --quiet, are RunArgs in options_run.h).
struct InputArgs {
  std::vector<std::string> inputs;
  std::string format = "auto";
  std::string id_field = "id";
  std::string text_field = "text";
  std::string on_error = "fail";
  bool fold_digits = false;

  void add_to(CLI::App& app);
  Result<ReadOptions> read_options() const;
  NormalizeOptions normalize_options() const;
};

// A progress line on stderr, redrawn at most a few times a second, only when stderr is a
// terminal and --quiet is off.
class Progress {
 public:
  explicit Progress(bool quiet);
  ~Progress();
  void update(const char* phase, uint64_t bytes, uint64_t bytes_total, uint64_t docs);
  void finish();

 private:
  bool enabled_ = false;
  bool drawn_ = false;
  double start_ = 0;
  double last_draw_ = -1;
};

double now_seconds();
// "1.5 GB", "12.3 MB", "512 B".
std::string human_bytes(double bytes);
// "12,345".
std::string with_commas(uint64_t n);
// "1 document", "12,345 documents" (English plural: `noun` + "s").
std::string count_noun(uint64_t n, const std::string& noun);
// Peak resident set size of this process in bytes.
uint64_t peak_rss_bytes();

// Prints "  label ...... value" lines in aligned columns (at least one space between).
void print_row(const std::string& label, const std::string& value);

}  // namespace docsift::cli
