// End-to-end tests of `docsift cluster` through the real binary, on a small planted corpus:
// 4 topics x 3 languages (English, Russian, Kazakh), each (topic, language) cell with its own
// words, some of them capitalised names and acronyms ("NATO", "ЮНЕСКО", "Тоқаев") whose
// spelling the labels must keep. Documents mix topic words with shared function and common
// words of their language, so a bag-of-words clustering can recover the 12 cells.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli_test_util.h"
#include "text/link_spans.h"
#include "vector/cluster_metrics.h"

namespace docsift::testing {
namespace {

constexpr uint64_t kCorpusSeed = 20240611;
constexpr size_t kTopics = 4;
constexpr size_t kLangs = 3;
constexpr size_t kDocs = 240;
constexpr size_t kName = 7;  // index of the capitalised name in each topic's word list

struct LangWords {
  const char* code;
  std::vector<std::string> function, common;
  std::vector<std::string> topics[kTopics];
};

const std::vector<LangWords>& vocabulary() {
  static const std::vector<LangWords> v = {
      {"en",
       {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on"},
       {"year", "people", "country", "government", "report", "city", "week", "official"},
       {{"inflation", "bank", "market", "budget", "taxes", "exports", "currency", "NATO",
         "investors", "deficit"},
        {"football", "match", "coach", "goals", "league", "stadium", "medal", "Olympics", "referee",
         "striker"},
        {"hospital", "doctor", "patients", "vaccine", "virus", "clinic", "surgery", "WHO", "nurses",
         "epidemic"},
        {"museum", "theatre", "film", "festival", "concert", "painting", "opera", "Abai", "gallery",
         "poetry"}}},
      {"ru",
       {"и", "в", "на", "с", "по", "что", "не", "к", "о", "из"},
       {"год", "люди", "страна", "правительство", "отчет", "город", "неделя", "заявил"},
       {{"инфляция", "банк", "рынок", "бюджет", "налоги", "экспорт", "валюта", "Нацбанк",
         "инвесторы", "дефицит"},
        {"футбол", "матч", "тренер", "голы", "лига", "стадион", "медаль", "Олимпиада", "судья",
         "нападающий"},
        {"больница", "врач", "пациенты", "вакцина", "вирус", "клиника", "операция", "ВОЗ",
         "медсестры", "эпидемия"},
        {"музей", "театр", "фильм", "фестиваль", "концерт", "живопись", "опера", "ЮНЕСКО",
         "галерея", "поэзия"}}},
      {"kk",
       {"және", "мен", "бен", "пен", "да", "бұл", "үшін", "туралы", "бойынша", "арқылы"},
       {"жыл", "адамдар", "ел", "үкімет", "есеп", "қала", "апта", "мәлімдеді"},
       {{"инфляция", "банк", "нарық", "бюджет", "салықтар", "экспорт", "теңге", "Тоқаев",
         "инвесторлар", "тапшылық"},
        {"футбол", "матч", "жаттықтырушы", "голдар", "лига", "стадион", "медаль", "Астана",
         "төреші", "шабуылшы"},
        {"аурухана", "дәрігер", "науқастар", "вакцина", "вирус", "емхана", "ота", "ДДСҰ", "медбике",
         "індет"},
        {"мұражай", "театр", "фильм", "фестиваль", "концерт", "кескіндеме", "опера", "Мәжіліс",
         "галерея", "поэзия"}}},
  };
  return v;
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }

 private:
  uint64_t state_;
};

struct Doc {
  std::string id, text;
  size_t topic = 0, lang = 0;
};

// kDocs documents of 60-100 words: 40% topic words, 40% function words, 20% common words.
std::vector<Doc> planted_corpus(uint64_t seed) {
  Rng rng(seed);
  std::vector<Doc> docs;
  for (size_t d = 0; d < kDocs; ++d) {
    Doc doc;
    // Appended rather than "d" + to_string(d): g++ 12 warns falsely (-Wrestrict) on the latter.
    doc.id = std::to_string(d);
    doc.id.insert(doc.id.begin(), 'd');
    doc.topic = rng.below(kTopics);
    doc.lang = rng.below(kLangs);
    const LangWords& v = vocabulary()[doc.lang];
    const size_t len = 60 + rng.below(41);
    for (size_t w = 0; w < len; ++w) {
      const size_t r = rng.below(10);
      const auto& list = r < 4 ? v.topics[doc.topic] : r < 8 ? v.function : v.common;
      if (w > 0) doc.text += (rng.below(12) == 0 ? ". " : " ");
      // The topic's name (index kName) is drawn 4 times as often as its other words.
      const size_t pick = rng.below(list.size() + 3);
      doc.text += list[r < 4 && pick >= list.size() ? kName : pick % list.size()];
    }
    doc.text += ".";
    docs.push_back(std::move(doc));
  }
  return docs;
}

std::string to_jsonl(const std::vector<Doc>& docs) {
  std::string out;
  for (const Doc& d : docs)  // words contain no characters that need escaping
    out += R"({"id":")" + d.id + R"(","text":")" + d.text + "\"}\n";
  return out;
}

// The raw JSON value of `key` in a flat JSON line ("\"d1\"", "3", "[\"a\",\"b\"]"); empty if
// absent.
std::string field(const std::string& line, const std::string& key) {
  const std::string pat = "\"" + key + "\":";
  const size_t at = line.find(pat);
  if (at == std::string::npos) return "";
  size_t b = at + pat.size(), e = b;
  if (line[b] == '"') {
    e = line.find('"', b + 1) + 1;
  } else if (line[b] == '[') {
    e = line.find(']', b) + 1;
  } else {
    while (e < line.size() && line[e] != ',' && line[e] != '}') ++e;
  }
  return line.substr(b, e - b);
}

std::string unquote(const std::string& s) {
  return s.size() >= 2 && s.front() == '"' ? s.substr(1, s.size() - 2) : s;
}

std::vector<std::string> string_array(const std::string& raw) {
  std::vector<std::string> out;
  for (size_t i = raw.find('"'); i != std::string::npos; i = raw.find('"', i)) {
    const size_t j = raw.find('"', i + 1);
    out.push_back(raw.substr(i + 1, j - i - 1));
    i = j + 1;
  }
  return out;
}

struct Assignment {
  int cluster = -1;
  double score = -1;
  std::string duplicate_of;
};

std::map<std::string, Assignment> read_assignments(const std::filesystem::path& p,
                                                   std::vector<std::string>* order = nullptr) {
  std::map<std::string, Assignment> out;
  for (const std::string& line : read_lines(p)) {
    const std::string id = unquote(field(line, "id"));
    EXPECT_FALSE(id.empty()) << line;
    EXPECT_FALSE(field(line, "cluster").empty()) << line;
    EXPECT_FALSE(field(line, "score").empty()) << line;
    Assignment a;
    a.cluster = std::stoi(field(line, "cluster"));
    a.score = std::stod(field(line, "score"));
    a.duplicate_of = unquote(field(line, "duplicate_of"));
    EXPECT_TRUE(out.emplace(id, a).second) << "id twice: " << id;
    if (order) order->push_back(id);
  }
  return out;
}

struct Summary {
  size_t size = 0;
  std::vector<std::string> labels;
  std::string representative;
};

std::vector<Summary> read_summary(const std::filesystem::path& p) {
  std::vector<Summary> out;
  for (const std::string& line : read_lines(p)) {
    EXPECT_EQ(field(line, "cluster"), std::to_string(out.size())) << line;
    Summary s;
    s.size = std::stoul(field(line, "size"));
    s.labels = string_array(field(line, "labels"));
    s.representative = unquote(field(line, "representative"));
    out.push_back(std::move(s));
  }
  return out;
}

std::string cluster_args(const std::filesystem::path& dir, const std::string& extra) {
  return "cluster " + (dir / "in.jsonl").string() + " -o " + (dir / "assign.jsonl").string() +
         " -s " + (dir / "clusters.jsonl").string() + " " + extra;
}

TEST(ClusterCli, PlantedTopicsAreRecoveredWithReadableLabels) {
  SCOPED_TRACE("corpus seed " + std::to_string(kCorpusSeed));
  auto dir = scratch_dir("cluster_planted");
  const std::vector<Doc> docs = planted_corpus(kCorpusSeed);
  write_file(dir / "in.jsonl", to_jsonl(docs));
  auto r = run_docsift(cluster_args(dir, "--k 12 --seed 3"), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;

  std::vector<std::string> order;
  const auto assign = read_assignments(dir / "assign.jsonl", &order);
  ASSERT_EQ(order.size(), docs.size());
  for (size_t i = 0; i < docs.size(); ++i) EXPECT_EQ(order[i], docs[i].id);  // input order
  const auto clusters = read_summary(dir / "clusters.jsonl");
  ASSERT_GE(clusters.size(), 2u);
  ASSERT_LE(clusters.size(), 12u);
  size_t total = 0;
  for (size_t c = 0; c < clusters.size(); ++c) {
    total += clusters[c].size;
    EXPECT_GT(clusters[c].size, 0u);
    if (c > 0) {
      EXPECT_LE(clusters[c].size, clusters[c - 1].size) << "numbered by size";
    }
  }
  EXPECT_EQ(total, docs.size());

  // Members per cluster, and each cluster's majority (topic, language) cell.
  std::vector<std::map<std::pair<size_t, size_t>, size_t>> cells(clusters.size());
  std::map<std::string, const Doc*> by_id;
  for (const Doc& d : docs) by_id[d.id] = &d;
  for (const Doc& d : docs) {
    const Assignment& a = assign.at(d.id);
    ASSERT_GE(a.cluster, 0);
    ASSERT_LT(static_cast<size_t>(a.cluster), clusters.size());
    EXPECT_GE(a.score, 0.0);
    EXPECT_LE(a.score, 1.0 + 1e-6);
    EXPECT_TRUE(a.duplicate_of.empty());
    ++cells[a.cluster][{d.topic, d.lang}];
  }
  size_t majority_total = 0;
  for (size_t c = 0; c < clusters.size(); ++c) {
    SCOPED_TRACE("cluster " + std::to_string(c));
    size_t sum = 0;
    std::pair<size_t, size_t> best{};
    size_t best_count = 0;
    for (auto& [cell, count] : cells[c]) {
      sum += count;
      if (count > best_count) best_count = count, best = cell;
    }
    EXPECT_EQ(sum, clusters[c].size);
    majority_total += best_count;
    // The representative is a member of the cluster.
    ASSERT_TRUE(by_id.count(clusters[c].representative)) << clusters[c].representative;
    EXPECT_EQ(assign.at(clusters[c].representative).cluster, static_cast<int>(c));
    // Labels: planted topic words of the majority topic, as written in the corpus (the
    // normalised forms would be "nato", "юнеско"). Each language's function words occur in about
    // a third of the documents, under the corpus-wide max_df, but in nearly all documents of
    // their language, so the per-language max_df keeps them out of the labels.
    const LangWords& lang = vocabulary()[best.second];
    const auto& topic_words = lang.topics[best.first];
    ASSERT_FALSE(clusters[c].labels.empty());
    // The most frequent word of the cell, a name, comes first, spelt as written.
    EXPECT_EQ(clusters[c].labels[0], topic_words[kName]);
    const std::string labels = field(read_lines(dir / "clusters.jsonl")[c], "labels");
    size_t topical = 0;
    for (const std::string& label : clusters[c].labels) {
      topical += std::find(topic_words.begin(), topic_words.end(), label) != topic_words.end();
      EXPECT_TRUE(std::find(lang.function.begin(), lang.function.end(), label) ==
                  lang.function.end())
          << "function word " << label << " in " << labels;
      EXPECT_TRUE(std::find(lang.common.begin(), lang.common.end(), label) == lang.common.end())
          << "common word " << label << " in " << labels;
    }
    EXPECT_GE(topical, 4u) << "labels of a " << lang.code << " cluster: " << labels;
  }
  // Purity over the 12 planted cells.
  EXPECT_GE(majority_total, docs.size() * 95 / 100);
  // The table on stderr names the clusters and a capitalised label keeps its spelling.
  EXPECT_NE(r.err.find("k = 12"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("within 3 language communities"), std::string::npos) << r.err;
}

TEST(ClusterCli, DedupGivesDuplicatesTheirKeptDocumentsCluster) {
  SCOPED_TRACE("corpus seed " + std::to_string(kCorpusSeed));
  auto dir = scratch_dir("cluster_dedup");
  std::vector<Doc> docs = planted_corpus(kCorpusSeed);
  // Exact copies and near copies (one word changed at the end) of every tenth document.
  std::map<std::string, std::string> planted;  // copy id -> original id
  const size_t originals = docs.size();
  for (size_t i = 0; i < originals; i += 10) {
    Doc copy = docs[i];
    copy.id = "copy" + std::to_string(i);
    if (i % 20 == 0) copy.text += " " + vocabulary()[copy.lang].common[0] + ".";
    planted[copy.id] = docs[i].id;
    docs.push_back(copy);
  }
  write_file(dir / "in.jsonl", to_jsonl(docs));
  auto r = run_docsift(cluster_args(dir, "--k 12 --dedup"), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> order;
  const auto assign = read_assignments(dir / "assign.jsonl", &order);
  ASSERT_EQ(order.size(), docs.size());  // removed duplicates still get a line
  size_t duplicates = 0;
  for (const auto& [id, a] : assign) {
    if (a.duplicate_of.empty()) continue;
    ++duplicates;
    ASSERT_TRUE(assign.count(a.duplicate_of)) << id << " -> " << a.duplicate_of;
    EXPECT_EQ(a.cluster, assign.at(a.duplicate_of).cluster) << id;
    EXPECT_TRUE(assign.at(a.duplicate_of).duplicate_of.empty()) << "points at a kept document";
  }
  for (const auto& [copy, original] : planted)
    EXPECT_EQ(assign.at(copy).duplicate_of, original) << copy;
  EXPECT_GE(duplicates, planted.size());
  const auto clusters = read_summary(dir / "clusters.jsonl");
  size_t total = 0;
  for (const Summary& s : clusters) {
    total += s.size;
    EXPECT_TRUE(assign.at(s.representative).duplicate_of.empty()) << s.representative;
  }
  EXPECT_EQ(total, docs.size() - duplicates);
  EXPECT_NE(r.err.find("duplicates set aside"), std::string::npos) << r.err;
}

TEST(ClusterCli, AutoKPrintsTheSilhouetteCurve) {
  auto dir = scratch_dir("cluster_auto");
  write_file(dir / "in.jsonl", to_jsonl(planted_corpus(kCorpusSeed)));
  auto r = run_docsift(cluster_args(dir, "--k auto --k-max 14"), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const size_t at = r.err.find("silhouette");
  ASSERT_NE(at, std::string::npos) << r.err;
  // One "k:score" entry per k tried, 2..14.
  const std::string curve = r.err.substr(at, r.err.find('\n', at) - at);
  for (int k = 2; k <= 14; ++k)
    EXPECT_NE(curve.find(" " + std::to_string(k) + ":"), std::string::npos) << curve;
  EXPECT_NE(r.err.find("(auto)"), std::string::npos) << r.err;
  const auto clusters = read_summary(dir / "clusters.jsonl");
  // The planted corpus has 12 cells and 4 topics; silhouette must find real structure.
  EXPECT_GE(clusters.size(), 3u);
  EXPECT_LE(clusters.size(), 14u);
}

TEST(ClusterCli, BadKIsAUsageErrorOnOneLine) {
  auto dir = scratch_dir("cluster_bad_k");
  write_file(dir / "in.jsonl", to_jsonl(planted_corpus(kCorpusSeed)));
  for (const char* k : {"0", "-3", "abc", "5x", "", "100000"}) {
    SCOPED_TRACE(std::string("--k '") + k + "'");
    auto r = run_docsift(cluster_args(dir, std::string("--k '") + k + "'"), dir);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find("--k"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "assign.jsonl"));
    EXPECT_FALSE(std::filesystem::exists(dir / "clusters.jsonl"));
  }
}

TEST(ClusterCli, OutputDoesNotDependOnThreadCount) {
  auto dir = scratch_dir("cluster_threads");
  write_file(dir / "in.jsonl", to_jsonl(planted_corpus(kCorpusSeed + 1)));
  std::string outputs[2];
  for (int threads : {1, 2}) {
    for (const char* k : {"9", "auto --k-max 6"}) {
      auto r = run_docsift(cluster_args(dir, "-q --ngram 2 --dedup --threads " +
                                                 std::to_string(threads) + " --k " + k),
                           dir);
      ASSERT_EQ(r.exit_code, 0) << r.err;
      EXPECT_TRUE(r.err.empty()) << "-q prints nothing: " << r.err;
      outputs[threads - 1] +=
          read_file(dir / "assign.jsonl") + "\n--\n" + read_file(dir / "clusters.jsonl");
    }
  }
  EXPECT_FALSE(outputs[0].empty());
  EXPECT_EQ(outputs[0], outputs[1]);
}

// A feed corpus from gen_topics --channels (built with the tests): short posts (25-50 words, a
// fifth of them topic words) on 6 topics from 8 channels, each closing with its channel's
// signature (a slogan line with its name and bot handle, its t.me link, a "read more" link with
// the post's number and a tracking code), so that the signature weighs as much as the content.
struct FeedCorpus {
  std::vector<int64_t> topic, channel;  // per document, in input order
};

FeedCorpus write_feed_corpus(const std::filesystem::path& path, uint64_t seed) {
  const std::string cmd = std::string(DOCSIFT_BINARY_DIR) + "/gen_topics --docs 960 --seed " +
                          std::to_string(seed) +
                          " --langs en --topics 6 --channels 8 --topic-share 0.2 --min-words 25 "
                          "--max-words 50 -o '" +
                          path.string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  FeedCorpus c;
  std::map<std::string, int64_t> topics, channels;
  for (const std::string& line : read_lines(path)) {
    c.topic.push_back(topics.emplace(field(line, "topic"), topics.size()).first->second);
    c.channel.push_back(channels.emplace(field(line, "channel"), channels.size()).first->second);
  }
  EXPECT_EQ(topics.size(), 6u);
  EXPECT_EQ(channels.size(), 8u);
  return c;
}

// Clusters in input order, from an assignment file written in input order.
std::vector<int64_t> clusters_in_order(const std::filesystem::path& p) {
  std::vector<int64_t> out;
  for (const std::string& line : read_lines(p)) out.push_back(std::stoi(field(line, "cluster")));
  return out;
}

TEST(ClusterCli, TopicsFollowContentNotTheFeedsSignatures) {
  constexpr uint64_t kSeed = 7;
  SCOPED_TRACE("gen_topics seed " + std::to_string(kSeed));
  auto dir = scratch_dir("cluster_feeds");
  const FeedCorpus corpus = write_feed_corpus(dir / "in.jsonl", kSeed);
  ASSERT_EQ(corpus.topic.size(), 960u) << "build gen_topics (tools/programs) first";
  double v_measure[2] = {0, 0};  // by topic: cleaned (default), --keep-boilerplate
  double by_channel[2] = {0, 0};
  for (int keep = 0; keep < 2; ++keep) {
    auto r = run_docsift(
        cluster_args(dir, std::string("--k 6 --seed 1") + (keep ? " --keep-boilerplate" : "")),
        dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find("boilerplate set aside") != std::string::npos, keep == 0) << r.err;
    const std::vector<int64_t> got = clusters_in_order(dir / "assign.jsonl");
    ASSERT_EQ(got.size(), corpus.topic.size());
    v_measure[keep] = cluster_scores(corpus.topic, got).v_measure;
    by_channel[keep] = cluster_scores(corpus.channel, got).v_measure;
    // No label, either way, is a link part, a handle or a hash (the tracking codes, handles,
    // "t.me", "https" are in every post of a channel).
    for (const Summary& s : read_summary(dir / "clusters.jsonl"))
      for (const std::string& label : s.labels) {
        std::string_view rest = label;
        while (!rest.empty()) {
          const size_t space = rest.find(' ');
          EXPECT_FALSE(is_link_like_word(rest.substr(0, space)))
              << label << " (keep " << keep << ")";
          rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
        }
        if (keep == 0) {  // the signatures' words are gone with them
          for (const char* sig : {"Subscribe", "news", "Read more", "Mash", "Shot", "Baza"})
            EXPECT_EQ(label.find(sig), std::string::npos) << label;
        }
      }
  }
  std::printf("V-measure by topic: cleaned %.4f, --keep-boilerplate %.4f; by channel %.4f, %.4f\n",
              v_measure[0], v_measure[1], by_channel[0], by_channel[1]);
  // Measured: 0.949 and 0.008 by topic, 0.010 and 0.914 by channel.
  EXPECT_GT(v_measure[0], 0.85);
  EXPECT_GT(v_measure[0], v_measure[1] + 0.5);
  EXPECT_LT(by_channel[0], 0.1);
  EXPECT_GT(by_channel[1], 0.5);  // the corpus does what it is for
}

TEST(ClusterCli, AReprintIsLeftWhole) {
  // A post reprinted three times: every passage of its four copies is in min_docs documents,
  // so `passages --strip` would empty them; cluster keeps them whole, together in one topic.
  auto dir = scratch_dir("cluster_feeds_reprints");
  write_feed_corpus(dir / "in.jsonl", 9);
  const std::string first = read_lines(dir / "in.jsonl")[0];
  std::string lines = read_file(dir / "in.jsonl");
  for (const char* id : {"r1", "r2", "r3"}) {
    std::string copy = first;
    copy.replace(copy.find("t0000000"), 8, id);
    lines += copy + "\n";
  }
  write_file(dir / "in.jsonl", lines);
  auto r = run_docsift(cluster_args(dir, "--k 6 --seed 1"), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("(4 reprints left whole)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("no terms"), std::string::npos) << r.err;
  const auto got = read_assignments(dir / "assign.jsonl");
  ASSERT_EQ(got.size(), 963u);
  EXPECT_GE(got.at("t0000000").cluster, 0);
  for (const char* id : {"r1", "r2", "r3"})
    EXPECT_EQ(got.at(id).cluster, got.at("t0000000").cluster);
}

TEST(ClusterCli, ClusteringCleanedTextIsClusteringWhatPassagesStrips) {
  auto dir = scratch_dir("cluster_feeds_strip");
  write_feed_corpus(dir / "in.jsonl", 8);
  const std::string args = " --k 6 --seed 2 --labels 4";
  std::string outputs[3];
  for (int threads : {1, 3}) {
    auto r = run_docsift(cluster_args(dir, "-q --threads " + std::to_string(threads) + args), dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    outputs[threads / 2] =
        read_file(dir / "assign.jsonl") + "--\n" + read_file(dir / "clusters.jsonl");
  }
  // `passages --strip`, then cluster the stripped corpus as it is: the same assignments,
  // labels, representatives and titles (the corpus has no reprints, which cluster leaves whole).
  auto p = run_docsift("passages -q " + (dir / "in.jsonl").string() + " -r " +
                           (dir / "passages.jsonl").string() + " --strip " +
                           (dir / "stripped.jsonl").string(),
                       dir);
  ASSERT_EQ(p.exit_code, 0) << p.err;
  std::filesystem::rename(dir / "stripped.jsonl", dir / "in.jsonl");
  auto r = run_docsift(cluster_args(dir, "-q --keep-boilerplate" + args), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  outputs[2] = read_file(dir / "assign.jsonl") + "--\n" + read_file(dir / "clusters.jsonl");
  EXPECT_GT(outputs[0].size(), 960u * 20);
  EXPECT_EQ(outputs[0], outputs[1]) << "thread count changed the output";
  EXPECT_EQ(outputs[0], outputs[2]);
}

}  // namespace
}  // namespace docsift::testing
