#pragma once
// StageReport: the report lines a stage decided and the passages it found most repeated, as
// `passages` and `substrings` keep them in a work directory (pipeline/work_dir.h) so that a
// rerun writes the same report without deciding again. Held in memory by the job only when it
// keeps a work directory (the size of its report).
//
//   StageReport r{.options = made_with};
//   r.lines += line; r.lines += '\n';
//   DOCSIFT_RETURN_IF_ERROR(save_stage_report(r, wd.path("report")));
//   Result<StageReport> back = load_stage_report(wd.path("report"), &made_with);
//
// File (core/binary_file.h container, magic "DSRP", version 1, counts {line_bytes,
// num_repeated, repeated_text_bytes}): payload = line_bytes uint8 (the lines, each ending in
// '\n'), num_repeated uint64 text lengths, repeated_text_bytes uint8 (the texts), num_repeated
// uint64 occurrences, num_repeated uint64 documents. Loading refuses other options, lengths that
// do not add up, and lines that do not end in '\n'.
//
// Guarantees: pure functions; the file's bytes depend only on the report and the options.

#include <string>
#include <vector>

#include "core/binary_file.h"
#include "core/options_fingerprint.h"
#include "core/status.h"
#include "passages/passage_index.h"

namespace docsift {

inline constexpr BinaryFormat kStageReportFormat{{'D', 'S', 'R', 'P'}, 1, "stage report"};

struct StageReport {
  OptionsText options;
  std::string lines;  // report lines, each ending in '\n'
  std::vector<RepeatedPassage> most_repeated;

  friend bool operator==(const StageReport& x, const StageReport& y);
};

Status save_stage_report(const StageReport& report, const std::string& path);
// expected == nullptr accepts any options (see options of the result).
Result<StageReport> load_stage_report(const std::string& path, const OptionsText* expected);

}  // namespace docsift
