#include "reference/substring_reference.h"

#include <algorithm>
#include <set>

namespace docsift {
namespace {

struct Pos {
  uint32_t doc, off;
};

bool cont(const std::string& s, size_t i) {
  return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

size_t lce(const std::vector<std::string>& docs, Pos a, Pos b) {
  const std::string& x = docs[a.doc];
  const std::string& y = docs[b.doc];
  size_t l = 0;
  while (a.off + l < x.size() && b.off + l < y.size() && x[a.off + l] == y[b.off + l]) ++l;
  return l;
}

}  // namespace

std::vector<SubstringSpan> reference_substrings(const std::vector<std::string>& docs,
                                                uint32_t min_bytes, SubstringRemove remove) {
  std::vector<Pos> pos;  // input order
  for (uint32_t d = 0; d < docs.size(); ++d) {
    for (uint32_t o = 0; o < docs[d].size(); ++o) pos.push_back({d, o});
  }
  std::vector<std::vector<bool>> removed(docs.size());
  for (uint32_t d = 0; d < docs.size(); ++d) removed[d].assign(docs[d].size(), false);
  for (size_t p = 0; p < pos.size(); ++p) {
    for (size_t q = 0; q < pos.size(); ++q) {
      if (q == p || (remove == SubstringRemove::kLater && q > p)) continue;
      const size_t l = lce(docs, pos[p], pos[q]);
      if (l < min_bytes) continue;
      for (size_t k = 0; k < l; ++k) removed[pos[p].doc][pos[p].off + k] = true;
    }
  }
  std::vector<SubstringSpan> out;
  for (uint32_t d = 0; d < docs.size(); ++d) {
    const std::string& s = docs[d];
    std::vector<SubstringSpan> mine;
    std::vector<uint32_t> p0s;
    for (uint32_t i = 0; i < s.size();) {
      if (!removed[d][i]) {
        ++i;
        continue;
      }
      uint32_t j = i;
      while (j < s.size() && removed[d][j]) ++j;
      uint32_t b = i, e = j;
      while (b > 0 && cont(s, b)) --b;
      while (e < s.size() && cont(s, e)) ++e;
      if (!mine.empty() && b <= mine.back().end) {
        mine.back().end = std::max(mine.back().end, e);
      } else {
        mine.push_back({.doc = d, .begin = b, .end = e});
        p0s.push_back(i);
      }
      i = j;
    }
    for (size_t k = 0; k < mine.size(); ++k) {
      SubstringSpan& span = mine[k];
      const Pos p0{d, p0s[k]};
      std::set<uint32_t> holders{d};
      bool found = false;
      for (const Pos& q : pos) {
        if (q.doc == p0.doc && q.off == p0.off) continue;
        const size_t l = lce(docs, p0, q);
        if (l < min_bytes) continue;
        holders.insert(q.doc);
        if (found) continue;
        found = true;
        const std::string& t = docs[q.doc];
        uint32_t b = q.off;
        uint32_t e = q.off + static_cast<uint32_t>(std::min<size_t>(l, span.end - p0.off));
        while (b > 0 && cont(t, b)) --b;
        while (e < t.size() && cont(t, e)) ++e;
        span.of_doc = q.doc;
        span.of_begin = b;
        span.of_end = e;
      }
      span.documents = static_cast<uint32_t>(holders.size());
      out.push_back(span);
    }
  }
  return out;
}

}  // namespace docsift
