// SubstringCorpus (substrings/substring_repeats.h) against the all-pairs reference on seeded
// random and adversarial inputs, in both removal modes and with 32- and 64-bit suffix arrays.

#include "substrings/substring_repeats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "reference/substring_reference.h"

namespace docsift {
namespace {

std::string show(const std::vector<SubstringSpan>& spans) {
  std::string s;
  for (const SubstringSpan& x : spans) {
    s += "doc " + std::to_string(x.doc) + " [" + std::to_string(x.begin) + "," +
         std::to_string(x.end) + ") of doc " + std::to_string(x.of_doc) + " [" +
         std::to_string(x.of_begin) + "," + std::to_string(x.of_end) + ") in " +
         std::to_string(x.documents) + " docs\n";
  }
  return s;
}

std::vector<SubstringSpan> fast(const std::vector<std::string>& docs, uint32_t min_bytes,
                                SubstringRemove remove, bool wide, uint64_t shard_bytes = 0,
                                unsigned threads = 1, bool pairwise = false) {
  SubstringCorpus corpus;
  for (const std::string& d : docs) EXPECT_TRUE(corpus.add(d).ok());
  auto r = corpus.find({.min_bytes = min_bytes,
                        .remove = remove,
                        .wide_index = wide,
                        .shard_bytes = shard_bytes,
                        .threads = threads,
                        .pairwise = pairwise});
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? r.value() : std::vector<SubstringSpan>{};
}

// Both modes, both index widths, unsharded and in shards of 1, 2 and 3 times the largest
// document (so 1 to many shards), merged (on 1, 2 and 3 threads) and pairwise, and in shards of
// one byte (a document per shard), equal to the reference.
void check(const std::vector<std::string>& docs, uint32_t min_bytes, const std::string& what) {
  uint64_t largest = 1;
  for (const std::string& d : docs) largest = std::max<uint64_t>(largest, d.size() + 1);
  for (SubstringRemove remove : {SubstringRemove::kLater, SubstringRemove::kAll}) {
    const auto want = reference_substrings(docs, min_bytes, remove);
    for (bool wide : {false, true}) {
      for (uint64_t shard : {uint64_t{0}, largest, 2 * largest, 3 * largest}) {
        for (bool pairwise : {false, true}) {
          for (unsigned threads : {1u, 2u, 3u}) {
            if (pairwise && threads > 1) continue;  // the pairwise plan is single-threaded
            const auto got = fast(docs, min_bytes, remove, wide, shard, threads, pairwise);
            ASSERT_EQ(show(got), show(want))
                << what << " min_bytes " << min_bytes
                << (remove == SubstringRemove::kAll ? " all" : " later")
                << (wide ? " 64-bit" : " 32-bit") << " shard_bytes " << shard
                << (pairwise ? " pairwise" : " merged") << " threads " << threads;
          }
        }
      }
      for (unsigned threads : {1u, 2u}) {
        const auto got = fast(docs, min_bytes, remove, wide, 1, threads);
        ASSERT_EQ(show(got), show(want))
            << what << " min_bytes " << min_bytes << " one document per shard, threads " << threads;
      }
    }
  }
}

TEST(SubstringRepeats, SimpleLaterAndAll) {
  const std::vector<std::string> docs = {"hello world, the quick fox", "a quick fox jumps"};
  // " quick fox" (10 bytes) repeats across documents.
  const auto later = fast(docs, 8, SubstringRemove::kLater, false);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].doc, 1u);
  EXPECT_EQ(docs[1].substr(later[0].begin, later[0].end - later[0].begin), " quick fox");
  EXPECT_EQ(later[0].of_doc, 0u);
  EXPECT_EQ(docs[0].substr(later[0].of_begin, later[0].of_end - later[0].of_begin), " quick fox");
  EXPECT_EQ(later[0].documents, 2u);
  const auto all = fast(docs, 8, SubstringRemove::kAll, false);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].doc, 0u);
  EXPECT_EQ(all[0].of_doc, 1u);
  check(docs, 8, "simple");
}

