// PassageDecider vs the linear-search reference (tests/reference/passage_decisions_reference.h)
// on seeded random corpora built so that every rule fires: within-document repeats, bullets
// repeating sentences of the lead paragraph (stretches), near and exact repeats across documents,
// boilerplate in many documents; block and sentence units, remove and keep-first, near on and off.

#include "passages/passage_decisions.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "passages/passage_index.h"
#include "reference/passage_decisions_reference.h"
#include "reference/shingle_reference.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace docsift {
namespace {

// Code points before byte `byte` of valid UTF-8 text, one at a time.
uint32_t code_points_before(std::string_view text, uint32_t byte) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < byte; ++i) n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return n;
}

// Exact Jaccard of two spans' character 5-shingles (as strings) of their normalised text.
double brute_similarity(Tokenizer& tokenizer, std::string_view a, std::string_view b) {
  auto shingles = [&](std::string_view span) {
    TokenizedText tokens;
    tokenizer.tokenize(span, tokens);
    const std::string joined = join_normalized(tokens);
    std::vector<size_t> starts;
    for (size_t i = 0; i < joined.size(); ++i) {
      if ((static_cast<unsigned char>(joined[i]) & 0xC0) != 0x80) starts.push_back(i);
    }
    std::set<std::string> out;
    if (starts.empty()) return out;
    starts.push_back(joined.size());
    const size_t n = starts.size() - 1, windows = n < 5 ? 1 : n - 4;
    for (size_t w = 0; w < windows; ++w) {
      out.insert(joined.substr(starts[w], starts[std::min(w + 5, n)] - starts[w]));
    }
    return out;
  };
  return reference::exact_jaccard(shingles(a), shingles(b));
}

const std::vector<std::string> kSentences = {
    "The council approved the new budget for the coming year.",
    "Heavy rain closed three roads in the northern district overnight.",
    "Officials said the bridge would reopen within two weeks.",
    "Local farmers expect a smaller harvest after the dry summer.",
    "The museum will open a new wing dedicated to modern art.",
    "Ticket prices for the city trams rise by ten percent in March.",
    "A report found that air quality improved across the region.",
    "The school board voted to extend the afternoon lessons.",
    "Two new clinics will serve the villages along the river.",
    "The festival drew more visitors than in any previous year.",
    // Non-ASCII, so that code point offsets differ from byte offsets.
    "Городской совет утвердил новый бюджет на следующий год.",
    "Қала әкімдігі жаңа саябақ ашатынын мәлімдеді бүгін.",
};
const std::vector<std::string> kBoilerplate = {
    "Share this article with your friends and colleagues on social media.",
    "All rights reserved; no part of this report may be reproduced without permission.",
    "Subscribe to our newsletter to receive the latest regional news every morning.",
};

std::string sentence(std::mt19937_64& rng) {
  std::string s = kSentences[rng() % kSentences.size()];
  if (rng() % 5 == 0) {  // a near copy: one word changed
    const size_t at = s.find(' ', s.size() / 2);
    s.insert(at, " very");
  }
  return s;
}

std::string random_document(std::mt19937_64& rng) {
  std::vector<std::string> lead;
  for (size_t k = 1 + rng() % 3; k > 0; --k) lead.push_back(sentence(rng));
  std::string text;
  for (size_t i = 0; i < lead.size(); ++i) text += (i ? " " : "") + lead[i];
  const size_t blocks = 1 + rng() % 5;
  for (size_t b = 0; b < blocks; ++b) {
    text += "\n\n";
    switch (rng() % 4) {
      case 0:  // bullets repeating sentences of the lead (or not)
        for (size_t k = 1 + rng() % 3; k > 0; --k) {
          text += "- " + (rng() % 2 ? lead[rng() % lead.size()] : sentence(rng)) + "\n";
        }
        break;
      case 1:  // a multi-sentence bullet: a stretch of the lead when it repeats it
        text += "- " + lead[0] + (lead.size() > 1 ? " " + lead[1] : "") + "\n";
        break;
      case 2:
        text += kBoilerplate[rng() % kBoilerplate.size()];
        break;
      default:
        text += sentence(rng) + " " + sentence(rng);
        break;
    }
  }
  return text;
}

void expect_same(const DocPassages& got, const DocPassages& want, const std::string& where) {
  ASSERT_EQ(got.cuts.size(), want.cuts.size()) << where;
  for (size_t i = 0; i < got.cuts.size(); ++i) {
    EXPECT_EQ(got.cuts[i].marker_begin, want.cuts[i].marker_begin) << where;
    EXPECT_EQ(got.cuts[i].end, want.cuts[i].end) << where;
  }
  ASSERT_EQ(got.rows.size(), want.rows.size()) << where;
  for (size_t i = 0; i < got.rows.size(); ++i) {
    const PassageRow& a = got.rows[i];
    const PassageRow& b = want.rows[i];
    EXPECT_EQ(a.occurrence, b.occurrence) << where;
    EXPECT_STREQ(a.kind, b.kind) << where;
    EXPECT_EQ(a.of.doc, b.of.doc) << where;
    EXPECT_EQ(a.of.begin, b.of.begin) << where;
    EXPECT_EQ(a.of.end, b.of.end) << where;
    EXPECT_EQ(a.of.char_begin, b.of.char_begin) << where;
    EXPECT_EQ(a.of.char_end, b.of.char_end) << where;
    if (!std::isnan(b.similarity)) {
      EXPECT_EQ(a.similarity, b.similarity) << where;
    }
    EXPECT_EQ(a.removed, b.removed) << where;
  }
  EXPECT_EQ(got.within, want.within) << where;
  EXPECT_EQ(got.across, want.across) << where;
}

