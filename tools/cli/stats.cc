#include "stats.h"

#include <regex>

#include "app.h"
#include "cli_common.h"
#include "io/json_writer.h"
#include "io/output_file.h"

namespace docsift::cli {
namespace {

// A value exactly as given when it is a JSON number, else a JSON string: "0.8" -> 0.8 but
// "auto", "1e", "+3" and "007" stay strings.
void append_value(std::string& out, const std::string& value) {
  static const std::regex number(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)");
  if (value.size() < 40 && std::regex_match(value, number)) {
    out += value;
  } else {
    append_json_string(out, value);
  }
}

std::string strip_dashes(const std::string& name) {
  size_t i = 0;
  while (i < name.size() && name[i] == '-') ++i;
  return name.substr(i);
}

}  // namespace

std::string summary_json(const DedupSummary& s) {
  std::string out;
  JsonObject o(out);
  o.field("docs_read", s.docs_read)
      .field("docs_kept", s.docs_kept)
      .field("docs_removed", s.docs_removed)
      .field("docs_skipped", s.docs_skipped)
      .field("bytes_read", s.bytes_read)
      .field("text_bytes", s.text_bytes)
      .field("text_bytes_removed", s.text_bytes_removed)
      .field("duplicate_groups", s.duplicate_groups)
      .field("largest_group", s.largest_group)
      .field("large_groups", s.large_groups)
      .field("candidate_pairs", s.candidate_pairs)
      .field("bands", s.num_bands)  // field names kept: users parse them
      .field("rows", s.rows_per_band)
      .field("seconds", s.seconds)
      .field("simd_path", s.simd_path)
      .field("work_dir_stale", s.work_dir_stale);
  std::string resumed = "[";  // stages taken from --work-dir
  for (const std::string& r : s.stages_resumed) {
    if (resumed.size() > 1) resumed += ",";
    append_json_string(resumed, r);
  }
  o.raw_field("stages_resumed", resumed + "]");
  o.close();
  return out;
}

std::string summary_json(const PassageSummary& s) {
  std::string repeated = "[";
  for (size_t i = 0; i < s.most_repeated.size(); ++i) {
    if (i) repeated += ",";
    JsonObject r(repeated);
    r.field("text", s.most_repeated[i].text)
        .field("occurrences", s.most_repeated[i].occurrences)
        .field("documents", s.most_repeated[i].documents);
    r.close();
  }
  repeated += "]";
  std::string out;
  JsonObject o(out);
  o.field("docs_read", s.docs_read)
      .field("docs_changed", s.docs_changed)
      .field("docs_skipped", s.docs_skipped)
      .field("passages", s.passages)
      .field("distinct_passages", s.distinct_passages)
      .field("duplicate_occurrences", s.duplicate_occurrences)
      .field("within_duplicates", s.within_duplicates)
      .field("across_duplicates", s.across_duplicates)
      .field("near_duplicate_groups", s.near_duplicate_groups)
      .field("passages_removed", s.passages_removed)
      .field("lines_removed", s.lines_removed)
      .field("bytes_read", s.bytes_read)
      .field("text_bytes", s.text_bytes)
      .field("bytes_removed", s.bytes_removed)
      .field("index_bytes", s.index_bytes)
      .field("seconds", s.seconds)
      .raw_field("most_repeated", repeated);
  o.close();
  return out;
}

std::string summary_json(const CleanSummary& s) {
  std::string out;
  JsonObject o(out);
  o.raw_field("documents", summary_json(s.documents))
      .raw_field("passages", summary_json(s.passages));
  if (s.substrings.ran) {  // clean --substrings
    std::string sub;
    JsonObject(sub)
        .field("spans", s.substrings.spans)
        .field("within_spans", s.substrings.within_spans)
        .field("across_spans", s.substrings.across_spans)
        .field("span_bytes", s.substrings.span_bytes)
        .field("docs_changed", s.substrings.docs_changed)
        .field("state_bytes", s.substrings.state_bytes)
        .field("shards", s.substrings.shards)
        .close();
    o.raw_field("substrings", sub);
  }
  o.field("seconds", s.seconds);
  o.close();
  return out;
}

std::string summary_json(const ClusterJobResult& r) {
  std::string clusters = "[";
  for (size_t c = 0; c < r.result.clusters.size(); ++c) {
    if (c) clusters += ",";
    std::string labels = "[";
    for (size_t l = 0; l < r.result.clusters[c].labels.size(); ++l) {
      if (l) labels += ",";
      append_json_string(labels, r.result.clusters[c].labels[l]);
    }
    labels += "]";
    JsonObject o(clusters);
    o.field("cluster", uint64_t{c}).field("size", uint64_t{r.result.clusters[c].size});
    o.raw_field("labels", labels);
    if (c < r.titles.size()) o.field("title", r.titles[c]);
    o.close();
  }
  clusters += "]";
  std::string out;
  JsonObject o(out);
  o.field("docs_read", uint64_t{r.docs_read})
      .field("duplicates_removed", uint64_t{r.duplicates_removed})
      .field("boilerplate_passages", r.boilerplate_passages)
      .field("boilerplate_bytes", r.boilerplate_bytes)
      .field("boilerplate_docs", r.boilerplate_docs)
      .field("reprints_kept", r.reprints_kept)
      .field("bytes_read", r.bytes_read)
      .field("k", uint64_t{r.result.k})
      .field("vocabulary_size", uint64_t{r.result.vocabulary_size})
      .field("seconds", r.seconds)
      .field("cluster_seconds", r.cluster_seconds)
      .raw_field("clusters", clusters);
  o.close();
  return out;
}

std::string stats_json(const CLI::App& cmd, const std::vector<std::string>& inputs,
                       const std::string& summary, const std::vector<Progress::StageTime>& stages,
                       double seconds, const MemoryBudget* budget) {
  std::string input_list = "[";
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (i) input_list += ",";
    append_json_string(input_list, inputs[i]);
  }
  input_list += "]";