TEST(SubstringRepeats, ExactlyNAndNMinusOne) {
  // "abcdef" (6 bytes) repeats; "uvwxy" (5 bytes) repeats.
  const std::vector<std::string> docs = {"abcdef1uvwxy2", "3abcdef4uvwxy5"};
  const auto six = fast(docs, 6, SubstringRemove::kLater, false);
  ASSERT_EQ(six.size(), 1u);
  EXPECT_EQ(six[0].begin, 1u);
  EXPECT_EQ(six[0].end, 7u);
  EXPECT_TRUE(fast(docs, 7, SubstringRemove::kAll, false).empty());
  check(docs, 5, "N and N-1");
  check(docs, 6, "N and N-1");
  check(docs, 7, "N and N-1");
}

TEST(SubstringRepeats, RepeatsAcrossDocumentBoundariesDoNotCount) {
  // "abcdef" occurs only as "abc" + "def" across the end of doc 0 and start of doc 1.
  const std::vector<std::string> docs = {"xxabc", "defyy", "zabcdefz"};
  EXPECT_TRUE(fast(docs, 4, SubstringRemove::kAll, false).empty());
  const std::vector<std::string> same_end = {"12345", "012345", "2345"};
  check(same_end, 3, "suffixes at document ends");
  check(docs, 3, "boundary");
}

TEST(SubstringRepeats, OneRepeatedByte) {
  const std::string run(60, 'a');
  const auto later = fast({run}, 10, SubstringRemove::kLater, false);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].begin, 1u);  // only the first byte stays
  EXPECT_EQ(later[0].end, 60u);
  const auto all = fast({run}, 10, SubstringRemove::kAll, false);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].begin, 0u);
  for (uint32_t n : {1u, 2u, 10u, 59u, 60u, 61u}) check({run}, n, "run");
  check({run, std::string(30, 'a'), "b" + run}, 25, "runs");
}

TEST(SubstringRepeats, PeriodicAndOverlappingSelfRepeats) {
  std::string p;
  for (int i = 0; i < 20; ++i) p += "abc";
  check({p}, 4, "period 3");
  check({p + "abx" + p}, 7, "period 3 twice");
  check({"abababababab", "babababa"}, 3, "period 2");
  check({"aabaabaabaab", "baabaa"}, 5, "period 3 overlap");
}

TEST(SubstringRepeats, MultibyteUtf8SpansAreWidened) {
  // "€" is 3 bytes, "é" 2, "😀" 4: repeats starting or ending inside them are widened.
  const std::vector<std::string> docs = {"x€abcd€y", "z€abcd€w", "é😀qré😀", "😀qrs"};
  const auto later = fast(docs, 4, SubstringRemove::kLater, false);
  EXPECT_FALSE(later.empty());
  for (const SubstringSpan& s : later) {
    const std::string& t = docs[s.doc];
    EXPECT_NE(static_cast<unsigned char>(t[s.begin]) & 0xC0, 0x80);
    if (s.end < t.size()) {
      EXPECT_NE(static_cast<unsigned char>(t[s.end]) & 0xC0, 0x80);
    }
  }
  for (uint32_t n : {1u, 2u, 3u, 4u, 5u, 6u, 8u}) check(docs, n, "utf8");
}

TEST(SubstringRepeats, EmptyCorpusAndEmptyDocuments) {
  EXPECT_TRUE(fast({}, 3, SubstringRemove::kAll, false).empty());
  check({"", "", "abc", "", "abc", ""}, 3, "empty documents");
  check({"", ""}, 1, "only empty");
}