TEST(PassageDecider, MatchesTheReferenceOnRandomCorpora) {
  uint64_t within = 0, across = 0, stretches = 0, removed_first = 0;
  Tokenizer tokenizer(NormalizeOptions{});
  for (uint64_t seed = 1; seed <= 24; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<Record> docs(20 + rng() % 40);
    for (size_t d = 0; d < docs.size(); ++d) {
      docs[d].id = "d" + std::to_string(d);
      docs[d].text = random_document(rng);
    }
    PassageOptions o;
    o.near = seed % 2 == 0;
    o.unit = seed % 6 == 5 ? PassageUnit::kSentence : PassageUnit::kBlock;
    o.min_docs = seed % 3 == 0 ? 2 : 3;
    o.boilerplate = seed % 4 == 1 ? BoilerplateMode::kKeepFirst : BoilerplateMode::kRemove;
    PassageIndex index(o, 2);
    ASSERT_TRUE(index.add(std::span<const Record>(docs).subspan(0, docs.size() / 2)).ok());
    ASSERT_TRUE(index.add(std::span<const Record>(docs).subspan(docs.size() / 2)).ok());
    ASSERT_TRUE(index.finish().ok());
    PassageDecider decider(index);
    DocPassages got;
    for (uint32_t d = 0; d < docs.size(); ++d) {
      decider.decide(d, docs[d].text, got);
      const DocPassages want = reference::decide_passages(index, d);
      expect_same(got, want, "seed " + std::to_string(seed) + " doc " + std::to_string(d));
      within += got.within;
      across += got.across;
      for (const PassageRow& r : got.rows) {
        // Code point offsets, counted one by one; the similarity of the two spans shown, exact
        // (by brute force) for a stretch, 1 whenever the texts are byte-identical.
        const PassageOccurrence& occ = index.occurrence(r.occurrence);
        const std::string& text = docs[d].text;
        const std::string& of_text = docs[r.of.doc].text;
        EXPECT_EQ(occ.char_begin, code_points_before(text, occ.begin));
        EXPECT_EQ(occ.char_end, code_points_before(text, occ.end));
        EXPECT_EQ(r.of.char_begin, code_points_before(of_text, r.of.begin));
        EXPECT_EQ(r.of.char_end, code_points_before(of_text, r.of.end));
        const std::string_view span = std::string_view(text).substr(occ.begin, occ.end - occ.begin);
        const std::string_view of_span =
            std::string_view(of_text).substr(r.of.begin, r.of.end - r.of.begin);
        if (span == of_span) {
          EXPECT_EQ(r.similarity, 1.0) << span;
        }
        if (r.of.distinct == UINT32_MAX) {
          EXPECT_NEAR(r.similarity, brute_similarity(tokenizer, span, of_span), 1e-12)
              << span << " | " << of_span;
        }
        // A within row of a block with sentence parts: a repeated stretch of the lead.
        const uint64_t next = r.occurrence + 1;
        stretches += std::string_view(r.kind) == "within" && next < index.doc_begin(d + 1) &&
                     index.occurrence(next).part;
        removed_first +=
            r.removed &&
            index.group(index.group_of(index.occurrence(r.occurrence))).first_occ == r.occurrence;
      }
    }
  }
  // The corpora exercise every rule.
  EXPECT_GT(within, 50u);
  EXPECT_GT(across, 50u);
  EXPECT_GT(stretches, 0u);
  EXPECT_GT(removed_first, 0u);
}

TEST(PassageDecider, OneLongDocumentOfRepeatsIsDecidedLikeTheReference) {
  // Many distinct paragraphs each repeated: the case that was quadratic with a linear anchor
  // search (issue 11 item 15); the decider must agree with the reference on it.
  std::string text;
  for (int rep = 0; rep < 3; ++rep) {
    for (int p = 0; p < 400; ++p) {
      text += "Paragraph number " + std::to_string(p) + " says the same words again here.\n\n";
    }
  }
  std::vector<Record> docs(1);
  docs[0].id = "long";
  docs[0].text = text;
  PassageOptions o;
  o.near = false;
  PassageIndex index(o, 1);
  ASSERT_TRUE(index.add(docs).ok());
  ASSERT_TRUE(index.finish().ok());
  PassageDecider decider(index);
  DocPassages got;
  decider.decide(0, text, got);
  expect_same(got, reference::decide_passages(index, 0), "long document");
  EXPECT_EQ(got.within, 800u);
  EXPECT_EQ(got.cuts.size(), 800u);
}

}  // namespace
}  // namespace docsift
