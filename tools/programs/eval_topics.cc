// eval_topics: scores a clustering against a labelled corpus. Reads the corpus written by
// gen_topics ({"id","topic","lang",...}) and an assignment file ({"id","cluster",...}, as
// `docsift cluster --output` writes), joins them by id and prints homogeneity, completeness,
// V-measure, NMI and ARI (scikit-learn's definitions, vector/cluster_metrics.h).
//
//   eval_topics --corpus topics.jsonl --assign clusters.jsonl [--truth topic+lang] [--json]
//
// --truth topic+lang scores against (topic, language) pairs: the partition a bag-of-words
// model can find when languages share no words.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "vector/cluster_metrics.h"
#include "vector/jsonl_columns.h"

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
  return 0;
}