TEST(SubstringRepeats, MatchesReferenceOnSeededRandomInputs) {
  std::mt19937 rng(20261202);
  const std::vector<std::string> alphabets = {"ab",       "abc",       "a",
                                              "abcdefgh", "a\xC3\xA9", "x\xE2\x82\xAC "};
  for (int trial = 0; trial < 400; ++trial) {
    const std::string& alpha = alphabets[rng() % alphabets.size()];
    std::vector<std::string> docs(1 + rng() % 5);
    for (std::string& d : docs) {
      const size_t len = rng() % 40;
      // Characters, not bytes: multibyte letters stay whole (valid UTF-8).
      std::vector<std::string> chars;
      for (size_t i = 0; i < alpha.size();) {
        size_t k = 1;
        const unsigned char c = static_cast<unsigned char>(alpha[i]);
        k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        chars.push_back(alpha.substr(i, k));
        i += k;
      }
      while (d.size() < len) d += chars[rng() % chars.size()];
      // Sometimes paste a piece of an earlier document (a real repeat).
      if (rng() % 2 && !docs[0].empty() && &d != &docs[0]) {
        const size_t b = rng() % docs[0].size();
        d.insert(rng() % (d.size() + 1), docs[0].substr(b, rng() % 20));
      }
    }
    const uint32_t n = 1 + rng() % 10;
    check(docs, n, "random trial " + std::to_string(trial));
  }
}

TEST(SubstringRepeats, ShardsUnderABudgetGiveTheUnshardedAnswer) {
  std::mt19937 rng(5);
  std::vector<std::string> docs;
  const std::string block = "a block of text pasted into several documents, é€😀 included.";
  for (int i = 0; i < 200; ++i) {
    std::string d;
    for (int k = 0; k < 30; ++k) d += static_cast<char>('a' + rng() % 3);
    if (i % 7 == 0) d += block;
    if (i % 11 == 0) d += block + "x" + block;
    docs.push_back(d);
  }
  SubstringCorpus whole;
  for (const std::string& d : docs) ASSERT_TRUE(whole.add(d).ok());
  auto want = whole.find({.min_bytes = 20});
  ASSERT_TRUE(want.ok());
  ASSERT_FALSE(want.value().empty());
  const uint64_t unsharded = whole.plan({}).value().state_bytes;
  for (uint64_t budget : {unsharded, unsharded / 2, unsharded / 3}) {
    SubstringCorpus corpus(budget);
    for (const std::string& d : docs) ASSERT_TRUE(corpus.add(d).ok());
    auto plan = corpus.plan({});
    ASSERT_TRUE(plan.ok()) << plan.status().message();
    EXPECT_LE(plan.value().state_bytes, budget);
    if (budget < unsharded) {
      EXPECT_GT(plan.value().shard_bounds.size(), 3u);
    }
    auto got = corpus.find({.min_bytes = 20});
    ASSERT_TRUE(got.ok()) << got.status().message();
    EXPECT_EQ(show(got.value()), show(want.value())) << "budget " << budget;
  }
}

TEST(SubstringRepeats, RefusesBadInputsAndBudgets) {
  SubstringCorpus corpus;
  EXPECT_EQ(corpus.add("ok\xFF").code(), StatusCode::kInvalidInput);
  EXPECT_EQ(corpus.find({.min_bytes = 0}).status().code(), StatusCode::kInvalidArgument);
  // A budget under the text and its bit sets is refused at add(); one where a document does
  // not fit a shard at find().
  SubstringCorpus tiny(100);
  EXPECT_TRUE(tiny.add(std::string(20, 'a')).ok());
  EXPECT_EQ(tiny.add(std::string(200, 'a')).code(), StatusCode::kResourceExhausted);
  SubstringCorpus small(1000);
  EXPECT_TRUE(small.add(std::string(50, 'a')).ok());
  EXPECT_TRUE(small.add(std::string(200, 'a')).ok());
  const Status s = small.find({.min_bytes = 10}).status();
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(s.message().find("--max-memory"), std::string::npos);
  EXPECT_LE(SubstringCorpus::state_bytes_per_byte(false), 16.0);
  EXPECT_LE(SubstringCorpus::state_bytes_per_byte(true), 16.0);
  EXPECT_LE(SubstringCorpus::state_bytes(1 << 20, false), 10u << 20);
}

}  // namespace
}  // namespace docsift
