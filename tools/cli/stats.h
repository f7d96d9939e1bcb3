#pragma once
// --stats FILE (every command): the run's summary as one JSON object, for pipelines that log
// and compare runs. Written atomically (temp file, fsync, rename) once the job has committed its
// outputs; only a successful run writes it.
//
//   {"command":"dedup","version":"0.1.0","inputs":["corpus.jsonl"],
//    "options":{"method":"minhash","threshold":0.8,"fold-digits":false,...},
//    "summary":{"docs_read":1000,"docs_removed":12,...},
//    "stages":[{"stage":"read","seconds":1.25},...],"seconds":1.9,"peak_memory_bytes":52428800,
//    "max_memory_bytes":8589934592,"memory_charged_peak_bytes":41943040}
//
// "options" holds every option of the command with the value used (given or default); numbers
// as numbers, flags as booleans (true when given), the rest as strings.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/memory_budget.h"
#include "core/status.h"
#include "pipeline/clean_job.h"
#include "pipeline/cluster_job.h"
#include "pipeline/dedup_job.h"
#include "pipeline/passages_job.h"
#include "progress.h"

namespace docsift::cli {

std::string summary_json(const DedupSummary& s);
std::string summary_json(const PassageSummary& s);
std::string summary_json(const CleanSummary& s);
std::string summary_json(const ClusterJobResult& r);

// The whole object for `cmd` (its options as parsed), with `summary` (a JSON object) inserted,
// and, with a budget, "max_memory_bytes" (its limit, 0 = none) and "memory_charged_peak_bytes"
// (the most its consumers held at once, core/memory_budget.h).
std::string stats_json(const CLI::App& cmd, const std::vector<std::string>& inputs,
                       const std::string& summary, const std::vector<Progress::StageTime>& stages,
                       double seconds, const MemoryBudget* budget = nullptr);

// Writes `json` and a newline to `path` atomically (nothing when `path` is empty).
Status write_stats(const std::string& path, const std::vector<std::string>& inputs,
                   const std::string& json);

}  // namespace docsift::cli
