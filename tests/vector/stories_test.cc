// Story clustering (vector/stories.h): the prefix-filtered links and the average linkage
// against brute force on seeded random corpora with planted stories, the no-chaining rule,
// dates and windows, and identical results with 1 and 2 threads.

#include "vector/stories.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "reference/story_reference.h"
#include "vector/internal/average_linkage.h"
#include "vector/internal/similar_pairs.h"

namespace docsift {
namespace {

struct Corpus {
  std::vector<std::string> texts;
  std::vector<std::string_view> views;
  std::vector<int64_t> dates;
};

// Stories of 1-6 reports: each report draws most words from its story's 6 words, the rest
// from a shared 80-word vocabulary (the topic words every story shares).
Corpus random_corpus(uint64_t seed, size_t docs) {
  uint64_t s = seed * 0x9E3779B97F4A7C15ULL + 1;
  auto next = [&] {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  };
  Corpus c;
  while (c.texts.size() < docs) {
    std::vector<size_t> story_words;
    for (int w = 0; w < 6; ++w) story_words.push_back(next() % 80);
    const size_t size = 1 + next() % 6;
    const int64_t day = static_cast<int64_t>(next() % 20);
    const double share = 0.3 + static_cast<double>(next() % 50) / 100;
    for (size_t r = 0; r < size && c.texts.size() < docs; ++r) {
      std::string text;
      const size_t len = 4 + next() % 14;
      for (size_t i = 0; i < len; ++i) {
        const bool own = static_cast<double>(next() % 1000) / 1000 < share;
        const size_t w = own ? story_words[next() % 6] : next() % 80;
        text += "w" + std::to_string(w) + " ";
      }
      c.texts.push_back(text);
      c.dates.push_back(day + static_cast<int64_t>(next() % 4));
    }
  }
  for (const auto& t : c.texts) c.views.push_back(t);
  return c;
}

TfidfMatrix tfidf_of(const Corpus& c) {
  TfidfOptions o;
  o.min_df = 1;
  auto m = build_tfidf(c.views, NormalizeOptions{}, o);
  EXPECT_TRUE(m.ok()) << m.status().message();
  return std::move(m).value();
}

// Story id per document -> smallest member per document.
std::vector<uint32_t> first_members(const StoryResult& r) {
  std::map<int32_t, uint32_t> first;
  for (size_t i = 0; i < r.docs.size(); ++i)
    first.emplace(r.docs[i].cluster, static_cast<uint32_t>(i));
  std::vector<uint32_t> out;
  for (const DocAssignment& d : r.docs) out.push_back(first[d.cluster]);
  return out;
}

TEST(SimilarPairs, SameLinksAsAllPairs) {
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    const Corpus c = random_corpus(seed, 30 + seed * 7);
    const TfidfMatrix m = tfidf_of(c);
    for (double t : {0.1, 0.25, 0.5, 0.8}) {
      for (bool dated : {false, true}) {
        std::span<const int64_t> dates;
        if (dated) dates = c.dates;
        size_t candidates = 0;
        const auto links = detail::similar_pairs(m.rows, t, dates, 2, 2, &candidates);
        EXPECT_EQ(links.size(), reference::links_brute_force(m.rows, t, dates, 2))
            << "seed " << seed << " t " << t << " dated " << dated;
        for (const auto& l : links) {
          EXPECT_LT(l.a, l.b);
          EXPECT_GE(l.cosine, t);
          EXPECT_DOUBLE_EQ(l.cosine, detail::row_dot(m.rows, l.a, l.b));
          if (dated) {
            EXPECT_LE(std::llabs(c.dates[l.a] - c.dates[l.b]), 2);
          }
        }
        EXPECT_GE(candidates, links.size());
        const size_t n = static_cast<size_t>(m.rows.rows());
        EXPECT_LE(candidates, n * (n - 1) / 2);
      }
    }
  }
}

TEST(Stories, SameStoriesAsBruteForce) {
  size_t merged_stories = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const Corpus c = random_corpus(seed, 20 + seed * 3);
    const TfidfMatrix m = tfidf_of(c);
    for (double t : {0.15, 0.3, 0.5}) {
      for (bool dated : {false, true}) {
        StoryOptions o;
        o.similarity = t;
        o.window = 2;
        o.threads = 1;
        std::span<const int64_t> dates;
        if (dated) dates = c.dates;
        auto r = cluster_stories(m, c.views, dates, NormalizeOptions{}, o);
        ASSERT_TRUE(r.ok()) << r.status().message();
        const auto want = reference::stories_brute_force(m.rows, t, dates, 2);
        EXPECT_EQ(first_members(*r), want) << "seed " << seed << " t " << t << " dated " << dated;
        merged_stories += r->merges;
      }
    }
  }
  EXPECT_GT(merged_stories, 100u);  // the corpora exercise the linkage, not only singletons
}

