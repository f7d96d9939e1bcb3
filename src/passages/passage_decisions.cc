#include "passages/passage_decisions.h"

#include <algorithm>

#include "shingle/shingle.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace docsift {

struct PassageDecider::Shingler {
  explicit Shingler(const PassageOptions& options)
      : options(options), tokenizer(options.normalize) {}

  // The shingle set of `span` as the passage scan signs it (passages/internal/passage_scan.cc).
  void shingle(std::string_view span, std::vector<uint64_t>& out) {
    tokenizer.tokenize(span, tokens);
    if (options.shingle_unit == ShingleUnit::kWord) {
      token_hashes(tokens, options.seed, hashes);
      word_shingles(hashes, options.ngram, options.seed, out);
    } else {
      joined = join_normalized(tokens);
      char_shingles(joined, options.ngram, options.seed, out);
    }
    make_shingle_set(out);
  }

  const PassageOptions& options;
  Tokenizer tokenizer;
  TokenizedText tokens;
  std::vector<uint64_t> hashes, a, b;
  std::string joined;
};

PassageDecider::PassageDecider(const PassageIndex& index)
    : index_(index),
      shingler_(std::make_unique<Shingler>(index.options())),
      top_(index.most_repeated()) {}

PassageDecider::~PassageDecider() = default;

double PassageDecider::span_similarity(std::string_view text, const PassageOccurrence& x,
                                       const PassageOccurrence& y) {
  Shingler& s = *shingler_;
  s.shingle(text.substr(x.begin, x.end - x.begin), s.a);
  s.shingle(text.substr(y.begin, y.end - y.begin), s.b);
  if (s.a == s.b) return 1.0;  // equal sets, empty ones included
  size_t common = 0;
  for (size_t i = 0, j = 0; i < s.a.size() && j < s.b.size();) {
    if (s.a[i] < s.b[j]) {
      ++i;
    } else if (s.b[j] < s.a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(s.a.size() + s.b.size() - common);
}

void PassageDecider::decide(uint32_t d, std::string_view text, DocPassages& out) {
  out.cuts.clear();
  out.rows.clear();
  out.within = out.across = 0;
  const PassageOptions& options = index_.options();
  const bool keep_first_boilerplate = options.boilerplate == BoilerplateMode::kKeepFirst;
  constexpr uint32_t kNone = UINT32_MAX;
  for (uint32_t g : touched_) anchor_of_group_[g] = kNone;
  touched_.clear();
  auto anchor_of = [&](uint32_t g) -> uint32_t {
    return g < anchor_of_group_.size() ? anchor_of_group_[g] : kNone;
  };
  const uint64_t doc_end = index_.doc_begin(d + 1);
  for (uint64_t o = index_.doc_begin(d); o < doc_end;) {
    const PassageOccurrence& occ = index_.occurrence(o);
    // The sentence parts of this block follow it directly.
    uint64_t parts_end = o + 1;
    while (parts_end < doc_end && index_.occurrence(parts_end).part) ++parts_end;
    const uint32_t cid = index_.group_of(occ);
    const PassageGroup& c = index_.group(cid);
    if (const int slot = index_.top_slot(o); slot >= 0) {
      top_[slot].text = std::string(text.substr(occ.begin, occ.end - occ.begin));
    }
    const uint32_t earlier = anchor_of(cid);
    // A block all of whose sentences appeared earlier in the document (a bullet repeating part
    // of the lead paragraph) repeats that stretch of text. Every sentence: one shorter than
    // min_words is no part and never appeared as a passage, so its block is not a repeat.
    PassageOccurrence stretch{};
    bool repeats_stretch = false;
    if (earlier == kNone && occ.all_sentences_parts && parts_end > o + 1) {
      repeats_stretch = true;
      // A span, not a passage of the index: its class is left at UINT32_MAX, so nothing can
      // take it for one (its similarity is measured on the text below).
      stretch = {occ.doc, UINT32_MAX, 0, UINT32_MAX, 0, UINT32_MAX, 0, false, false};
      for (uint64_t q = o + 1; q < parts_end && repeats_stretch; ++q) {
        const uint32_t a = anchor_of(index_.group_of(index_.occurrence(q)));
        if (a == kNone) {
          repeats_stretch = false;
        } else {
          const PassageOccurrence& anchor = index_.occurrence(a);
          stretch.begin = std::min(stretch.begin, anchor.begin);
          stretch.end = std::max(stretch.end, anchor.end);
          stretch.char_begin = std::min(stretch.char_begin, anchor.char_begin);
          stretch.char_end = std::max(stretch.char_end, anchor.char_end);
        }
      }
      stretch.marker_begin = stretch.begin;
    }
    bool remove = false;
    if (earlier != kNone || repeats_stretch) {
      remove = true;  // a later repeat inside this document
      ++out.within;
      if (repeats_stretch) {
        out.rows.push_back({o, "within", stretch, span_similarity(text, occ, stretch), remove});
      } else {
        const PassageOccurrence& of = index_.occurrence(earlier);
        out.rows.push_back({o, "within", of, index_.similarity(occ, of), remove});
      }
    } else if (const uint32_t stored = index_.stored_documents(cid);
               c.occurrences >= 2 || stored > 0) {
      // Documents of earlier batches (passages --index) count as if they came before this one,
      // so an occurrence whose key they hold is never the corpus's first.
      const bool boilerplate = uint64_t{c.documents} + stored >= options.min_docs;
      if (stored > 0 && o == c.first_occ) {
        remove = boilerplate;
        ++out.across;
        // Its earlier occurrences are in the index, not in this batch: it names another
        // occurrence of this batch when there is one, else itself.
        const uint64_t of = c.first_other_doc_occ != UINT32_MAX ? c.first_other_doc_occ : o;
        const PassageOccurrence& other = index_.occurrence(of);
        out.rows.push_back({o, "across", other, index_.similarity(occ, other), remove});
      } else if (o == c.first_occ) {
        // The corpus's first occurrence: kept unless it is boilerplate removed everywhere.
        if (boilerplate && !keep_first_boilerplate && c.first_other_doc_occ != UINT32_MAX) {
          remove = true;
          ++out.across;
          const PassageOccurrence& of = index_.occurrence(c.first_other_doc_occ);
          out.rows.push_back({o, "across", of, index_.similarity(occ, of), remove});
        }
      } else {
        remove = boilerplate;
        ++out.across;
        const PassageOccurrence& of = index_.occurrence(c.first_occ);
        out.rows.push_back({o, "across", of, index_.similarity(occ, of), remove});
      }
    }
    if (remove) out.cuts.push_back({occ.marker_begin, occ.end});
    // Register this block and its sentences as anchors for later repeats in the document.
    for (uint64_t q = o; q < parts_end; ++q) {
      const uint32_t qc = index_.group_of(index_.occurrence(q));
      const PassageGroup& g = index_.group(qc);
      if (g.occurrences + g.parts < 2 || anchor_of(qc) != kNone) continue;
      if (qc >= anchor_of_group_.size()) anchor_of_group_.resize(qc + 1, kNone);
      anchor_of_group_[qc] = static_cast<uint32_t>(q);
      touched_.push_back(qc);
    }
    o = parts_end;
  }
}

}  // namespace docsift
