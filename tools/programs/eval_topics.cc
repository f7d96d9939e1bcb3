// eval_topics: scores a clustering against a labelled corpus. Reads the corpus written by
// gen_topics ({"id","topic","lang",...}) and an assignment file ({"id","cluster",...}, as
// `docsift cluster --output` writes), joins them by id and prints homogeneity, completeness,
// V-measure, NMI and ARI (scikit-learn's definitions, vector/cluster_metrics.h).
//
//   eval_topics --corpus topics.jsonl --assign clusters.jsonl [--truth topic+lang] [--json]
//               [--summary topics_summary.jsonl]
//
// --truth topic+lang scores against (topic, language) pairs: the partition a bag-of-words
// model can find when languages share no words. --summary also scores the cluster labels
// (`docsift cluster --summary`): a label's topicality is the share of the corpus documents
// containing it (as normalised words, text/tokenize.h) that have its most common topic; function
// words score about 1 / topics, topic words near 1. Prints the mean topicality and the share of
// labels at or above 0.5.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/tokenize.h"
#include "vector/cluster_metrics.h"
#include "io/jsonl_fields.h"

namespace {

// The strings of a minified JSON array of strings (escapes kept as written).
std::vector<std::string> json_strings(const std::string& array) {
  std::vector<std::string> out;
  for (size_t i = 0; i < array.size(); ++i) {
    if (array[i] != '"') continue;
    std::string s;
    for (++i; i < array.size() && array[i] != '"'; ++i) {
      if (array[i] == '\\' && i + 1 < array.size()) s.push_back(array[i++]);
      s.push_back(array[i]);
    }
    out.push_back(std::move(s));
  }
  return out;
}

// Normalised words of `text` joined by single spaces ("central bank").
std::string normalised(docsift::Tokenizer& tokenizer, std::string_view text) {
  docsift::TokenizedText t;
  tokenizer.tokenize(text, t);
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (i) out.push_back(' ');
    out.append(t.norm(i));
  }
  return out;
}

