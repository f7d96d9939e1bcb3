#include "substrings/substring_repeats.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "substrings/suffix_array.h"

namespace docsift {
namespace {

class Bits {
 public:
  explicit Bits(uint64_t n) : words_((n + 63) / 64, 0) {}
  void set(uint64_t i) { words_[i >> 6] |= uint64_t{1} << (i & 63); }
  bool get(uint64_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
  // The first set bit in [from, to), or `to`.
  uint64_t next(uint64_t from, uint64_t to) const {
    if (from >= to) return to;
    uint64_t w = from >> 6;
    uint64_t bits = words_[w] & (~uint64_t{0} << (from & 63));
    while (true) {
      if (bits) return std::min(to, (w << 6) + static_cast<uint64_t>(__builtin_ctzll(bits)));
      if (++w >= words_.size() || (w << 6) >= to) return to;
      bits = words_[w];
    }
  }

 private:
  std::vector<uint64_t> words_;
};

bool continuation(uint8_t b) { return (b & 0xC0) == 0x80; }

// A removed span in concatenated-text coordinates; p0 = its first repeating position.
struct RawSpan {
  uint64_t p0, begin, end;
  uint64_t q = 0;
  uint32_t documents = 0;
};

// Calls fn(i, j) on every block [i, j) of at least two consecutive suffixes whose adjacent
// in-document common prefixes are all >= min_bytes (the suffixes that start the same min_bytes
// bytes).
template <typename Index, typename Fn>
void for_each_block(const std::vector<Index>& sa, const Bits& lcp_ge, const Fn& fn) {
  const uint64_t n = sa.size();
  for (uint64_t i = 0; i < n;) {
    uint64_t j = i + 1;
    while (j < n && lcp_ge.get(static_cast<uint64_t>(sa[j]))) ++j;
    if (j - i >= 2) fn(i, j);
    i = j;
  }
}

}  // namespace

uint64_t SubstringCorpus::state_bytes(uint64_t n, bool wide) {
  const uint64_t bits = 3 * (n / 8 + 8);
  return wide ? n * (1 + 8 + 2) + bits : n * (1 + 4 + 4) + bits;
}

Status SubstringCorpus::add(std::string_view text) {
  const uint64_t doc = starts_.size();
  if (text.size() >= std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidInput("substrings: document " + std::to_string(doc) + " has " +
                                std::to_string(text.size()) + " bytes of text (4 GiB or more)");
  }
  if (const void* ff = std::memchr(text.data(), kSeparator, text.size())) {
    return Status::InvalidInput(
        "substrings: document " + std::to_string(doc) + " has byte 0xFF at text offset " +
        std::to_string(static_cast<const char*>(ff) - text.data()) + " (not valid UTF-8)");
  }
  const uint64_t n = text_.size() + text.size() + 1;
  const bool wide = n >= static_cast<uint64_t>(std::numeric_limits<int32_t>::max());
  if (max_memory_ != 0 && state_bytes(n, wide) > max_memory_) {
    return Status::ResourceExhausted(
        "substrings: at document " + std::to_string(doc) + " the corpus's " + std::to_string(n) +
        " bytes of text need " + std::to_string(state_bytes(n, wide)) +
        " bytes of suffix-array state (" + std::to_string(state_bytes_per_byte(wide)) +
        " per byte), over --max-memory (" + std::to_string(max_memory_) +
        " bytes); splitting into shards is not implemented: raise --max-memory");
  }
  starts_.push_back(text_.size());
  text_.insert(text_.end(), text.begin(), text.end());
  text_.push_back(kSeparator);
  return Status::Ok();
}

std::string_view SubstringCorpus::text(uint32_t doc) const {
  const uint64_t s = starts_[doc];
  const uint64_t e = doc + 1 < starts_.size() ? starts_[doc + 1] - 1 : text_.size() - 1;
  return {reinterpret_cast<const char*>(text_.data()) + s, e - s};
}

Result<std::vector<SubstringSpan>> SubstringCorpus::find(const SubstringOptions& options) const {
  if (options.min_bytes == 0) return Status::InvalidArgument("--min-bytes must be at least 1");
  const bool wide = options.wide_index ||
                    text_.size() >= static_cast<uint64_t>(std::numeric_limits<int32_t>::max());
  return wide ? find_with<int64_t>(options) : find_with<int32_t>(options);
}

template <typename Index>
Result<std::vector<SubstringSpan>> SubstringCorpus::find_with(
    const SubstringOptions& options) const {
  const uint8_t* t = text_.data();
  const uint64_t n = text_.size();
  const uint64_t min_bytes = options.min_bytes;
  const bool all = options.remove == SubstringRemove::kAll;
  std::vector<SubstringSpan> out;
  if (n == 0) return out;

  std::vector<Index> sa;
  DOCSIFT_RETURN_IF_ERROR(build_suffix_array(text_, sa));

  // lcp_ge[p]: the in-document common prefix of suffix p and its predecessor in sa is at least
  // min_bytes. PLCP by Φ (Kärkkäinen et al. 2009): PLCP[p] >= PLCP[p - 1] - 1, so the
  // comparisons total O(n); they stop at a separator, so no prefix crosses a document end
  // (the amortisation still holds: the separator is not in any text). With 64-bit indices Φ is
  // built a quarter of the text at a time.
  Bits lcp_ge(n);
  {
    const uint64_t slices = sizeof(Index) == 4 ? 1 : 4;
    const uint64_t slice = (n + slices - 1) / slices;
    std::vector<Index> phi;
    uint64_t l = 0;
    for (uint64_t a = 0; a < n; a += slice) {
      const uint64_t b = std::min(n, a + slice);
      phi.assign(b - a, Index{-1});
      // Both loops are bound by cache misses (random writes to phi, random reads of the text):
      // prefetching a few iterations ahead overlaps them.
      constexpr uint64_t kAhead = 16;
      for (uint64_t i = 0; i < n; ++i) {
        if (i + kAhead < n) {
          const uint64_t f = static_cast<uint64_t>(sa[i + kAhead]);
          if (f >= a && f < b) __builtin_prefetch(&phi[f - a], 1);
        }
        const uint64_t p = static_cast<uint64_t>(sa[i]);
        if (p >= a && p < b) phi[p - a] = i ? sa[i - 1] : Index{-1};
      }
      for (uint64_t p = a; p < b; ++p) {
        if (p + kAhead < b && phi[p + kAhead - a] >= 0) {
          __builtin_prefetch(t + phi[p + kAhead - a] + l);
        }
        const Index j = phi[p - a];
        if (j < 0) {
          l = 0;
          continue;
        }
        const uint64_t q = static_cast<uint64_t>(j);
        while (t[p + l] == t[q + l] && t[p + l] != kSeparator) ++l;
        if (l >= min_bytes) lcp_ge.set(p);
        if (l) --l;
      }
    }
  }

  // Repeating positions: every member of a block (kAll) or all but its first in input order.
  Bits repeats(n);
  for_each_block(sa, lcp_ge, [&](uint64_t i, uint64_t j) {
    Index first = sa[i];
    for (uint64_t k = i + 1; k < j; ++k) first = std::min(first, sa[k]);
    for (uint64_t k = i; k < j; ++k) {
      if (all || sa[k] != first) repeats.set(static_cast<uint64_t>(sa[k]));
    }
  });

  // Spans per document: union of [p, p + min_bytes), widened to character boundaries, merged.
  std::vector<RawSpan> spans;
  std::vector<uint32_t> span_doc;
  for (uint64_t d = 0; d < starts_.size(); ++d) {
    const uint64_t s = starts_[d];
    const uint64_t e = d + 1 < starts_.size() ? starts_[d + 1] - 1 : n - 1;
    const size_t doc_first = spans.size();
    for (uint64_t p = repeats.next(s, e); p < e; p = repeats.next(p + 1, e)) {
      uint64_t begin = p;
      uint64_t end = p + min_bytes;
      while (begin > s && continuation(t[begin])) --begin;
      while (end < e && continuation(t[end])) ++end;
      if (spans.size() > doc_first && begin <= spans.back().end) {
        spans.back().end = std::max(spans.back().end, end);
      } else {
        spans.push_back({.p0 = p, .begin = begin, .end = end});
        span_doc.push_back(static_cast<uint32_t>(d));
      }
    }
  }
  if (spans.empty()) return out;

  // The place each span duplicates: the block of p0 gives its first (or, for p0 itself, second)
  // occurrence in input order and the documents that hold it.
  Bits starts_bits(n);
  for (const RawSpan& r : spans) starts_bits.set(r.p0);
  std::vector<uint32_t> stamp(starts_.size(), std::numeric_limits<uint32_t>::max());
  uint32_t block_id = 0;
  auto doc_of = [&](uint64_t p) {
    return static_cast<uint32_t>(std::upper_bound(starts_.begin(), starts_.end(), p) -
                                 starts_.begin() - 1);
  };
  for_each_block(sa, lcp_ge, [&](uint64_t i, uint64_t j) {
    bool any = false;
    uint64_t first = n, second = n;
    for (uint64_t k = i; k < j; ++k) {
      const uint64_t p = static_cast<uint64_t>(sa[k]);
      any = any || starts_bits.get(p);
      if (p < first) {
        second = first;
        first = p;
      } else if (p < second) {
        second = p;
      }
    }
    if (!any) return;
    uint32_t documents = 0;
    for (uint64_t k = i; k < j; ++k) {
      const uint32_t d = doc_of(static_cast<uint64_t>(sa[k]));
      if (stamp[d] != block_id) {
        stamp[d] = block_id;
        ++documents;
      }
    }
    ++block_id;
    for (uint64_t k = i; k < j; ++k) {
      const uint64_t p = static_cast<uint64_t>(sa[k]);
      if (!starts_bits.get(p)) continue;
      auto it = std::lower_bound(spans.begin(), spans.end(), p,
                                 [](const RawSpan& r, uint64_t v) { return r.p0 < v; });
      it->q = p == first ? second : first;
      it->documents = documents;
    }
  });
  sa = {};

  out.reserve(spans.size());
  for (size_t k = 0; k < spans.size(); ++k) {
    const RawSpan& r = spans[k];
    const uint64_t s = starts_[span_doc[k]];
    uint64_t l = 0;
    while (t[r.p0 + l] == t[r.q + l] && t[r.p0 + l] != kSeparator) ++l;
    const uint32_t of_doc = doc_of(r.q);
    const uint64_t qs = starts_[of_doc];
    const uint64_t qe = of_doc + 1 < starts_.size() ? starts_[of_doc + 1] - 1 : n - 1;
    uint64_t of_begin = r.q;
    uint64_t of_end = r.q + std::min(l, r.end - r.p0);
    while (of_begin > qs && continuation(t[of_begin])) --of_begin;
    while (of_end < qe && continuation(t[of_end])) ++of_end;
    out.push_back({.doc = span_doc[k],
                   .begin = static_cast<uint32_t>(r.begin - s),
                   .end = static_cast<uint32_t>(r.end - s),
                   .of_doc = of_doc,
                   .of_begin = static_cast<uint32_t>(of_begin - qs),
                   .of_end = static_cast<uint32_t>(of_end - qs),
                   .documents = r.documents});
  }
  return out;
}

}  // namespace docsift
