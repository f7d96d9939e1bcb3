// eval_stories: scores a story clustering against a planted corpus by pairs. Reads the corpus
// written by gen_stories ({"id","story",...}) and an assignment file ({"id","cluster",...}, as
// `docsift cluster --by story --output` writes), joins them by id and counts the pairs of
// documents put in one cluster (predicted), in one story (true) and both (correct):
//   precision = correct / predicted,  recall = correct / true,  F1 their harmonic mean.
// Counted from the contingency table (sum of C(n, 2) over cells), so linear in the corpus.
//
//   eval_stories --corpus stories.jsonl --assign assign.jsonl [--json]
//   eval_stories --corpus stories.jsonl --sweep [--window-days 3] [--json]
//
// --sweep is the baseline a linkage must beat: every pair of documents whose TF-IDF cosine
// (vector/tfidf.h, default options, the stage's own input) is at least t counts as "same story",
// for t = 0.01, 0.02, ..., 0.99; it prints precision/recall/F1 per t and the t with the best F1.
// --window-days W: only pairs whose "date" fields (YYYY-MM-DD) are at most W days apart count
// as predicted (the baseline for `--date-field date --window Wd`).
// All pairs: for corpora of a few thousand documents.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "io/date_field.h"
#include "io/jsonl_fields.h"
#include "vector/tfidf.h"