// Mean label topicality and the share of labels with topicality >= 0.5 (see the file comment).
int score_labels(const std::string& corpus_path, const std::string& summary_path, bool json) {
  auto corpus = docsift::read_jsonl_columns(corpus_path, {"text", "topic"});
  auto summary = docsift::read_jsonl_columns(summary_path, {"labels"});
  if (!corpus.ok() || !summary.ok()) {
    std::fprintf(stderr, "eval_topics: %s\n",
                 (corpus.ok() ? summary.status() : corpus.status()).message().c_str());
    return 1;
  }
  docsift::Tokenizer tokenizer;
  std::unordered_map<std::string, std::map<std::string, size_t>>
      topics_of;  // label -> topic -> docs
  std::vector<std::string> labels;
  for (const std::string& array : (*summary)[0])
    for (const std::string& label : json_strings(array)) {
      labels.push_back(normalised(tokenizer, label));
      topics_of[labels.back()];
    }
  docsift::TokenizedText t;
  std::unordered_set<std::string> seen;
  for (size_t d = 0; d < (*corpus)[0].size(); ++d) {
    tokenizer.tokenize((*corpus)[0][d], t);
    seen.clear();
    for (size_t i = 0; i < t.size(); ++i) {
      for (size_t len = 1; len <= 2 && i + len <= t.size(); ++len) {
        std::string term(t.norm(i));
        if (len == 2) term.append(" ").append(t.norm(i + 1));
        auto it = topics_of.find(term);
        if (it != topics_of.end() && seen.insert(term).second) ++it->second[(*corpus)[1][d]];
      }
    }
  }
  double sum = 0;
  size_t topical = 0;
  for (const std::string& label : labels) {
    size_t total = 0, best = 0;
    for (const auto& [topic, docs] : topics_of[label]) {
      total += docs;
      best = std::max(best, docs);
    }
    const double score = total ? static_cast<double>(best) / static_cast<double>(total) : 0;
    sum += score;
    topical += score >= 0.5;
  }
  const double n = static_cast<double>(labels.size());
  const double mean = labels.empty() ? 0 : sum / n;
  const double share = labels.empty() ? 0 : static_cast<double>(topical) / n;
  std::printf("labels        %zu\nlabel_topicality %.4f\ntopical_labels %.4f\n", labels.size(),
              mean, share);
  if (json)
    std::printf("{\"labels\":%zu,\"label_topicality\":%.6f,\"topical_labels\":%.6f}\n",
                labels.size(), mean, share);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Score a topic clustering against a labelled corpus"};
  std::string corpus_path, assign_path, truth = "topic";
  bool json = false;
  app.add_option("--corpus", corpus_path, "labelled corpus JSONL (id, topic, lang)")->required();
  app.add_option("--assign", assign_path, "assignment JSONL (id, cluster)")->required();
  app.add_option("--truth", truth, "reference labels: topic or topic+lang")
      ->check(CLI::IsMember({"topic", "topic+lang"}))
      ->capture_default_str();
  app.add_flag("--json", json, "also print the scores as one JSON line");
  std::string summary_path;
  app.add_option("--summary", summary_path,
                 "cluster summary JSONL (labels): also score label topicality");
  CLI11_PARSE(app, argc, argv);

  auto corpus = docsift::read_jsonl_columns(corpus_path, {"id", "topic", "lang"});
  if (!corpus.ok()) {
    std::fprintf(stderr, "eval_topics: %s\n", corpus.status().message().c_str());
    return 1;
  }
  auto assign = docsift::read_jsonl_columns(assign_path, {"id", "cluster"});
  if (!assign.ok()) {
    std::fprintf(stderr, "eval_topics: %s\n", assign.status().message().c_str());
    return 1;
  }
  const auto& ids = (*corpus)[0];
  std::unordered_map<std::string, int64_t> class_ids;
  std::unordered_map<std::string, int64_t> class_of_doc;
  for (size_t i = 0; i < ids.size(); ++i) {
    std::string label = (*corpus)[1][i];
    if (truth == "topic+lang") label += "/" + (*corpus)[2][i];
    const int64_t c =
        class_ids.emplace(label, static_cast<int64_t>(class_ids.size())).first->second;
    if (!class_of_doc.emplace(ids[i], c).second) {
      std::fprintf(stderr, "eval_topics: %s: duplicate id \"%s\"\n", corpus_path.c_str(),
                   ids[i].c_str());
      return 1;
    }
  }
  std::unordered_map<std::string, int64_t> cluster_ids;
  std::vector<int64_t> truth_labels, predicted;
  for (size_t i = 0; i < (*assign)[0].size(); ++i) {
    auto it = class_of_doc.find((*assign)[0][i]);
    if (it == class_of_doc.end()) {
      std::fprintf(stderr, "eval_topics: %s: id \"%s\" is not in %s\n", assign_path.c_str(),
                   (*assign)[0][i].c_str(), corpus_path.c_str());
      return 1;
    }
    truth_labels.push_back(it->second);
    predicted.push_back(
        cluster_ids.emplace((*assign)[1][i], static_cast<int64_t>(cluster_ids.size()))
            .first->second);
  }
  if (predicted.size() != ids.size())
    std::fprintf(stderr, "eval_topics: warning: %zu of %zu corpus documents have a cluster\n",
                 predicted.size(), ids.size());
  const docsift::ClusterScores s = docsift::cluster_scores(truth_labels, predicted);
  std::printf("documents     %zu\nclasses       %zu (%s)\nclusters      %zu\n", predicted.size(),
              class_ids.size(), truth.c_str(), cluster_ids.size());
  std::printf(
      "homogeneity   %.4f\ncompleteness  %.4f\nv_measure     %.4f\nnmi           %.4f\n"
      "ari           %.4f\n",
      s.homogeneity, s.completeness, s.v_measure, s.nmi, s.ari);
  if (json)
    std::printf(
        "{\"documents\":%zu,\"classes\":%zu,\"clusters\":%zu,\"truth\":\"%s\","
        "\"homogeneity\":%.6f,\"completeness\":%.6f,\"v_measure\":%.6f,\"nmi\":%.6f,"
        "\"ari\":%.6f}\n",
        predicted.size(), class_ids.size(), cluster_ids.size(), truth.c_str(), s.homogeneity,
        s.completeness, s.v_measure, s.nmi, s.ari);
  if (!summary_path.empty()) return score_labels(corpus_path, summary_path, json);
  return 0;
}
