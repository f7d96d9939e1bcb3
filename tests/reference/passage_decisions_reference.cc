#include "reference/passage_decisions_reference.h"

#include <algorithm>
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
    PassageOccurrence span{occ.doc, 0, 0, UINT32_MAX, 0, false, false};
    for (uint64_t q : parts) {
      if (!stretch) break;
      const auto* a = find_anchor(index.group_of(index.occurrence(q)));
      if (!a) {
        stretch = false;
        break;
      }
      span.begin = std::min(span.begin, index.occurrence(a->second).begin);
      span.end = std::max(span.end, index.occurrence(a->second).end);
    }
    bool removed = false;
    if (earlier || stretch) {
      removed = true;
      ++out.within;
      out.rows.push_back({o, "within", stretch ? span : index.occurrence(earlier->second), true});
    } else if (g.occurrences >= 2) {
      const bool boilerplate = g.documents >= opt.min_docs;
      if (o == g.first_occ) {
        if (boilerplate && opt.boilerplate == BoilerplateMode::kRemove &&
            g.first_other_doc_occ != UINT32_MAX) {
          removed = true;
          ++out.across;
          out.rows.push_back({o, "across", index.occurrence(g.first_other_doc_occ), true});
        }
      } else {
        removed = boilerplate;
        ++out.across;
        out.rows.push_back({o, "across", index.occurrence(g.first_occ), removed});
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
