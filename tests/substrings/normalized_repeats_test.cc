// NormalizedSubstringCorpus (substrings/normalized_repeats.h) against the brute-force reference
// over the normalised text with its per-byte offset map
// (reference/normalized_substring_reference.h) on seeded random and adversarial inputs: multibyte
// characters at span edges, runs of spaces, mixed-case Cyrillic, full-width letters, ligatures.

#include "substrings/normalized_repeats.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "reference/normalized_substring_reference.h"
#include "text/normalize.h"

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

void check(const std::vector<std::string>& docs, uint32_t min_bytes, const std::string& what) {
  for (SubstringRemove remove : {SubstringRemove::kLater, SubstringRemove::kAll}) {
    const auto want = reference_normalized_substrings(docs, min_bytes, remove);
    for (unsigned threads : {1u, 2u}) {
      for (uint64_t shard : {uint64_t{0}, uint64_t{1}}) {
        NormalizedSubstringCorpus corpus;
        for (const std::string& d : docs) ASSERT_TRUE(corpus.add(d).ok());
        auto got = corpus.find(
            {.min_bytes = min_bytes, .remove = remove, .shard_bytes = shard, .threads = threads});
        ASSERT_TRUE(got.ok()) << got.status().message();
        ASSERT_EQ(show(got.value()), show(want))
            << what << " min_bytes " << min_bytes
            << (remove == SubstringRemove::kAll ? " all" : " later") << " threads " << threads
            << " shard_bytes " << shard;
      }
    }
  }
}

bool boundary(const std::string& s, uint32_t i) {
  return i == 0 || i >= s.size() || (static_cast<uint8_t>(s[i]) & 0xC0) != 0x80;
}

TEST(NormalizedRepeats, CaseWidthAndSpacesFold) {
  const std::vector<std::string> docs = {"The Quick  Brown\tFox jumps",
                                         "a ｔｈｅ quick brown FOX!"};
  NormalizedSubstringCorpus corpus;
  for (const std::string& d : docs) ASSERT_TRUE(corpus.add(d).ok());
  EXPECT_EQ(corpus.normalized_text(0), "the quick brown fox jumps");
  auto got = corpus.find({.min_bytes = 15});
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got.value().size(), 1u);
  const SubstringSpan& s = got.value()[0];
  EXPECT_EQ(s.doc, 1u);
  // "the quick brown fox" in the original bytes of document 1 (full-width "ｔｈｅ" included).
  EXPECT_EQ(docs[1].substr(s.begin, s.end - s.begin), "ｔｈｅ quick brown FOX");
  EXPECT_EQ(docs[0].substr(s.of_begin, s.of_end - s.of_begin), "The Quick  Brown\tFox");
  check(docs, 15, "simple");
}

TEST(NormalizedRepeats, OffsetMapMatchesTheReferenceByteByByte) {
  const std::vector<std::string> docs = {"Ｔｈｅ ﬁnal\u00a0Report!",
                                         "  ПРИВЕТ   мир, Привет МИР ",
                                         "Straße  STRASSE é É e\u0301",
                                         "",
                                         "...",
                                         "x",
                                         "don't DONT"};
  NormalizedSubstringCorpus corpus;
  for (const std::string& d : docs) ASSERT_TRUE(corpus.add(d).ok());
  for (uint32_t d = 0; d < docs.size(); ++d) {
    const ReferenceNormalized ref = reference_normalize(docs[d]);
    ASSERT_EQ(corpus.normalized_text(d), ref.text) << d;
    for (uint32_t a = 0; a < ref.text.size(); ++a) {
      for (uint32_t b = a + 1; b <= ref.text.size(); ++b) {
        const auto [lo, hi] = corpus.to_original(d, a, b);
        ASSERT_EQ(lo, ref.lo[a]) << d << " " << a;
        ASSERT_EQ(hi, ref.hi[b - 1]) << d << " " << b;
        ASSERT_LT(lo, hi);
        EXPECT_TRUE(boundary(docs[d], lo) && boundary(docs[d], hi)) << d << " " << a << " " << b;
      }
    }
  }
}

TEST(NormalizedRepeats, TokenAlignedSpansRoundTrip) {
  // A span of whole tokens maps to original bytes whose normalised form is the span.
  const std::string doc = "  Ｆｕｌｌ-width, ПРИВЕТ мир ﬁne\tSTRASSE  end ";
  NormalizedSubstringCorpus corpus;
  ASSERT_TRUE(corpus.add(doc).ok());
  const std::string norm(corpus.normalized_text(0));
  Tokenizer tok;
  std::vector<uint32_t> starts = {0}, ends;
  for (uint32_t i = 0; i < norm.size(); ++i) {
    if (norm[i] == ' ') {
      ends.push_back(i);
      starts.push_back(i + 1);
    }
  }
  ends.push_back(static_cast<uint32_t>(norm.size()));
  for (size_t i = 0; i < starts.size(); ++i) {
    for (size_t j = i; j < ends.size(); ++j) {
      const auto [lo, hi] = corpus.to_original(0, starts[i], ends[j]);
      EXPECT_EQ(normalize_for_match(tok, doc.substr(lo, hi - lo)),
                norm.substr(starts[i], ends[j] - starts[i]))
          << i << " " << j;
    }
  }
}

TEST(NormalizedRepeats, AdversarialInputs) {
  check({"ЖЖЖЖЖЖ жжжжжж", "жЖжЖжЖ"}, 4, "cyrillic runs");
  check({"a     b     a b", "A B   A\t\tB"}, 3, "runs of spaces");
  check({"éééé", "ÉÉÉÉ ééé"}, 3, "multibyte at edges");
  check({"ﬁﬁﬁ fifi", "FIFI ﬁ"}, 2, "ligatures");
  check({"Мама мыла раму", "мАмА МЫЛА", "РАМУ мыла"}, 5, "mixed case cyrillic");
  check({"", "   ", "...", "a"}, 1, "empty and punctuation-only");
}

TEST(NormalizedRepeats, MatchesReferenceOnSeededRandomInputs) {
  const std::vector<std::string> pieces = {"a", "A",  "b",  "B",  "ж",  "Ж", "б", "Б", "é", "É",
                                           " ", "  ", "\t", "ｂ", "Ａ", "ß", "ﬁ", ".", ",", "x"};
  for (uint32_t trial = 0; trial < 150; ++trial) {
    std::mt19937 rng(trial);
    std::vector<std::string> docs(1 + rng() % 4);
    for (std::string& d : docs) {
      const uint32_t len = rng() % 30;
      for (uint32_t k = 0; k < len; ++k) d += pieces[rng() % (trial % 2 ? 6 : pieces.size())];
    }
    check(docs, 1 + rng() % 8, "random trial " + std::to_string(trial));
  }
}

}  // namespace
}  // namespace docsift
