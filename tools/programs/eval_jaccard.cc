// eval_jaccard: scores a docsift dedup report against brute-force exact Jaccard, for corpora
// without planted ground truth. Every document's word n-shingle set is built (ICU tokens, as
// docsift normalises them, hashed with 64-bit XXH3: a collision needs ~2^32 shingles), every pair
// sharing a shingle is scored exactly through an inverted index, and:
//   recall    = pairs with J >= threshold + recall_margin of which at most one document is kept
//   cluster recall = the same pairs that end in one cluster
//   precision = removed documents whose J to their kept document is >= threshold - precision_margin
// Quadratic in the worst case: meant for corpora up to some tens of thousands of documents.
//
//   eval_jaccard --corpus corpus.jsonl --report removed.jsonl --threshold 0.8 [--json]

#include <simdjson.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/corpus_reader.h"
#include "io/jsonl_objects.h"
#include "shingle/shingle.h"
#include "text/tokenize.h"

namespace {

double jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 1.0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j])
      ++i;
    else if (b[j] < a[i])
      ++j;
    else
      ++common, ++i, ++j;
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus_path, report_path;
  double threshold = 0.8, recall_margin = 0.05, precision_margin = 0.15;
  unsigned ngram = 5;
  bool json = false;
  CLI::App app{"Precision and recall of a dedup report against brute-force exact Jaccard."};
  app.add_option("--corpus", corpus_path, "The corpus the report was made from (JSONL)")
      ->required();
  app.add_option("--report", report_path, "Dedup report JSONL")->required();
  app.add_option("--threshold", threshold, "The threshold the report was made with")
      ->capture_default_str();
  app.add_option("--ngram", ngram, "Word shingle length")->capture_default_str();
  app.add_option("--recall-margin", recall_margin, "Recall over pairs with J >= t + this")
      ->capture_default_str();
  app.add_option("--precision-margin", precision_margin, "Precision: J >= t - this")
      ->capture_default_str();
  app.add_flag("--json", json, "Print one JSON line");
  CLI11_PARSE(app, argc, argv);

  auto reader = docsift::CorpusReader::open({corpus_path}, docsift::ReadOptions{});
  if (!reader.ok()) {
    std::fprintf(stderr, "eval_jaccard: %s\n", reader.status().message().c_str());
    return 1;
  }
  std::vector<std::string> ids;
  std::unordered_map<std::string, uint32_t> index;
  std::vector<std::vector<uint64_t>> sets;
  docsift::Tokenizer tokenizer;
  docsift::TokenizedText tokens;
  std::vector<uint64_t> hashes;
  docsift::Record rec;
  while (true) {
    auto more = (*reader)->next(rec);
    if (!more.ok()) {
      std::fprintf(stderr, "eval_jaccard: %s\n", more.status().message().c_str());
      return 1;
    }
    if (!*more) break;
    tokenizer.tokenize(rec.text, tokens);
    docsift::token_hashes(tokens, 0, hashes);
    sets.emplace_back();
    docsift::word_shingles(hashes, ngram, 0, sets.back());
    docsift::make_shingle_set(sets.back());
    index.emplace(rec.id, static_cast<uint32_t>(ids.size()));
    ids.push_back(rec.id);
  }
  const size_t n = ids.size();

  std::vector<uint32_t> kept_of(n), cluster_of(n);
  for (uint32_t d = 0; d < n; ++d) kept_of[d] = cluster_of[d] = d;
  const docsift::JsonlObjectFn each = [&](simdjson::dom::object obj, uint64_t) -> std::string {
    std::string_view id, dup;
    if (obj["id"].get_string().get(id) || obj["duplicate_of"].get_string().get(dup)) return {};
    auto a = index.find(std::string(id)), b = index.find(std::string(dup));
    if (a == index.end() || b == index.end()) return "id not in the corpus: " + std::string(id);
    kept_of[a->second] = b->second;
    return {};
  };
  const std::string err = docsift::for_each_jsonl_object(report_path, each).message();
  if (!err.empty()) {
    std::fprintf(stderr, "eval_jaccard: %s\n", err.c_str());
    return 1;
  }
  for (uint32_t d = 0; d < n; ++d) cluster_of[d] = kept_of[d];

  // Precision: each removed document against the document kept in its place.
  size_t removed = 0, removed_ok = 0;
  for (uint32_t d = 0; d < n; ++d) {
    if (kept_of[d] == d) continue;
    ++removed;
    removed_ok += jaccard(sets[d], sets[kept_of[d]]) >= threshold - precision_margin;
  }
  // Recall: all pairs above the bar, found through an inverted index over shingles.
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings;
  for (uint32_t d = 0; d < n; ++d) {
    for (uint64_t s : sets[d]) postings[s].push_back(d);
  }
  std::vector<uint32_t> shared(n, 0), touched;
  size_t must_find = 0, resolved = 0, same_cluster = 0;
  for (uint32_t d = 0; d < n; ++d) {
    touched.clear();
    for (uint64_t s : sets[d]) {
      for (uint32_t e : postings[s]) {
        if (e <= d) continue;
        if (shared[e]++ == 0) touched.push_back(e);
      }
    }
    for (uint32_t e : touched) {
      const double j = static_cast<double>(shared[e]) /
                       static_cast<double>(sets[d].size() + sets[e].size() - shared[e]);
      shared[e] = 0;
      if (j < threshold + recall_margin) continue;
      ++must_find;
      resolved += kept_of[d] != d || kept_of[e] != e;
      same_cluster += cluster_of[d] == cluster_of[e];
    }
  }
  const double precision = removed ? static_cast<double>(removed_ok) / removed : 1.0;
  const double recall = must_find ? static_cast<double>(resolved) / must_find : 1.0;
  const double cluster_recall = must_find ? static_cast<double>(same_cluster) / must_find : 1.0;
  if (json) {
    std::printf(
        "{\"documents\":%zu,\"removed\":%zu,\"pairs\":%zu,\"precision\":%.4f,\"recall\":%.4f,"
        "\"cluster_recall\":%.4f}\n",
        n, removed, must_find, precision, recall, cluster_recall);
    return 0;
  }
  std::printf("documents %zu, removed %zu, pairs with J >= %.2f: %zu\n", n, removed,
              threshold + recall_margin, must_find);
  std::printf("precision %.4f (removed documents with J >= %.2f to the kept one)\n", precision,
              threshold - precision_margin);
  std::printf("recall    %.4f (pairs of which at most one document is kept)\n", recall);
  std::printf("cluster recall %.4f (pairs in one cluster)\n", cluster_recall);
  return 0;
}
