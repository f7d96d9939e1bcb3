#include "passages/passage_decisions.h"

#include <algorithm>

#include "io/json_writer.h"

namespace docsift {

PassageDecider::PassageDecider(const PassageIndex& index)
    : index_(index), top_(index.most_repeated()) {}

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
      stretch = {occ.doc, 0, 0, UINT32_MAX, 0, false, false};
      for (uint64_t q = o + 1; q < parts_end && repeats_stretch; ++q) {
        const uint32_t a = anchor_of(index_.group_of(index_.occurrence(q)));
        if (a == kNone) {
          repeats_stretch = false;
        } else {
          stretch.begin = std::min(stretch.begin, index_.occurrence(a).begin);
          stretch.end = std::max(stretch.end, index_.occurrence(a).end);
        }
      }
    }
    bool remove = false;
    if (earlier != kNone || repeats_stretch) {
      remove = true;  // a later repeat inside this document
      ++out.within;
      out.rows.push_back(
          {o, "within", repeats_stretch ? stretch : index_.occurrence(earlier), remove});
    } else if (c.occurrences >= 2) {
      const bool boilerplate = c.documents >= options.min_docs;
      if (o == c.first_occ) {
        // The corpus's first occurrence: kept unless it is boilerplate removed everywhere.
        if (boilerplate && !keep_first_boilerplate && c.first_other_doc_occ != UINT32_MAX) {
          remove = true;
          ++out.across;
          out.rows.push_back({o, "across", index_.occurrence(c.first_other_doc_occ), remove});
        }
      } else {
        remove = boilerplate;
        ++out.across;
        out.rows.push_back({o, "across", index_.occurrence(c.first_occ), remove});
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

void append_passage_row(std::string& line, const PassageIndex& index, const PassageRow& row) {
  const PassageOccurrence& occ = index.occurrence(row.occurrence);
  std::string dup;
  JsonObject(dup)
      .field("id", index.id(row.of.doc))
      .field("start", uint64_t{row.of.begin})
      .field("end", uint64_t{row.of.end})
      .close();
  JsonObject(line)
      .field("id", index.id(occ.doc))
      .field("start", uint64_t{occ.begin})
      .field("end", uint64_t{occ.end})
      .field("kind", row.kind)
      .raw_field("duplicate_of", dup)
      .field("similarity", index.similarity(occ, row.of))
      .field("documents", uint64_t{index.group(index.group_of(occ)).documents})
      .field("removed", row.removed)
      .close();
}

}  // namespace docsift
