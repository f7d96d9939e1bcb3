#include "reference/passage_rules_reference.h"

#include <algorithm>
#include <optional>

#include "passages/strip.h"
#include "text/normalize.h"
#include "text/segment.h"
#include "text/tokenize.h"

namespace docsift::reference {
namespace {

// A passage of a document: a block, or a part (a qualifying sentence of block `group`).
struct Occurrence {
  size_t doc = 0;
  size_t group = 0;  // index of its block among the document's qualifying blocks
  uint32_t marker_begin = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  bool part = false;
  std::string norm;  // normalised text: equal norms are equal passages
};

// Every sentence of a block that has parts; norm is empty for a sentence under min_words.
struct Sentence {
  bool qualifies = false;
  std::string norm;
};

struct ScannedDoc {
  std::vector<Occurrence> passages;              // in text order, parts after their block
  std::vector<std::vector<Sentence>> sentences;  // per group: its sentences (if any parts)
};

ScannedDoc scan(Tokenizer& tokenizer, size_t doc, const std::string& text,
                const PassageRuleOptions& options) {
  ScannedDoc out;
  const bool by_sentence = options.unit == PassageUnit::kSentence;
  const std::vector<Passage> blocks = by_sentence ? segment_sentences(text) : segment_blocks(text);
  bool has_bullet = false;
  for (const Passage& p : blocks) has_bullet = has_bullet || p.kind == PassageKind::kBullet;
  TokenizedText tokens;
  auto words = [&](std::string_view s) {
    tokenizer.tokenize(s, tokens);
    return tokens.size();
  };
  for (const Passage& p : blocks) {
    const std::string_view block = std::string_view(text).substr(p.begin, p.end - p.begin);
    if (words(block) < options.min_words) continue;
    const size_t group = out.sentences.size();
    out.sentences.emplace_back();
    out.passages.push_back(
        {doc, group, p.marker_begin, p.begin, p.end, false, normalize_for_match(tokenizer, block)});
    if (by_sentence || !has_bullet) continue;
    const std::vector<Passage> sentences = segment_sentences(block);
    if (sentences.size() < 2) continue;
    for (const Passage& s : sentences) {
      const std::string_view sentence = block.substr(s.begin, s.end - s.begin);
      Sentence info;
      info.qualifies = words(sentence) >= options.min_words;
      if (info.qualifies) {
        info.norm = normalize_for_match(tokenizer, sentence);
        out.passages.push_back(
            {doc, group, p.begin + s.begin, p.begin + s.begin, p.begin + s.end, true, info.norm});
      }
      out.sentences[group].push_back(info);
    }
  }
  return out;
}

// The first passage (block or part) of the document before block `group` with this text.
const Occurrence* earlier_in_doc(const ScannedDoc& doc, size_t group, const std::string& norm) {
  for (const Occurrence& q : doc.passages) {
    if (q.group < group && q.norm == norm) return &q;
  }
  return nullptr;
}

}  // namespace

std::string to_string(const PassageRow& row) {
  return row.id + " [" + std::to_string(row.start) + ", " + std::to_string(row.end) + ") " +
         row.kind + " of " + row.duplicate_of_id + " [" + std::to_string(row.duplicate_of_start) +
         ", " + std::to_string(row.duplicate_of_end) +
         ") documents=" + std::to_string(row.documents) +
         " removed=" + (row.removed ? "true" : "false");
}

PassageRulesResult passage_rules_reference(const std::vector<PassageDoc>& docs,
                                           const PassageRuleOptions& options) {
  Tokenizer tokenizer(NormalizeOptions{});
  std::vector<ScannedDoc> scanned;
  for (size_t d = 0; d < docs.size(); ++d) {
    scanned.push_back(scan(tokenizer, d, docs[d].text, options));
  }

  PassageRulesResult result;
  for (size_t d = 0; d < docs.size(); ++d) {
    std::vector<Cut> cuts;
    for (const Occurrence& o : scanned[d].passages) {
      if (o.part) continue;
      // Brute force over the corpus: every block with this text, in input order.
      std::vector<const Occurrence*> same;
      for (const ScannedDoc& other : scanned) {
        for (const Occurrence& q : other.passages) {
          if (!q.part && q.norm == o.norm) same.push_back(&q);
        }
      }
      std::vector<size_t> docs_with;
      for (const Occurrence* q : same) {
        if (std::find(docs_with.begin(), docs_with.end(), q->doc) == docs_with.end()) {
          docs_with.push_back(q->doc);
        }
      }
      PassageRow row;
      row.id = docs[d].id;
      row.start = o.begin;
      row.end = o.end;
      row.documents = docs_with.size();
      auto report = [&](const char* kind, const std::string& of_id, uint32_t of_start,
                        uint32_t of_end, bool removed) {
        row.kind = kind;
        row.duplicate_of_id = of_id;
        row.duplicate_of_start = of_start;
        row.duplicate_of_end = of_end;
        row.removed = removed;
        result.rows.push_back(row);
        if (removed) cuts.push_back({o.marker_begin, o.end});
      };

      // within: the whole block earlier in the document...
      if (const Occurrence* earlier = earlier_in_doc(scanned[d], o.group, o.norm)) {
        report("within", docs[d].id, earlier->begin, earlier->end, true);
        continue;
      }
      // ... or each of its sentences earlier in the document.
      const std::vector<Sentence>& sentences = scanned[d].sentences[o.group];
      std::optional<std::pair<uint32_t, uint32_t>> stretch;
      size_t counted = 0;
      for (const Sentence& s : sentences) {
        if (!s.qualifies) {
          if (options.strict_stretch) {
            counted = 0;
            break;
          }
          continue;
        }
        const Occurrence* a = earlier_in_doc(scanned[d], o.group, s.norm);
        if (a == nullptr) {
          counted = 0;
          break;
        }
        ++counted;
        stretch = stretch ? std::pair(std::min(stretch->first, a->begin),
                                      std::max(stretch->second, a->end))
                          : std::pair(a->begin, a->end);
      }
      if (counted > 0) {
        report("within", docs[d].id, stretch->first, stretch->second, true);
        continue;
      }

      // across: the text occurs as a block elsewhere in the corpus.
      if (same.size() < 2) continue;
      const bool boilerplate = docs_with.size() >= options.min_docs;
      const Occurrence& first = *same.front();
      if (first.doc == d && first.begin == o.begin) {
        const Occurrence* other_doc = nullptr;
        for (const Occurrence* q : same) {
          if (q->doc != d) {
            other_doc = q;
            break;
          }
        }
        if (boilerplate && options.boilerplate == BoilerplateMode::kRemove && other_doc) {
          report("across", docs[other_doc->doc].id, other_doc->begin, other_doc->end, true);
        }
      } else {
        report("across", docs[first.doc].id, first.begin, first.end, boilerplate);
      }
    }
    result.stripped.push_back(strip_passages(docs[d].text, cuts));
  }
  return result;
}

}  // namespace docsift::reference
