#include "reference/passage_decisions_reference.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace docsift::reference {

DocPassages decide_passages(const PassageIndex& index, uint32_t doc) {
  DocPassages out;
  const PassageOptions& opt = index.options();
  std::vector<std::pair<uint32_t, uint64_t>> anchors;  // (group, occurrence), first wins
  auto find_anchor = [&](uint32_t group) -> const std::pair<uint32_t, uint64_t>* {
    for (const auto& a : anchors) {
      if (a.first == group) return &a;
    }
    return nullptr;
  };
  const uint64_t end = index.doc_begin(doc + 1);
  uint64_t o = index.doc_begin(doc);
  while (o < end) {
    const PassageOccurrence& occ = index.occurrence(o);
    std::vector<uint64_t> parts;
    for (uint64_t q = o + 1; q < end && index.occurrence(q).part; ++q) parts.push_back(q);
    const uint32_t group = index.group_of(occ);
    const PassageGroup& g = index.group(group);
    const auto* earlier = find_anchor(group);
    // A stretch needs every sentence of the block to be a part (a short one never is).
    bool stretch = !earlier && occ.all_sentences_parts && !parts.empty();
    PassageOccurrence span{occ.doc, UINT32_MAX, 0, UINT32_MAX, 0, UINT32_MAX, 0, false, false};
    for (uint64_t q : parts) {
      if (!stretch) break;
      const auto* a = find_anchor(index.group_of(index.occurrence(q)));
      if (!a) {
        stretch = false;
        break;
      }
      const PassageOccurrence& anchor = index.occurrence(a->second);
      span.begin = std::min(span.begin, anchor.begin);
      span.end = std::max(span.end, anchor.end);
      span.char_begin = std::min(span.char_begin, anchor.char_begin);
      span.char_end = std::max(span.char_end, anchor.char_end);
    }
    span.marker_begin = span.begin;
    // The similarity of two passages of the index (a stretch's is measured on the text, which
    // the reference does not see: it leaves it NaN and the test checks it on its own).
    auto row = [&](const char* kind, const PassageOccurrence& of, bool removed) {
      const double similarity = &of == &span ? std::nan("") : index.similarity(occ, of);
      return PassageRow{
          .occurrence = o, .kind = kind, .of = of, .similarity = similarity, .removed = removed};
    };
    bool removed = false;
    if (earlier || stretch) {
      removed = true;
      ++out.within;
      out.rows.push_back(row("within", stretch ? span : index.occurrence(earlier->second), true));
    } else if (g.occurrences >= 2) {
      const bool boilerplate = g.documents >= opt.min_docs;
      if (o == g.first_occ) {
        if (boilerplate && opt.boilerplate == BoilerplateMode::kRemove &&
            g.first_other_doc_occ != UINT32_MAX) {
          removed = true;
          ++out.across;
          out.rows.push_back(row("across", index.occurrence(g.first_other_doc_occ), true));
        }
      } else {
        removed = boilerplate;
        ++out.across;
        out.rows.push_back(row("across", index.occurrence(g.first_occ), removed));
      }
    }
    if (removed) out.cuts.push_back({occ.marker_begin, occ.end});
    std::vector<uint64_t> block = {o};
    block.insert(block.end(), parts.begin(), parts.end());
    for (uint64_t q : block) {
      const uint32_t qg = index.group_of(index.occurrence(q));
      const PassageGroup& info = index.group(qg);
      if (info.occurrences + info.parts >= 2 && !find_anchor(qg)) anchors.emplace_back(qg, q);
    }
    o += 1 + parts.size();
  }
  return out;
}

}  // namespace docsift::reference
