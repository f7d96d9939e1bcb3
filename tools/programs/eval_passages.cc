// eval_passages: scores a docsift passage report (from `docsift passages -r` or the passage lines
// of `docsift clean -r`) against gen_corpus ground truth. A planted passage is found when a
// report line for the same document covers at least half of its bytes. Recall is given per
// planted kind (bullet-repeat, within-repeat, boilerplate, near-boilerplate). Precision is over
// report lines in documents outside planted duplicate-document groups (whose shared paragraphs
// are duplicates too, but not planted passages): the fraction that cover a planted passage.
// Rows of kind "line" (short boilerplate lines) are not scored here (see eval_lines).
//
//   eval_passages --truth truth.jsonl --report passages.jsonl [--json]

#include <simdjson.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/jsonl_objects.h"

namespace {

struct Span {
  uint64_t start = 0, end = 0;
  std::string kind;
};

uint64_t overlap(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1) {
  const uint64_t lo = std::max(a0, b0), hi = std::min(a1, b1);
  return hi > lo ? hi - lo : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string truth_path, report_path;
  bool json = false;
  CLI::App app{
      "Recall per planted kind and precision of a passage report against gen_corpus truth."};
  app.add_option("--truth", truth_path, "Ground-truth JSONL from gen_corpus")->required();
  app.add_option("--report", report_path, "Passage report JSONL")->required();
  app.add_flag("--json", json, "Print one JSON line instead of a table");
  CLI11_PARSE(app, argc, argv);

  std::unordered_map<std::string, std::vector<Span>> planted;  // doc id -> planted passages
  std::unordered_map<std::string, std::string> group_of;       // doc id -> truth group key
  std::unordered_map<std::string, int> group_size;
  std::string key;
  const docsift::JsonlObjectFn truth_line = [&](simdjson::dom::object obj,
                                                uint64_t) -> std::string {
    simdjson::dom::object p;
    if (!obj["passage"].get_object().get(p)) {
      std::string_view id, kind;
      uint64_t start, end;
      if (p["id"].get_string().get(id) || p["kind"].get_string().get(kind) ||
          p["start"].get_uint64().get(start) || p["end"].get_uint64().get(end)) {
        return "passage needs id, kind, start, end";
      }
      planted[std::string(id)].push_back({start, end, std::string(kind)});
      return {};
    }
    std::string_view id;
    simdjson::dom::element group;
    if (obj["id"].get_string().get(id) || obj["group"].get(group) ||
        !docsift::jsonl_scalar_key(group, key)) {
      return "document needs id and group";
    }
    group_of[std::string(id)] = key;
    ++group_size[key];
    return {};
  };
  std::string err = docsift::for_each_jsonl_object(truth_path, truth_line).message();
  if (!err.empty()) {
    std::fprintf(stderr, "eval_passages: %s\n", err.c_str());
    return 1;
  }

  std::unordered_map<std::string, std::vector<bool>> found;
  for (auto& [id, spans] : planted) found[id].assign(spans.size(), false);
  uint64_t lines = 0, lines_scored = 0, lines_on_planted = 0;
  const docsift::JsonlObjectFn report_line = [&](simdjson::dom::object obj,
                                                 uint64_t) -> std::string {
    std::string_view type;
    if (!obj["type"].get_string().get(type) && type != "passage") return {};  // clean's doc lines
    // Short boilerplate lines (kind "line") are another detector, which gen_corpus's truth does
    // not label: eval_lines scores them.
    std::string_view kind;
    if (!obj["kind"].get_string().get(kind) && kind == "line") return {};
    std::string_view id;
    uint64_t start, end;
    if (obj["id"].get_string().get(id) || obj["start"].get_uint64().get(start) ||
        obj["end"].get_uint64().get(end)) {
      return "report line needs id, start, end";
    }
    ++lines;
    const std::string doc(id);
    bool on_planted = false;
    if (auto it = planted.find(doc); it != planted.end()) {
      for (size_t i = 0; i < it->second.size(); ++i) {
        const Span& s = it->second[i];
        const uint64_t o = overlap(start, end, s.start, s.end);
        if (o * 2 >= s.end - s.start && o > 0) found[doc][i] = true;
        if (o * 2 >= end - start && o > 0) on_planted = true;
      }
    }
    auto g = group_of.find(doc);
    if (g != group_of.end() && group_size[g->second] == 1) {
      ++lines_scored;
      lines_on_planted += on_planted;
    }
    return {};
  };
  err = docsift::for_each_jsonl_object(report_path, report_line).message();
  if (!err.empty()) {
    std::fprintf(stderr, "eval_passages: %s\n", err.c_str());
    return 1;
  }

  std::map<std::string, std::pair<uint64_t, uint64_t>> by_kind;  // kind -> (found, planted)
  for (auto& [id, spans] : planted) {
    for (size_t i = 0; i < spans.size(); ++i) {
      auto& k = by_kind[spans[i].kind];
      ++k.second;
      k.first += found[id][i];
    }
  }
  const double precision =
      lines_scored ? static_cast<double>(lines_on_planted) / lines_scored : 1.0;
  if (json) {
    std::string out = "{\"report_lines\":" + std::to_string(lines) +
                      ",\"precision\":" + std::to_string(precision) + ",\"recall\":{";
    bool first = true;
    for (auto& [kind, fp] : by_kind) {
      if (!first) out += ',';
      first = false;
      out += "\"" + kind + "\":" + std::to_string(fp.second ? double(fp.first) / fp.second : 1.0);
    }
    out += "}}\n";
    std::fputs(out.c_str(), stdout);
    return 0;
  }
  std::printf(
      "report lines %llu; precision %.4f (%llu of %llu lines outside duplicate-document "
      "groups cover a planted passage)\n",
      static_cast<unsigned long long>(lines), precision,
      static_cast<unsigned long long>(lines_on_planted),
      static_cast<unsigned long long>(lines_scored));
  std::printf("%-18s %8s %8s %8s\n", "planted kind", "found", "planted", "recall");
  for (auto& [kind, fp] : by_kind) {
    std::printf(
        "%-18s %8llu %8llu %8.4f\n", kind.c_str(), static_cast<unsigned long long>(fp.first),
        static_cast<unsigned long long>(fp.second), fp.second ? double(fp.first) / fp.second : 1.0);
  }
  return 0;
}