  std::string options = "{";
  bool first = true;
  for (const CLI::Option* opt : cmd.get_options()) {
    if (opt->get_positional() || opt->get_lnames().empty()) continue;
    const std::string name = strip_dashes(opt->get_name());
    if (name == "help") continue;
    if (!first) options += ",";
    first = false;
    append_json_string(options, name);
    options += ":";
    if (opt->get_expected_max() == 0) {  // a flag
      options += opt->count() > 0 ? "true" : "false";
    } else if (opt->count() > 0) {
      const std::vector<std::string>& results = opt->results();
      append_value(options, results.empty() ? std::string() : results.back());
    } else {
      append_value(options, opt->get_default_str());
    }
  }
  options += "}";

  std::string stage_list = "[";
  for (size_t i = 0; i < stages.size(); ++i) {
    if (i) stage_list += ",";
    JsonObject s(stage_list);
    s.field("stage", stages[i].label).field("seconds", stages[i].seconds);
    s.close();
  }
  stage_list += "]";

  std::string out;
  JsonObject o(out);
  o.field("command", cmd.get_name())
      .field("version", version_number())
      .raw_field("inputs", input_list)
      .raw_field("options", options)
      .raw_field("summary", summary)
      .raw_field("stages", stage_list)
      .field("seconds", seconds)
      .field("peak_memory_bytes", peak_rss_bytes());
  if (budget != nullptr) {
    o.field("max_memory_bytes", budget->limit()).field("memory_charged_peak_bytes", budget->peak());
  }
  o.close();
  return out;
}

Status write_stats(const std::string& path, const std::vector<std::string>& inputs,
                   const std::string& json) {
  if (path.empty()) return Status::Ok();
  auto out = OutputFile::open(path, inputs);
  if (!out.ok()) return out.status();
  out.value()->write(json);
  out.value()->write("\n");
  return out.value()->commit();
}

}  // namespace docsift::cli
