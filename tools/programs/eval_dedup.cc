// eval_dedup: scores a docsift dedup report against gen_corpus ground truth.
//
//   eval_dedup --truth truth.jsonl --report dedup_report.jsonl [--json]
//
// The truth gives each document a group (an original and its duplicates share one); the
// report lists removed documents ({"id", "duplicate_of", "cluster", ...}), and a predicted
// cluster is the transitive closure of id ~ duplicate_of and id ~ other ids with the same
// cluster value; documents the report does not name are singletons. Scores are over pairs of
// documents: a pair is predicted when both are in one predicted cluster and true when both are
// in one true group. They come from contingency counts (pairs(n) = n(n-1)/2 summed over
// clusters, groups and their intersections), so the cost is linear in the number of documents.
//
// Pairs are split by kind: an "exact" pair joins two documents that are not near-duplicates
// (originals and exact copies), a "near" pair involves at least one near-duplicate. With no
// predicted pairs precision is 1; with no true pairs recall is 1.

#include <simdjson.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/json_writer.h"
#include "io/jsonl_objects.h"

namespace {

using docsift::append_json_number;

struct Truth {
  std::unordered_map<std::string, uint32_t> index;  // id -> document number
  std::vector<uint32_t> group;                      // dense group number per document
  std::vector<double> jaccard;                      // near: planted 5-word-shingle Jaccard
  std::vector<bool> near;                           // kind == "near"
};

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t find(uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void unite(uint32_t a, uint32_t b) {
    a = find(a), b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }
  uint32_t add() {
    parent_.push_back(static_cast<uint32_t>(parent_.size()));
    return parent_.back();
  }

 private:
  std::vector<uint32_t> parent_;
};

std::string read_truth(const std::string& path, Truth& truth) {
  std::unordered_map<std::string, uint32_t> groups;
  std::string key;
  const docsift::JsonlObjectFn each = [&](simdjson::dom::object obj, uint64_t) -> std::string {
    if (obj["passage"].error() == simdjson::SUCCESS) return {};
    std::string_view id, kind;
    simdjson::dom::element group;
    if (obj["id"].get_string().get(id)) return "missing string field \"id\"";
    if (obj["kind"].get_string().get(kind)) return "missing string field \"kind\"";
    if (obj["group"].get(group) || !docsift::jsonl_scalar_key(group, key))
      return "missing string or integer field \"group\"";
    if (kind != "original" && kind != "exact" && kind != "near")
      return "kind must be original, exact or near, not \"" + std::string(kind) + "\"";
    const auto doc = static_cast<uint32_t>(truth.group.size());
    if (!truth.index.emplace(std::string(id), doc).second)
      return "duplicate id \"" + std::string(id) + "\"";
    truth.group.push_back(groups.emplace(key, static_cast<uint32_t>(groups.size())).first->second);
    truth.near.push_back(kind == "near");
    double jaccard = 1.0;
    if (kind == "near") {
      simdjson::dom::element j;
      if (!obj["jaccard"].get(j)) {
        if (j.get_double().get(jaccard) && j.is_int64())
          jaccard = static_cast<double>(j.get_int64().value());
      }
    }
    truth.jaccard.push_back(jaccard);
    return {};
  };
  return docsift::for_each_jsonl_object(path, each).message();
}

std::string read_report(const std::string& path, const Truth& truth, UnionFind& uf,
                        uint64_t& removed) {
  std::unordered_map<std::string, uint32_t> clusters;  // cluster key -> union-find node
  std::string key;
  auto lookup = [&](std::string_view id, uint32_t& doc) {
    auto it = truth.index.find(std::string(id));
    if (it == truth.index.end()) return false;
    doc = it->second;
    return true;
  };
  const docsift::JsonlObjectFn each = [&](simdjson::dom::object obj, uint64_t) -> std::string {
    std::string_view id, other;
    uint32_t doc, other_doc;
    if (obj["id"].get_string().get(id)) return "missing string field \"id\"";
    if (!lookup(id, doc)) return "id \"" + std::string(id) + "\" is not in the truth file";
    ++removed;
    simdjson::dom::element v;
    if (!obj["duplicate_of"].get(v) && !v.is_null()) {
      if (v.get_string().get(other)) return "\"duplicate_of\" must be a string or null";
      if (!lookup(other, other_doc))
        return "duplicate_of \"" + std::string(other) + "\" is not in the truth file";
      uf.unite(doc, other_doc);
    }
    if (!obj["cluster"].get(v) && !v.is_null()) {
      if (!docsift::jsonl_scalar_key(v, key))
        return "\"cluster\" must be a string, an integer or null";
      auto [it, fresh] = clusters.emplace(key, 0);
      if (fresh) it->second = uf.add();
      uf.unite(doc, it->second);
    }
    return {};
  };
  return docsift::for_each_jsonl_object(path, each).message();
}

// Precision counts a predicted pair as true when both documents share a true group; recall is
// over the pairs a method at the evaluated threshold must find (near copies planted below
// --min-jaccard are excused: finding them is not an error, missing them is not either).
struct PairCounts {
  uint64_t predicted = 0, truth = 0, tp = 0;
  uint64_t must_find = 0, found = 0;
  double precision() const { return predicted ? static_cast<double>(tp) / predicted : 1.0; }
  double recall() const { return must_find ? static_cast<double>(found) / must_find : 1.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

uint64_t pairs(uint64_t n) { return n * (n - 1) / 2; }

}  // namespace

int main(int argc, char** argv) {
  std::string truth_path, report_path;
  bool json = false;
  double min_jaccard = 0.0;
  CLI::App app{"Pairwise precision, recall and F1 of a dedup report against gen_corpus truth."};
  app.add_option("--truth", truth_path, "Ground-truth JSONL from gen_corpus")->required();
  app.add_option("--report", report_path, "Dedup report JSONL (one line per removed document)")
      ->required();
  app.add_flag("--json", json, "Print one JSON line instead of a table");
  app.add_option(
      "--min-jaccard", min_jaccard,
      "Recall only over near copies planted at this Jaccard or above (e.g. the threshold)");
  CLI11_PARSE(app, argc, argv);

  Truth truth;
  if (std::string err = read_truth(truth_path, truth); !err.empty()) {
    std::fprintf(stderr, "eval_dedup: %s\n", err.c_str());
    return 1;
  }
  const size_t n = truth.group.size();
  UnionFind uf(n);
  uint64_t removed = 0;
  if (std::string err = read_report(report_path, truth, uf, removed); !err.empty()) {
    std::fprintf(stderr, "eval_dedup: %s\n", err.c_str());
    return 1;
  }

  // Contingency counts; "x" counts only documents that are not near-duplicates.
  std::unordered_map<uint32_t, uint64_t> pred_all, pred_x;
  std::unordered_map<uint32_t, uint64_t> true_all, true_x;
  std::unordered_map<uint64_t, uint64_t> both_all, both_x;
  std::unordered_map<uint64_t, uint64_t> strict_all, strict_both;  // excused copies alone
  for (uint32_t d = 0; d < n; ++d) {
    const uint32_t p = uf.find(d), g = truth.group[d];
    const uint64_t pg = (static_cast<uint64_t>(p) << 32) | g;
    ++pred_all[p], ++true_all[g], ++both_all[pg];
    if (!truth.near[d]) ++pred_x[p], ++true_x[g], ++both_x[pg];
    const bool excused = truth.near[d] && truth.jaccard[d] < min_jaccard;
    const uint64_t sg = excused ? (uint64_t{1} << 63) | d : g;
    ++strict_all[sg];
    ++strict_both[excused ? sg : pg];
  }
  auto sum_pairs = [](const auto& m) {
    uint64_t s = 0;
    for (const auto& [k, c] : m) s += pairs(c);
    return s;
  };
  PairCounts all{sum_pairs(pred_all), sum_pairs(true_all), sum_pairs(both_all),
                 sum_pairs(strict_all), sum_pairs(strict_both)};
  PairCounts exact{sum_pairs(pred_x), sum_pairs(true_x), sum_pairs(both_x), sum_pairs(true_x),
                   sum_pairs(both_x)};
  PairCounts near{all.predicted - exact.predicted, all.truth - exact.truth, all.tp - exact.tp,
                  all.must_find - exact.must_find, all.found - exact.found};

  if (json) {
    std::string line =
        "{\"documents\":" + std::to_string(n) + ",\"removed\":" + std::to_string(removed);
    for (auto [name, c] :
         {std::pair{"all", all}, std::pair{"exact", exact}, std::pair{"near", near}}) {
      line += ",\"";
      line += name;
      line += "\":{\"tp\":" + std::to_string(c.tp) +
              ",\"fp\":" + std::to_string(c.predicted - c.tp) +
              ",\"fn\":" + std::to_string(c.must_find - c.found) + ",\"precision\":";
      append_json_number(line, c.precision());
      line += ",\"recall\":";
      append_json_number(line, c.recall());
      line += ",\"f1\":";
      append_json_number(line, c.f1());
      line += '}';
    }
    line += "}\n";
    std::fputs(line.c_str(), stdout);
    return 0;
  }
  std::printf("documents %zu, removed by the report %llu\n", n,
              static_cast<unsigned long long>(removed));
  std::printf("%-6s %12s %12s %12s %10s %10s %10s\n", "pairs", "tp", "fp", "fn", "precision",
              "recall", "f1");
  for (auto [name, c] :
       {std::pair{"all", all}, std::pair{"exact", exact}, std::pair{"near", near}}) {
    std::printf(
        "%-6s %12llu %12llu %12llu %10.4f %10.4f %10.4f\n", name,
        static_cast<unsigned long long>(c.tp), static_cast<unsigned long long>(c.predicted - c.tp),
        static_cast<unsigned long long>(c.must_find - c.found), c.precision(), c.recall(), c.f1());
  }
  return 0;
}
