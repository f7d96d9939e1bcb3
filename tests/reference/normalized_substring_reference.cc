#include "reference/normalized_substring_reference.h"

#include <algorithm>

#include "reference/substring_reference.h"
#include "text/tokenize.h"

namespace docsift {
namespace {

// [start, end) of every code point of s.
std::vector<std::pair<uint32_t, uint32_t>> chars_of(std::string_view s) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (uint32_t i = 0; i < s.size(); ++i) {
    if ((static_cast<uint8_t>(s[i]) & 0xC0) != 0x80) out.push_back({i, i});
  }
  for (size_t k = 0; k < out.size(); ++k) {
    out[k].second = k + 1 < out.size() ? out[k + 1].first : static_cast<uint32_t>(s.size());
  }
  return out;
}

}  // namespace

ReferenceNormalized reference_normalize(const std::string& original) {
  Tokenizer tokenizer;
  TokenizedText tok;
  tokenizer.tokenize(original, tok);
  ReferenceNormalized r;
  for (size_t i = 0; i < tok.size(); ++i) {
    if (i) {
      r.text += ' ';
      r.lo.push_back(tok.spans[i - 1].end);
      r.hi.push_back(tok.spans[i].begin);
    }
    const std::string form(tok.norm(i));
    const std::string orig =
        original.substr(tok.spans[i].begin, tok.spans[i].end - tok.spans[i].begin);
    const auto fc = chars_of(form);
    const auto oc = chars_of(orig);
    for (size_t k = 0; k < fc.size(); ++k) {
      for (uint32_t b = fc[k].first; b < fc[k].second; ++b) {
        if (fc.size() == oc.size()) {
          r.lo.push_back(tok.spans[i].begin + oc[k].first);
          r.hi.push_back(tok.spans[i].begin + oc[k].second);
        } else {
          r.lo.push_back(tok.spans[i].begin);
          r.hi.push_back(tok.spans[i].end);
        }
      }
    }
    r.text += form;
  }
  return r;
}

std::vector<SubstringSpan> reference_normalized_substrings(const std::vector<std::string>& docs,
                                                           uint32_t min_bytes,
                                                           SubstringRemove remove) {
  std::vector<ReferenceNormalized> norm;
  std::vector<std::string> texts;
  for (const std::string& d : docs) {
    norm.push_back(reference_normalize(d));
    texts.push_back(norm.back().text);
  }
  std::vector<SubstringSpan> out;
  for (const SubstringSpan& s : reference_substrings(texts, min_bytes, remove)) {
    const ReferenceNormalized& a = norm[s.doc];
    const ReferenceNormalized& b = norm[s.of_doc];
    SubstringSpan m = s;
    m.begin = a.lo[s.begin];
    m.end = a.hi[s.end - 1];
    m.of_begin = b.lo[s.of_begin];
    m.of_end = b.hi[s.of_end - 1];
    if (!out.empty() && out.back().doc == m.doc && m.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, m.end);
    } else {
      out.push_back(m);
    }
  }
  return out;
}

}  // namespace docsift
