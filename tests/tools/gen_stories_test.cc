// gen_stories and eval_stories through the built programs: the planted corpus is deterministic,
// valid JSON, keeps reports of a story within --spread days and makes stories of one topic share
// actors; the pair scores match hand-counted pairs; the cosine sweep finds the planted stories
// better at a middle threshold than at the extremes.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "tools_test_util.h"

namespace docsift::testing_tools {
namespace {

namespace fs = std::filesystem;

int generate(const fs::path& out, const std::string& args) {
  return run_command(binary("gen_stories") + " " + args + " --output '" + out.string() +
                     "' 2>/dev/null");
}

// Runs eval_stories and returns its last stdout line parsed as JSON (the --json line).
Json evaluate(const fs::path& dir, const std::string& args) {
  const fs::path out = dir / "eval.txt";
  EXPECT_EQ(run_command(binary("eval_stories") + " " + args + " --json > '" + out.string() +
                        "' 2>/dev/null"),
            0)
      << args;
  const auto lines = read_lines(out);
  Json j;
  EXPECT_FALSE(lines.empty());
  if (!lines.empty()) EXPECT_TRUE(JsonParser::parse(lines.back(), j)) << lines.back();
  return j;
}

int day_of(const std::string& date) {  // "2024-MM-DD" -> day of 2024
  static const int kBefore[12] = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};
  return kBefore[std::stoi(date.substr(5, 2)) - 1] + std::stoi(date.substr(8, 2)) - 1;
}

TEST(GenStories, DeterministicValidAndPlanted) {
  const fs::path dir = fresh_dir("gen_stories");
  ASSERT_EQ(generate(dir / "a.jsonl", "--docs 600 --seed 5 --spread 2"), 0);
  ASSERT_EQ(generate(dir / "b.jsonl", "--docs 600 --seed 5 --spread 2"), 0);
  ASSERT_EQ(generate(dir / "c.jsonl", "--docs 600 --seed 6 --spread 2"), 0);
  EXPECT_EQ(read_file(dir / "a.jsonl"), read_file(dir / "b.jsonl"));
  EXPECT_NE(read_file(dir / "a.jsonl"), read_file(dir / "c.jsonl"));
  const auto lines = read_lines(dir / "a.jsonl");
  ASSERT_EQ(lines.size(), 600u);
  std::set<std::string> ids;
  std::map<double, std::vector<int>> days;                 // story -> report days
  std::map<double, std::string> topic_of, actor_of;        // story -> topic, first title word
  std::map<std::string, std::set<std::string>> actors_of;  // topic -> first title words
  int last_day = -1;
  for (const std::string& line : lines) {
    ASSERT_TRUE(valid_utf8(line));
    Json j;
    ASSERT_TRUE(JsonParser::parse(line, j)) << line.substr(0, 200);
    for (const char* f : {"id", "text", "topic", "date", "source", "lang"})
      ASSERT_EQ(j.at(f).type, Json::Type::kString) << f;
    ASSERT_EQ(j.at("story").type, Json::Type::kNumber);
    EXPECT_TRUE(ids.insert(j.at("id").str).second);
    const double story = j.at("story").number;
    const int day = day_of(j.at("date").str);
    EXPECT_GE(day, last_day);  // ordered by date
    last_day = day;
    days[story].push_back(day);
    if (topic_of.count(story)) EXPECT_EQ(topic_of[story], j.at("topic").str);
    topic_of[story] = j.at("topic").str;
    const std::string& text = j.at("text").str;
    actors_of[j.at("topic").str].insert(text.substr(0, text.find(' ')));
  }
  size_t multi = 0;
  for (auto& [story, d] : days) {
    multi += d.size() > 1;
    EXPECT_LE(*std::max_element(d.begin(), d.end()) - *std::min_element(d.begin(), d.end()), 2);
    EXPECT_LE(d.size(), 12u);
  }
  EXPECT_GT(multi, 40u);
  EXPECT_LT(days.size(), 400u);
  // Titles open with one of the topic's few actors: stories of a topic share them.
  for (auto& [topic, firsts] : actors_of) EXPECT_LE(firsts.size(), 6u) << topic;
  ASSERT_EQ(generate(dir / "ru.jsonl", "--docs 50 --seed 5 --lang ru"), 0);
  EXPECT_NE(read_file(dir / "ru.jsonl").find("\"lang\":\"ru\""), std::string::npos);
}

TEST(EvalStories, CountsPairs) {
  const fs::path dir = fresh_dir("eval_stories");
  write_file(
      dir / "corpus.jsonl",
      "{\"id\":\"a\",\"story\":1,\"text\":\"x\"}\n{\"id\":\"b\",\"story\":1,\"text\":\"x\"}\n"
      "{\"id\":\"c\",\"story\":2,\"text\":\"y\"}\n{\"id\":\"d\",\"story\":2,\"text\":\"y\"}\n"
      "{\"id\":\"e\",\"story\":3,\"text\":\"z\"}\n");
  // Clusters {a, b, c}, {d}, {e}: predicted pairs ab ac bc, correct ab; true pairs ab cd.
  write_file(dir / "assign.jsonl",
             "{\"id\":\"a\",\"cluster\":0}\n{\"id\":\"b\",\"cluster\":0}\n"
             "{\"id\":\"c\",\"cluster\":0}\n{\"id\":\"d\",\"cluster\":1}\n"
             "{\"id\":\"e\",\"cluster\":2}\n");
  const std::string c = "--corpus '" + (dir / "corpus.jsonl").string() + "'";
  Json j = evaluate(dir, c + " --assign '" + (dir / "assign.jsonl").string() + "'");
  EXPECT_EQ(j.at("pairs_true").number, 2);
  EXPECT_EQ(j.at("pairs_predicted").number, 3);
  EXPECT_EQ(j.at("pairs_correct").number, 1);
  EXPECT_NEAR(j.at("precision").number, 1.0 / 3, 1e-6);
  EXPECT_NEAR(j.at("recall").number, 0.5, 1e-6);
  EXPECT_NEAR(j.at("f1").number, 0.4, 1e-6);
  // A missing document is an error, not a silent skip.
  write_file(dir / "short.jsonl", "{\"id\":\"a\",\"cluster\":0}\n");
  EXPECT_NE(run_command(binary("eval_stories") + " " + c + " --assign '" +
                        (dir / "short.jsonl").string() + "' >/dev/null 2>&1"),
            0);
}

TEST(EvalStories, SweepFindsAMiddleThreshold) {
  const fs::path dir = fresh_dir("eval_stories_sweep");
  ASSERT_EQ(generate(dir / "s.jsonl", "--docs 400 --seed 3"), 0);
  // The truth as an assignment scores 1 / 1.
  std::string assign;
  for (const std::string& line : read_lines(dir / "s.jsonl")) {
    Json j;
    ASSERT_TRUE(JsonParser::parse(line, j));
    assign += "{\"id\":\"" + j.at("id").str +
              "\",\"cluster\":" + std::to_string(static_cast<int>(j.at("story").number)) + "}\n";
  }
  write_file(dir / "truth.jsonl", assign);
  const std::string c = "--corpus '" + (dir / "s.jsonl").string() + "'";
  Json t = evaluate(dir, c + " --assign '" + (dir / "truth.jsonl").string() + "'");
  EXPECT_EQ(t.at("precision").number, 1);
  EXPECT_EQ(t.at("recall").number, 1);
  Json j = evaluate(dir, c + " --sweep");
  EXPECT_GT(j.at("best_threshold").number, 0.05);
  EXPECT_LT(j.at("best_threshold").number, 0.9);
  EXPECT_GT(j.at("f1").number, 0.5);
}

}  // namespace
}  // namespace docsift::testing_tools