// A - B - C: A~B and B~C at cosine 0.5, A and C unrelated. Components of the links (single
// linkage) give one story; average linkage at 0.4 merges A, B and then refuses C (mean 0.25).
TEST(Stories, AverageLinkageDoesNotChain) {
  SparseRows x(3, 4);
  const float h = static_cast<float>(1 / std::sqrt(2.0));
  x.insert(0, 0) = h;
  x.insert(0, 1) = h;
  x.insert(1, 1) = h;
  x.insert(1, 2) = h;
  x.insert(2, 2) = h;
  x.insert(2, 3) = h;
  x.makeCompressed();
  const auto links = detail::similar_pairs(x, 0.4, {}, 0, 1, nullptr);
  ASSERT_EQ(links.size(), 2u);
  size_t merges = 0;
  EXPECT_EQ(detail::average_linkage(x, links, 0.4, &merges), (std::vector<uint32_t>{0, 0, 2}));
  EXPECT_EQ(merges, 1u);
  EXPECT_EQ(reference::stories_brute_force(x, 0.4, {}, 0), (std::vector<uint32_t>{0, 0, 2}));
  // At 0.2 the mean (0.25) reaches the threshold and C joins.
  const auto low = detail::similar_pairs(x, 0.2, {}, 0, 1, nullptr);
  EXPECT_EQ(detail::average_linkage(x, low, 0.2, nullptr), (std::vector<uint32_t>{0, 0, 0}));
}

TEST(Stories, WindowSeparatesTheSameWordsFarApart) {
  std::vector<std::string> texts = {"summit alpha beta gamma", "summit alpha beta gamma delta",
                                    "summit alpha beta gamma", "other words entirely here"};
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<int64_t> dates = {0, 1, 30, 2};
  TfidfOptions to;
  to.min_df = 1;
  to.max_df = 1.0;
  auto m = build_tfidf(views, NormalizeOptions{}, to);
  ASSERT_TRUE(m.ok());
  StoryOptions o;
  o.window = 3;
  auto r = cluster_stories(*m, views, dates, NormalizeOptions{}, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->docs[0].cluster, r->docs[1].cluster);
  EXPECT_NE(r->docs[0].cluster, r->docs[2].cluster);
  EXPECT_EQ(r->stories.size(), 3u);
  const StorySummary& s = r->stories[static_cast<size_t>(r->docs[0].cluster)];
  EXPECT_EQ(s.summary.size, 2u);
  EXPECT_EQ(s.first_doc, 0u);
  EXPECT_EQ(s.last_doc, 1u);
  auto all = cluster_stories(*m, views, {}, NormalizeOptions{}, o);  // no dates: no window
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->docs[0].cluster, all->docs[2].cluster);
  EXPECT_EQ(all->stories[0].summary.size, 3u);
}

TEST(Stories, IdenticalWithOneAndTwoThreads) {
  const Corpus c = random_corpus(7, 400);
  StoryOptions o;
  o.similarity = 0.3;
  o.window = 3;
  o.threads = 1;
  auto one = cluster_stories(c.views, c.dates, NormalizeOptions{}, o);
  o.threads = 2;
  auto two = cluster_stories(c.views, c.dates, NormalizeOptions{}, o);
  ASSERT_TRUE(one.ok() && two.ok());
  ASSERT_EQ(one->docs.size(), two->docs.size());
  for (size_t i = 0; i < one->docs.size(); ++i) {
    EXPECT_EQ(one->docs[i].cluster, two->docs[i].cluster);
    EXPECT_EQ(one->docs[i].score, two->docs[i].score);
  }
  ASSERT_EQ(one->stories.size(), two->stories.size());
  for (size_t s = 0; s < one->stories.size(); ++s) {
    EXPECT_EQ(one->stories[s].summary.labels, two->stories[s].summary.labels);
    EXPECT_EQ(one->stories[s].summary.representative, two->stories[s].summary.representative);
  }
  EXPECT_EQ(one->candidate_pairs, two->candidate_pairs);
  EXPECT_LT(one->stories.size(), c.texts.size());  // some stories formed
}

TEST(Stories, RefusesBadOptions) {
  const Corpus c = random_corpus(3, 20);
  StoryOptions o;
  o.similarity = 0;
  EXPECT_FALSE(cluster_stories(c.views, {}, NormalizeOptions{}, o).ok());
  o.similarity = 0.3;
  o.window = -1;
  EXPECT_FALSE(cluster_stories(c.views, c.dates, NormalizeOptions{}, o).ok());
  o.window = 1;
  std::vector<int64_t> short_dates(3, 0);
  EXPECT_FALSE(cluster_stories(c.views, short_dates, NormalizeOptions{}, o).ok());
}

}  // namespace
}  // namespace docsift
