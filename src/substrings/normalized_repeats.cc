#include "substrings/normalized_repeats.h"

#include <algorithm>
#include <string>

namespace docsift {
namespace {

bool continuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

uint64_t code_points(std::string_view s) {
  uint64_t n = 0;
  for (char c : s) n += !continuation(c);
  return n;
}

// The token whose form, or the space after it, holds normalised byte x of `doc`.
uint64_t token_at(const std::vector<uint32_t>& norm_begin, uint64_t first, uint64_t last,
                  uint32_t x) {
  const auto b = norm_begin.begin() + static_cast<ptrdiff_t>(first);
  const auto e = norm_begin.begin() + static_cast<ptrdiff_t>(last);
  return static_cast<uint64_t>(std::upper_bound(b, e, x) - norm_begin.begin()) - 1;
}

}  // namespace

Status NormalizedSubstringCorpus::add(std::string_view text) {
  tokenizer_.tokenize(text, tokens_scratch_);
  const TokenizedText& tok = tokens_scratch_;
  std::string joined;
  joined.reserve(tok.norm_chars.size() + tok.size());
  const size_t first_norm = token_norm_begin_.size();
  for (size_t i = 0; i < tok.size(); ++i) {
    if (i) joined += ' ';
    token_norm_begin_.push_back(static_cast<uint32_t>(joined.size()));
    joined += tok.norm(i);
  }
  if (Status s = corpus_.add(joined); !s.ok()) {
    token_norm_begin_.resize(first_norm);
    return s;
  }
  if (first_token_.empty()) first_token_.push_back(0);
  token_span_.insert(token_span_.end(), tok.spans.begin(), tok.spans.end());
  first_token_.push_back(token_span_.size());
  original_start_.push_back(original_.size());
  original_.insert(original_.end(), text.begin(), text.end());
  original_bytes_ += text.size();
  return Status::Ok();
}

std::pair<uint32_t, uint32_t> NormalizedSubstringCorpus::char_of(uint32_t doc, uint64_t t,
                                                                 uint32_t x) const {
  const std::string_view norm = normalized_text(doc);
  const uint32_t nb = token_norm_begin_[t];
  const uint32_t ne = t + 1 < first_token_[doc + 1] ? token_norm_begin_[t + 1] - 1
                                                    : static_cast<uint32_t>(norm.size());
  const std::string_view form = norm.substr(nb, ne - nb);
  const TokenSpan span = token_span_[t];
  const std::string_view orig(original_.data() + original_start_[doc] + span.begin,
                              span.end - span.begin);
  if (code_points(form) != code_points(orig)) return {span.begin, span.end};
  // k = the index of the code point of the form that holds byte x.
  uint64_t k = 0;
  for (uint32_t i = 1; i <= x - nb; ++i) k += !continuation(form[i]);
  uint32_t begin = 0;
  for (uint64_t seen = 0; begin < orig.size(); ++begin) {
    if (!continuation(orig[begin]) && seen++ == k) break;
  }
  uint32_t end = begin + 1;
  while (end < orig.size() && continuation(orig[end])) ++end;
  return {span.begin + begin, span.begin + end};
}

uint32_t NormalizedSubstringCorpus::original_begin(uint32_t doc, uint32_t x) const {
  const uint64_t last = first_token_[doc + 1];
  const uint64_t t = token_at(token_norm_begin_, first_token_[doc], last, x);
  const bool space = t + 1 < last && x + 1 == token_norm_begin_[t + 1];
  return space ? token_span_[t].end : char_of(doc, t, x).first;
}

uint32_t NormalizedSubstringCorpus::original_end(uint32_t doc, uint32_t x) const {
  const uint64_t last = first_token_[doc + 1];
  const uint64_t t = token_at(token_norm_begin_, first_token_[doc], last, x);
  const bool space = t + 1 < last && x + 1 == token_norm_begin_[t + 1];
  return space ? token_span_[t + 1].begin : char_of(doc, t, x).second;
}

std::pair<uint32_t, uint32_t> NormalizedSubstringCorpus::to_original(uint32_t doc, uint32_t a,
                                                                     uint32_t b) const {
  return {original_begin(doc, a), original_end(doc, b - 1)};
}

Result<std::vector<SubstringSpan>> NormalizedSubstringCorpus::find(
    const SubstringOptions& options) const {
  auto found = corpus_.find(options);
  if (!found.ok()) return found.status();
  std::vector<SubstringSpan> out;
  out.reserve(found.value().size());
  for (const SubstringSpan& s : found.value()) {
    const auto [begin, end] = to_original(s.doc, s.begin, s.end);
    const auto [of_begin, of_end] = to_original(s.of_doc, s.of_begin, s.of_end);
    if (!out.empty() && out.back().doc == s.doc && begin <= out.back().end) {
      out.back().end = std::max(out.back().end, end);
      continue;
    }
    out.push_back({.doc = s.doc,
                   .begin = begin,
                   .end = end,
                   .of_doc = s.of_doc,
                   .of_begin = of_begin,
                   .of_end = of_end,
                   .documents = s.documents});
  }
  return out;
}

}  // namespace docsift