namespace {

struct PairScores {
  double truth = 0, predicted = 0, correct = 0;
  double precision() const { return predicted > 0 ? correct / predicted : 1; }
  double recall() const { return truth > 0 ? correct / truth : 1; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

double pairs(double n) { return n * (n - 1) / 2; }

void print(const PairScores& s, size_t docs, size_t stories, size_t clusters, bool json) {
  std::printf(
      "documents     %zu\nstories       %zu\nclusters      %zu\npairs_true    %.0f\n"
      "pairs_predicted %.0f\npairs_correct %.0f\nprecision     %.4f\nrecall        %.4f\n"
      "f1            %.4f\n",
      docs, stories, clusters, s.truth, s.predicted, s.correct, s.precision(), s.recall(), s.f1());
  if (json)
    std::printf(
        "{\"documents\":%zu,\"stories\":%zu,\"clusters\":%zu,\"pairs_true\":%.0f,"
        "\"pairs_predicted\":%.0f,\"pairs_correct\":%.0f,\"precision\":%.6f,\"recall\":%.6f,"
        "\"f1\":%.6f}\n",
        docs, stories, clusters, s.truth, s.predicted, s.correct, s.precision(), s.recall(),
        s.f1());
}

// Pair counts of the cosine-threshold classifier at t = b / 100 for every b (see file comment).
int sweep(const std::vector<std::string>& texts, const std::vector<int64_t>& story,
          const std::vector<int64_t>& days, int window_days, bool json) {
  std::vector<std::string_view> views(texts.begin(), texts.end());
  auto m = docsift::build_tfidf(views, docsift::NormalizeOptions{}, docsift::TfidfOptions{});
  if (!m.ok()) {
    std::fprintf(stderr, "eval_stories: %s\n", m.status().message().c_str());
    return 1;
  }
  const size_t n = texts.size();
  // Dense rows one at a time against the sparse others: n^2 * nnz-per-row work.
  std::vector<double> all(101, 0), same(101, 0);
  double truth = 0;
  std::vector<double> dense(static_cast<size_t>(m->rows.cols()), 0);
  for (size_t i = 0; i < n; ++i) {
    const auto row_i = static_cast<int32_t>(i);
    for (docsift::SparseRows::InnerIterator it(m->rows, row_i); it; ++it)
      dense[it.col()] = it.value();
    for (size_t j = i + 1; j < n; ++j) {
      double dot = 0;
      for (docsift::SparseRows::InnerIterator it(m->rows, static_cast<int32_t>(j)); it; ++it)
        dot += dense[it.col()] * it.value();
      const bool is_same = story[i] == story[j];
      truth += is_same;
      int bin = std::clamp(static_cast<int>(dot * 100 + 1e-9), 0, 100);
      if (window_days >= 0 && std::llabs(days[i] - days[j]) > window_days) bin = 0;
      all[bin] += 1;
      if (is_same) same[bin] += 1;
    }
    for (docsift::SparseRows::InnerIterator it(m->rows, row_i); it; ++it) dense[it.col()] = 0;
  }
  PairScores best{truth, 0, 0};
  int best_bin = 1;
  double predicted = 0, correct = 0;
  std::vector<PairScores> at(101);
  for (int b = 100; b >= 1; --b) {
    predicted += all[b];
    correct += same[b];
    at[b] = {truth, predicted, correct};
  }
  std::printf("threshold precision recall f1\n");
  for (int b = 1; b < 100; ++b) {
    std::printf("%.2f %.4f %.4f %.4f\n", b / 100.0, at[b].precision(), at[b].recall(), at[b].f1());
    if (at[b].f1() > best.f1()) {
      best = at[b];
      best_bin = b;
    }
  }
  std::printf("best_threshold %.2f precision %.4f recall %.4f f1 %.4f\n", best_bin / 100.0,
              best.precision(), best.recall(), best.f1());
  if (json)
    std::printf("{\"best_threshold\":%.2f,\"precision\":%.6f,\"recall\":%.6f,\"f1\":%.6f}\n",
                best_bin / 100.0, best.precision(), best.recall(), best.f1());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Score a story clustering by pairs against a planted corpus"};
  std::string corpus_path, assign_path;
  bool json = false, do_sweep = false;
  int window_days = -1;
  app.add_option("--corpus", corpus_path, "planted corpus JSONL (id, story, text)")->required();
  app.add_option("--assign", assign_path, "assignment JSONL (id, cluster)");
  app.add_flag("--sweep", do_sweep, "score fixed cosine thresholds over all pairs instead");
  app.add_option("--window-days", window_days,
                 "--sweep: only pairs at most this many days apart (\"date\" field) count")
      ->check(CLI::Range(0, 100000));
  app.add_flag("--json", json, "also print the scores as one JSON line");
  CLI11_PARSE(app, argc, argv);
  if (do_sweep == !assign_path.empty()) {
    std::fprintf(stderr, "eval_stories: give exactly one of --assign and --sweep\n");
    return 2;
  }

  auto corpus = docsift::read_jsonl_columns(corpus_path, {"id", "story", "text"});
  if (!corpus.ok()) {
    std::fprintf(stderr, "eval_stories: %s\n", corpus.status().message().c_str());
    return 1;
  }
  const auto& ids = (*corpus)[0];
  std::unordered_map<std::string, int64_t> story_ids;
  std::unordered_map<std::string, int64_t> story_of_doc;
  std::vector<int64_t> story;
  for (size_t i = 0; i < ids.size(); ++i) {
    const int64_t s =
        story_ids.emplace((*corpus)[1][i], static_cast<int64_t>(story_ids.size())).first->second;
    story.push_back(s);
    if (!story_of_doc.emplace(ids[i], s).second) {
      std::fprintf(stderr, "eval_stories: %s: duplicate id \"%s\"\n", corpus_path.c_str(),
                   ids[i].c_str());
      return 1;
    }
  }
  if (do_sweep) {
    std::vector<int64_t> days;
    if (window_days >= 0) {
      auto dated = docsift::read_jsonl_columns(corpus_path, {"date"});
      if (!dated.ok()) {
        std::fprintf(stderr, "eval_stories: %s\n", dated.status().message().c_str());
        return 1;
      }
      for (const std::string& d : (*dated)[0]) {
        auto when = docsift::parse_date(d);
        if (!when.ok()) {
          std::fprintf(stderr, "eval_stories: %s: %s\n", corpus_path.c_str(),
                       when.status().message().c_str());
          return 1;
        }
        days.push_back(*when / 86400);
      }
    }
    return sweep((*corpus)[2], story, days, window_days, json);
  }

  auto assign = docsift::read_jsonl_columns(assign_path, {"id", "cluster"});
  if (!assign.ok()) {
    std::fprintf(stderr, "eval_stories: %s\n", assign.status().message().c_str());
    return 1;
  }
  std::map<std::pair<std::string, int64_t>, double> cells;
  std::unordered_map<std::string, double> cluster_size;
  std::unordered_map<int64_t, double> story_size;
  std::unordered_map<std::string, bool> seen;
  for (size_t i = 0; i < (*assign)[0].size(); ++i) {
    const std::string& id = (*assign)[0][i];
    auto it = story_of_doc.find(id);
    if (it == story_of_doc.end()) {
      std::fprintf(stderr, "eval_stories: %s: id \"%s\" is not in %s\n", assign_path.c_str(),
                   id.c_str(), corpus_path.c_str());
      return 1;
    }
    if (!seen.emplace(id, true).second) {
      std::fprintf(stderr, "eval_stories: %s: duplicate id \"%s\"\n", assign_path.c_str(),
                   id.c_str());
      return 1;
    }
    const std::string& cluster = (*assign)[1][i];
    cells[{cluster, it->second}] += 1;
    cluster_size[cluster] += 1;
    story_size[it->second] += 1;
  }
  if (seen.size() != ids.size()) {
    std::fprintf(stderr, "eval_stories: %s: %zu of %zu corpus documents have a cluster\n",
                 assign_path.c_str(), seen.size(), ids.size());
    return 1;
  }
  PairScores s;
  for (const auto& [key, n] : cells) s.correct += pairs(n);
  for (const auto& [key, n] : cluster_size) s.predicted += pairs(n);
  for (const auto& [key, n] : story_size) s.truth += pairs(n);
  print(s, ids.size(), story_size.size(), cluster_size.size(), json);
  return 0;
}
