#include "substrings/substring_repeats.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>
#include <limits>
#include <string>

#include "core/parallel.h"
#include "core/thread_pool.h"
#include "substrings/suffix_array.h"

namespace docsift {
namespace {

class Bits {
 public:
  explicit Bits(uint64_t n) : words_((n + 63) / 64, 0) {}
  void set(uint64_t i) { words_[i >> 6] |= uint64_t{1} << (i & 63); }
  // set() from several threads at once.
  void set_atomic(uint64_t i) {
    std::atomic_ref<uint64_t>(words_[i >> 6])
        .fetch_or(uint64_t{1} << (i & 63), std::memory_order_relaxed);
  }
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
  uint64_t q = ~uint64_t{0};  // first other occurrence of p0's min_bytes bytes
  uint32_t own_docs = 0;      // documents of p0's shard holding them
  uint32_t other_docs = 0;    // documents of the other shards holding them
};

// The suffix array of `view` (documents, each ending with the separator) and lcp_ge[p]: the
// in-document common prefix of suffix p and its predecessor in the suffix array is at least
// min_bytes. PLCP by Φ (Kärkkäinen, Manzini and Puglisi 2009): PLCP[p] >= PLCP[p - 1] - 1, so
// the comparisons total O(n); they stop at a separator, so no prefix crosses a document end (the
// amortisation still holds: the separator is in no text). With 64-bit indices Φ is built a
// quarter of the text at a time (2 bytes per byte instead of 8). scan_part calls fn(sa, i, j) on
// every block [i, j) of at least two consecutive suffixes whose adjacent common prefixes are all
// >= min_bytes: the suffixes that start the same min_bytes bytes. blocks_in does both.
template <typename Index>
struct PartIndex {
  std::vector<Index> sa;
  Bits lcp_ge{0};
};

template <typename Index>
Status build_part(std::span<const uint8_t> view, uint64_t min_bytes, PartIndex<Index>& part) {
  const uint8_t sep = SubstringCorpus::kSeparator;
  const uint8_t* t = view.data();
  const uint64_t n = view.size();
  std::vector<Index>& sa = part.sa;
  DOCSIFT_RETURN_IF_ERROR(build_suffix_array(view, sa));
  part.lcp_ge = Bits(n);
  Bits& lcp_ge = part.lcp_ge;
  {
    const uint64_t slices = sizeof(Index) == 4 ? 1 : 4;
    const uint64_t slice = (n + slices - 1) / slices;
    std::vector<Index> phi;
    uint64_t l = 0;
    // Both loops are bound by cache misses (random writes to phi, random reads of the text):
    // prefetching a few iterations ahead overlaps them.
    constexpr uint64_t kAhead = 16;
    for (uint64_t a = 0; a < n; a += slice) {
      const uint64_t b = std::min(n, a + slice);
      phi.assign(b - a, Index{-1});
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
        while (t[p + l] == t[q + l] && t[p + l] != sep) ++l;
        if (l >= min_bytes) lcp_ge.set(p);
        if (l) --l;
      }
    }
  }
  return Status::Ok();
}

template <typename Index, typename Fn>
void scan_part(const PartIndex<Index>& part, const Fn& fn) {
  const uint64_t n = part.sa.size();
  for (uint64_t i = 0; i < n;) {
    uint64_t j = i + 1;
    while (j < n && part.lcp_ge.get(static_cast<uint64_t>(part.sa[j]))) ++j;
    if (j - i >= 2) fn(part.sa, i, j);
    i = j;
  }
}

template <typename Index, typename Fn>
Status blocks_in(std::span<const uint8_t> view, uint64_t min_bytes, const Fn& fn) {
  PartIndex<Index> part;
  DOCSIFT_RETURN_IF_ERROR(build_part(view, min_bytes, part));
  scan_part(part, fn);
  return Status::Ok();
}

// The blocks of shards a <= b of `text` together (shard s = bytes [bounds[s], bounds[s + 1])):
// fn(i, j, at) with at(k) = the position in `text` of the block's k-th suffix. Adjacent shards
// are one contiguous view; others are copied into one buffer.
template <typename Fn>
Status pair_blocks(const std::vector<uint8_t>& text, const std::vector<uint64_t>& bounds, size_t a,
                   size_t b, bool wide, uint64_t min_bytes, const Fn& fn) {
  const uint64_t a0 = bounds[a], a1 = bounds[a + 1], b0 = bounds[b], b1 = bounds[b + 1];
  std::vector<uint8_t> copy;
  std::span<const uint8_t> view;
  uint64_t split = 0;  // view positions below split map to a0 + p, the rest to b0 + p - split
  if (b <= a + 1) {
    view = {text.data() + a0, b1 - a0};
    split = view.size();
  } else {
    copy.reserve((a1 - a0) + (b1 - b0));
    copy.insert(copy.end(), text.begin() + static_cast<ptrdiff_t>(a0),
                text.begin() + static_cast<ptrdiff_t>(a1));
    copy.insert(copy.end(), text.begin() + static_cast<ptrdiff_t>(b0),
                text.begin() + static_cast<ptrdiff_t>(b1));
    view = copy;
    split = a1 - a0;
  }
  auto call = [&](const auto& sa, uint64_t i, uint64_t j) {
    fn(i, j, [&](uint64_t k) {
      const uint64_t p = static_cast<uint64_t>(sa[k]);
      return p < split ? a0 + p : b0 + (p - split);
    });
  };
  const bool wide_view =
      wide || view.size() >= static_cast<uint64_t>(std::numeric_limits<int32_t>::max());
  return wide_view ? blocks_in<int64_t>(view, min_bytes, call)
                   : blocks_in<int32_t>(view, min_bytes, call);
}

// Merged shards. A suffix's key is its first min_bytes bytes, cut after the first separator; two
// positions start the same min_bytes in-document bytes exactly when their keys are equal and
// hold no separator. Every shard's suffix array is sorted by the full suffixes, an order that
// refines the keys' (a key is a prefix, and cutting at the separator only merges keys that agree
// through it), so a k-way merge of the shards' arrays by key is sorted by key and equal keys are
// adjacent: the blocks are the runs of equal separator-free keys, whatever the sharding.
// The keys are compared directly (at most min_bytes bytes each), so no LCP array is needed.
//
// Both compare 8 bytes a step where the text allows (most of it): the first differing byte and
// the first separator byte of a word are found with bit tricks (a zero-byte test on ~word finds
// 0xFF bytes; its lowest set bit is exact), byte by byte near the end of the text.
uint64_t load_word(const uint8_t* at) {
  uint64_t w;
  std::memcpy(&w, at, 8);
  return w;
}
// Bit 7 of byte i set where byte i of w is 0xFF (the lowest set bit exactly; higher ones may be
// false positives, which no caller looks at).
uint64_t separator_bits(uint64_t w) {
  const uint64_t y = ~w;
  return (y - 0x0101010101010101ULL) & ~y & 0x8080808080808080ULL;
}

int compare_keys(const uint8_t* t, uint64_t n, uint64_t p, uint64_t q, uint64_t min_bytes) {
  constexpr uint8_t sep = SubstringCorpus::kSeparator;
  static_assert(std::endian::native == std::endian::little);
  if (std::max(p, q) + min_bytes + 8 <= n) {
    for (uint64_t l = 0; l < min_bytes; l += 8) {
      const uint64_t a = load_word(t + p + l), b = load_word(t + q + l);
      const uint64_t diff = a ^ b, seps = separator_bits(a);
      if ((diff | seps) == 0) continue;
      const uint64_t d = diff ? static_cast<uint64_t>(__builtin_ctzll(diff)) / 8 : 8;
      const uint64_t s = seps ? static_cast<uint64_t>(__builtin_ctzll(seps)) / 8 : 8;
      // A separator before the first difference: equal keys (both cut there).
      if (s < d || d >= min_bytes - l) return 0;
      return t[p + l + d] < t[q + l + d] ? -1 : 1;
    }
    return 0;
  }
  for (uint64_t l = 0; l < min_bytes; ++l) {
    const uint8_t a = t[p + l], b = t[q + l];
    if (a != b) return a < b ? -1 : 1;
    if (a == sep) return 0;  // the text ends with a separator: no read beyond it
  }
  return 0;
}

bool same_key(const uint8_t* t, uint64_t n, uint64_t p, uint64_t q, uint64_t min_bytes) {
  constexpr uint8_t sep = SubstringCorpus::kSeparator;
  if (std::max(p, q) + min_bytes + 8 <= n) {
    for (uint64_t l = 0; l < min_bytes; l += 8) {
      const uint64_t a = load_word(t + p + l), b = load_word(t + q + l);
      const uint64_t events = (a ^ b) | separator_bits(a);
      if (events && static_cast<uint64_t>(__builtin_ctzll(events)) / 8 < min_bytes - l) {
        return false;
      }
    }
    return true;
  }
  for (uint64_t l = 0; l < min_bytes; ++l) {
    const uint8_t a = t[p + l];
    if (a != t[q + l] || a == sep) return false;
  }
  return true;
}

// The shards' suffix arrays (shard s = text bytes [bounds[s], bounds[s + 1]), local indices)
// and the key ranges the merge is cut into: range r takes sa[s][cuts[r][s] .. cuts[r + 1][s])
// of every shard, and no key spans two ranges (each cut is a lower bound of one splitter key).
template <typename Index>
struct MergedIndex {
  std::vector<std::vector<Index>> sa;
  std::vector<std::vector<uint64_t>> cuts;
};

template <typename Index>
Status build_merged(const std::vector<uint8_t>& text, const std::vector<uint64_t>& bounds,
                    uint64_t min_bytes, unsigned threads, MergedIndex<Index>& index) {
  const size_t shards = bounds.size() - 1;
  index.sa.assign(shards, {});
  std::vector<Status> sorted(shards);
  // Debian's libdivsufsort is single-threaded: the shards are sorted concurrently instead.
  ThreadPool::instance().run(shards, threads, [&](size_t s, unsigned) {
    sorted[s] = build_suffix_array(
        std::span<const uint8_t>(text.data() + bounds[s], bounds[s + 1] - bounds[s]), index.sa[s]);
  });
  for (const Status& st : sorted) DOCSIFT_RETURN_IF_ERROR(st);
  // Splitters at even quantiles of the largest shard; 4 ranges per thread even out their sizes.
  size_t big = 0;
  for (size_t s = 1; s < shards; ++s) {
    if (index.sa[s].size() > index.sa[big].size()) big = s;
  }
  const size_t ranges = threads <= 1 ? 1 : std::min<size_t>(4 * threads, index.sa[big].size() + 1);
  index.cuts.assign(ranges + 1, std::vector<uint64_t>(shards, 0));
  for (size_t s = 0; s < shards; ++s) index.cuts[ranges][s] = index.sa[s].size();
  const uint8_t* t = text.data();
  for (size_t r = 1; r < ranges; ++r) {
    const uint64_t splitter =
        bounds[big] + static_cast<uint64_t>(index.sa[big][r * index.sa[big].size() / ranges]);
    for (size_t s = 0; s < shards; ++s) {
      const auto& sa = index.sa[s];
      const auto it = std::partition_point(sa.begin(), sa.end(), [&](Index p) {
        return compare_keys(t, text.size(), bounds[s] + static_cast<uint64_t>(p), splitter,
                            min_bytes) < 0;
      });
      index.cuts[r][s] = static_cast<uint64_t>(it - sa.begin());
    }
  }
  return Status::Ok();
}

// fn(worker, block) for every block (the positions in `text` of two or more suffixes with one
// separator-free key), ranges on up to `threads` threads; a block is in one range.
template <typename Index, typename Fn>
void merged_blocks(const std::vector<uint8_t>& text, const std::vector<uint64_t>& bounds,
                   uint64_t min_bytes, unsigned threads, const MergedIndex<Index>& index,
                   const Fn& fn) {
  const size_t shards = bounds.size() - 1;
  const size_t ranges = index.cuts.size() - 1;
  const uint8_t* t = text.data();
  const uint64_t n = text.size();
  std::vector<std::vector<uint64_t>> scratch(std::max(1u, threads));
  ThreadPool::instance().run(ranges, threads, [&](size_t r, unsigned worker) {
    std::vector<uint64_t>& block = scratch[worker];
    block.clear();
    std::vector<uint64_t> at(index.cuts[r]);
    const std::vector<uint64_t>& end = index.cuts[r + 1];
    // The k heads are compared linearly: k is the thread count or text / 1 GiB, a few.
    constexpr uint64_t kAhead = 16;
    std::vector<uint64_t> head(shards);
    for (size_t s = 0; s < shards; ++s) {
      if (at[s] < end[s]) head[s] = bounds[s] + static_cast<uint64_t>(index.sa[s][at[s]]);
    }
    while (true) {
      size_t best = shards;
      for (size_t s = 0; s < shards; ++s) {
        if (at[s] >= end[s]) continue;
        if (best == shards || compare_keys(t, n, head[s], head[best], min_bytes) < 0) best = s;
      }
      if (best == shards) break;
      const uint64_t p = head[best];
      if (++at[best] < end[best]) {
        head[best] = bounds[best] + static_cast<uint64_t>(index.sa[best][at[best]]);
        // The text is read in suffix order, a cache miss a suffix: fetch a few ahead.
        if (at[best] + kAhead < end[best]) {
          __builtin_prefetch(t + bounds[best] +
                             static_cast<uint64_t>(index.sa[best][at[best] + kAhead]));
        }
      }
      if (!block.empty() && same_key(t, n, block.back(), p, min_bytes)) {
        block.push_back(p);
        continue;
      }
      if (block.size() >= 2) fn(worker, std::span<const uint64_t>(block));
      block.clear();
      block.push_back(p);
    }
    if (block.size() >= 2) fn(worker, std::span<const uint64_t>(block));
  });
}

uint32_t doc_at(const std::vector<uint64_t>& starts, uint64_t p) {
  return static_cast<uint32_t>(std::upper_bound(starts.begin(), starts.end(), p) - starts.begin() -
                               1);
}

// Spans per document: union of [p, p + min_bytes) over the repeating positions, widened to
// character boundaries, merged.
void collect_spans(const std::vector<uint8_t>& text, const std::vector<uint64_t>& starts,
                   const Bits& repeats, uint64_t min_bytes, std::vector<RawSpan>& spans,
                   std::vector<uint32_t>& span_doc) {
  const uint8_t* t = text.data();
  const uint64_t n = text.size();
  for (uint64_t d = 0; d < starts.size(); ++d) {
    const uint64_t s = starts[d];
    const uint64_t e = d + 1 < starts.size() ? starts[d + 1] - 1 : n - 1;
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
}

// The spans in document coordinates, with the place each duplicates ([q, q + min(LCE, span))
// widened to character boundaries).
std::vector<SubstringSpan> finish_spans(const std::vector<uint8_t>& text,
                                        const std::vector<uint64_t>& starts,
                                        const std::vector<RawSpan>& spans,
                                        const std::vector<uint32_t>& span_doc) {
  const uint8_t* t = text.data();
  const uint64_t n = text.size();
  std::vector<SubstringSpan> out;
  out.reserve(spans.size());
  for (size_t k = 0; k < spans.size(); ++k) {
    const RawSpan& r = spans[k];
    const uint64_t s = starts[span_doc[k]];
    uint64_t l = 0;
    while (t[r.p0 + l] == t[r.q + l] && t[r.p0 + l] != SubstringCorpus::kSeparator) ++l;
    const uint32_t of_doc = doc_at(starts, r.q);
    const uint64_t qs = starts[of_doc];
    const uint64_t qe = of_doc + 1 < starts.size() ? starts[of_doc + 1] - 1 : n - 1;
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
                   .documents = r.own_docs + r.other_docs});
  }
  return out;
}

unsigned threads_of(const SubstringOptions& options) {
  return options.threads ? options.threads : hardware_threads();
}

}  // namespace

uint64_t SubstringCorpus::state_bytes(uint64_t n, bool wide) {
  return n * (wide ? 1 + 8 : 1 + 4) + 2 * (n / 8 + 8);
}

uint64_t SubstringCorpus::merged_state_bytes(uint64_t n, uint64_t docs, unsigned threads,
                                             bool wide) {
  return state_bytes(n, wide) + 8 * docs * (uint64_t{threads} + 1);
}

uint64_t SubstringCorpus::pairwise_state_bytes(uint64_t n, bool wide) {
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
  // The text and its bit sets must fit; the suffix arrays are sized by plan() (sharded).
  const uint64_t n = text_.size() + text.size() + 1;
  const uint64_t fixed = n + 3 * (n / 8 + 8) + 4 * (starts_.size() + 1);
  if (max_memory_ != 0 && fixed > max_memory_) {
    return Status::ResourceExhausted("substrings: at document " + std::to_string(doc) +
                                     " the corpus's " + std::to_string(n) +
                                     " bytes of text need at least " + std::to_string(fixed) +
                                     " bytes before any suffix array, over --max-memory (" +
                                     std::to_string(max_memory_) + " bytes): raise --max-memory");
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

Result<SubstringPlan> SubstringCorpus::plan(const SubstringOptions& options) const {
  const uint64_t n = text_.size();
  const unsigned threads = threads_of(options);
  SubstringPlan plan;
  if (!options.pairwise) {
    // Merged shards: `threads` of them (fewer when there are fewer documents), more when a
    // shard would exceed kMaxShardBytes, so that 32-bit suffix arrays serve any corpus. A shard
    // holds whole documents: shard i starts at the first document starting at or after i n / k.
    // With options.shard_bytes: greedy shards of at most that (one larger document alone).
    const uint64_t k = std::max<uint64_t>(threads, (n + kMaxShardBytes - 1) / kMaxShardBytes);
    const uint64_t shard_bytes = options.shard_bytes;
    plan.shard_bounds = {0};
    bool wide = options.wide_index;
    for (size_t d = 0; d < starts_.size(); ++d) {
      const uint64_t s = starts_[d];
      const uint64_t e = d + 1 < starts_.size() ? starts_[d + 1] : n;
      const uint64_t last = plan.shard_bounds.back();
      const bool cut = shard_bytes ? e - last > shard_bytes && s > last
                                   : s > last && s >= plan.shard_bounds.size() * n / k;
      if (cut) {
        wide = wide || s - last >= static_cast<uint64_t>(std::numeric_limits<int32_t>::max());
        plan.shard_bounds.push_back(s);
      }
    }
    wide = wide || n - plan.shard_bounds.back() >=
                       static_cast<uint64_t>(std::numeric_limits<int32_t>::max());
    plan.shard_bounds.push_back(n);
    if (n == 0) plan.shard_bounds = {0, 0};
    plan.wide = wide;
    plan.state_bytes = merged_state_bytes(n, starts_.size(), threads, wide);
    if (max_memory_ == 0 || plan.state_bytes <= max_memory_) return plan;
  }

  // Pairwise shards, for a budget under the merged state.
  plan.pairwise = true;
  const bool wide =
      options.wide_index || n >= static_cast<uint64_t>(std::numeric_limits<int32_t>::max());
  plan.wide = wide;
  plan.shard_bounds = {0, n};
  plan.state_bytes = pairwise_state_bytes(n, wide);
  uint64_t shard_bytes = options.shard_bytes;
  const uint64_t fixed = n + 3 * (n / 8 + 8) + 4 * starts_.size();
  if (shard_bytes == 0) {
    if (max_memory_ == 0 || plan.state_bytes <= max_memory_) return plan;
    // Two shards at a time: a copy of them, the suffix array, Φ and a bit set per byte.
    const double per_byte = wide ? 1 + 8 + 2 + 0.125 : kPairBytesPerByte;
    if (fixed >= max_memory_) {
      return Status::ResourceExhausted(
          "substrings: the corpus's " + std::to_string(n) + " bytes of text need at least " +
          std::to_string(fixed) +
          " bytes (the text and its bit sets) before any suffix array, "
          "over --max-memory (" +
          std::to_string(max_memory_) + " bytes): raise --max-memory");
    }
    shard_bytes = static_cast<uint64_t>(static_cast<double>(max_memory_ - fixed) / (2 * per_byte));
    if (!wide) shard_bytes = std::min<uint64_t>(shard_bytes, uint64_t{1} << 30);
  }
  plan.shard_bounds = {0};
  for (size_t d = 0; d < starts_.size(); ++d) {
    const uint64_t s = starts_[d];
    const uint64_t e = d + 1 < starts_.size() ? starts_[d + 1] : n;
    if (e - s > shard_bytes) {
      return Status::ResourceExhausted("substrings: document " + std::to_string(d) + " (" +
                                       std::to_string(e - s - 1) +
                                       " bytes) does not fit in a shard of " +
                                       std::to_string(shard_bytes) + " bytes under --max-memory (" +
                                       std::to_string(max_memory_) + " bytes): raise --max-memory");
    }
    if (e - plan.shard_bounds.back() > shard_bytes) plan.shard_bounds.push_back(s);
  }
  plan.shard_bounds.push_back(n);
  if (plan.shard_bounds.size() == 2) return plan;  // one shard after all
  uint64_t largest = 0;
  for (size_t a = 0; a + 2 < plan.shard_bounds.size(); ++a) {
    for (size_t b = a + 1; b + 1 < plan.shard_bounds.size(); ++b) {
      largest = std::max(largest, plan.shard_bounds[a + 1] - plan.shard_bounds[a] +
                                      plan.shard_bounds[b + 1] - plan.shard_bounds[b]);
    }
  }
  plan.state_bytes = fixed + static_cast<uint64_t>(static_cast<double>(largest) *
                                                   (wide ? 1 + 8 + 2 + 0.125 : kPairBytesPerByte));
  return plan;
}

Result<std::vector<SubstringSpan>> SubstringCorpus::find(const SubstringOptions& options) const {
  if (options.min_bytes == 0) return Status::InvalidArgument("--min-bytes must be at least 1");
  auto planned = plan(options);
  if (!planned.ok()) return planned.status();
  const SubstringPlan& p = planned.value();
  const std::vector<uint64_t>& bounds = p.shard_bounds;
  const size_t shards = bounds.size() - 1;
  const uint64_t n = text_.size();
  const uint64_t min_bytes = options.min_bytes;
  if (n == 0) return std::vector<SubstringSpan>{};

  if (!p.pairwise || shards == 1) {
    const unsigned threads = p.pairwise ? 1 : threads_of(options);
    return p.wide ? find_merged<int64_t>(options, bounds, threads)
                  : find_merged<int32_t>(options, bounds, threads);
  }
  // Pairwise: every pair of shards together, built again for each scan: a repeat whose two
  // occurrences lie in shards a and b is a block of the pair (a, b), so the union over the pairs
  // of what each finds is what one suffix array of the whole corpus finds, whatever the
  // sharding; and "earlier in input order" is the same inside a pair as in the corpus.
  return solve(options, bounds, [&](const auto& fn) -> Status {
    for (size_t a = 0; a + 1 < shards; ++a) {
      for (size_t b = a + 1; b < shards; ++b) {
        DOCSIFT_RETURN_IF_ERROR(pair_blocks(text_, bounds, a, b, p.wide, min_bytes, fn));
      }
    }
    return Status::Ok();
  });
}

template <typename Index>
Result<std::vector<SubstringSpan>> SubstringCorpus::find_merged(const SubstringOptions& options,
                                                                const std::vector<uint64_t>& bounds,
                                                                unsigned threads) const {
  const uint64_t n = text_.size();
  const uint64_t min_bytes = options.min_bytes;
  const bool all = options.remove == SubstringRemove::kAll;
  MergedIndex<Index> index;
  DOCSIFT_RETURN_IF_ERROR(build_merged(text_, bounds, min_bytes, threads, index));

  // Repeating positions: every member of a block (kAll) or all but its first in input order.
  // A position is in at most one block, but neighbours share bit words: set atomically.
  Bits repeats(n);
  merged_blocks(text_, bounds, min_bytes, threads, index,
                [&](unsigned, std::span<const uint64_t> block) {
                  const uint64_t first = *std::min_element(block.begin(), block.end());
                  for (uint64_t p : block) {
                    if (all || p != first) repeats.set_atomic(p);
                  }
                });
  std::vector<RawSpan> spans;
  std::vector<uint32_t> span_doc;
  collect_spans(text_, starts_, repeats, min_bytes, spans, span_doc);
  if (spans.empty()) return std::vector<SubstringSpan>{};

  // The place each span duplicates and the documents holding p0's min_bytes bytes, from the
  // block holding p0: its range in every shard's suffix array by binary search on the key (no
  // second merge). Spans whose p0 share a key share the block (equal ranges): it is walked once
  // for all of them, so a block repeated in many documents costs its size, not size x spans.
  const size_t shards = bounds.size() - 1;
  const uint8_t* t = text_.data();
  std::vector<uint64_t> ranges(spans.size() * shards * 2);  // [lo, hi) per span and shard
  parallel_for(spans.size(), threads, 256, [&](size_t begin, size_t end, unsigned) {
    for (size_t i = begin; i < end; ++i) {
      const uint64_t p0 = spans[i].p0;
      for (size_t sh = 0; sh < shards; ++sh) {
        const auto& sa = index.sa[sh];
        const uint64_t base = bounds[sh];
        const auto lo = std::partition_point(sa.begin(), sa.end(), [&](Index x) {
          return compare_keys(t, n, base + static_cast<uint64_t>(x), p0, min_bytes) < 0;
        });
        const auto hi = std::partition_point(lo, sa.end(), [&](Index x) {
          return compare_keys(t, n, base + static_cast<uint64_t>(x), p0, min_bytes) == 0;
        });
        ranges[(i * shards + sh) * 2] = static_cast<uint64_t>(lo - sa.begin());
        ranges[(i * shards + sh) * 2 + 1] = static_cast<uint64_t>(hi - sa.begin());
      }
    }
  });
  std::vector<uint32_t> order(spans.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  auto range_of = [&](uint32_t i) {
    return std::span<const uint64_t>(ranges.data() + size_t{i} * shards * 2, shards * 2);
  };
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const auto ra = range_of(a), rb = range_of(b);
    return std::lexicographical_compare(ra.begin(), ra.end(), rb.begin(), rb.end()) ||
           (std::equal(ra.begin(), ra.end(), rb.begin()) && a < b);
  });
  std::vector<size_t> groups;  // order[groups[g] .. groups[g + 1]) share a block
  for (size_t k = 0; k < order.size(); ++k) {
    if (k == 0 || !std::ranges::equal(range_of(order[k]), range_of(order[k - 1]))) {
      groups.push_back(k);
    }
  }
  groups.push_back(order.size());
  const unsigned workers = std::max(1u, threads);
  std::vector<std::vector<uint64_t>> stamp(workers);
  std::vector<uint64_t> block_id(workers, 0);
  ThreadPool::instance().run(groups.size() - 1, threads, [&](size_t g, unsigned w) {
    const auto r = range_of(order[groups[g]]);
    uint64_t first = n, second = n;
    if (stamp[w].empty()) stamp[w].assign(starts_.size(), 0);
    const uint64_t id = ++block_id[w];
    uint32_t documents = 0;
    for (size_t sh = 0; sh < shards; ++sh) {
      for (uint64_t k = r[2 * sh]; k < r[2 * sh + 1]; ++k) {
        const uint64_t p = bounds[sh] + static_cast<uint64_t>(index.sa[sh][k]);
        if (p < first) {
          second = first;
          first = p;
        } else if (p < second) {
          second = p;
        }
        const uint32_t d = doc_at(starts_, p);
        if (stamp[w][d] == id) continue;
        stamp[w][d] = id;
        ++documents;
      }
    }
    for (size_t k = groups[g]; k < groups[g + 1]; ++k) {
      RawSpan& span = spans[order[k]];
      span.q = span.p0 == first ? second : first;
      span.own_docs = documents;
    }
  });
  return finish_spans(text_, starts_, spans, span_doc);
}

template <typename ForEachBlock>
Result<std::vector<SubstringSpan>> SubstringCorpus::solve(const SubstringOptions& options,
                                                          const std::vector<uint64_t>& bounds,
                                                          const ForEachBlock& for_each_pair) const {
  const size_t shards = bounds.size() - 1;
  const uint64_t n = text_.size();
  const uint64_t min_bytes = options.min_bytes;
  const bool all = options.remove == SubstringRemove::kAll;

  // Repeating positions: every member of a block (kAll) or all but its first in input order.
  Bits repeats(n);
  DOCSIFT_RETURN_IF_ERROR(for_each_pair([&](uint64_t i, uint64_t j, const auto& at) {
    uint64_t first = n;
    for (uint64_t k = i; k < j; ++k) first = std::min(first, at(k));
    for (uint64_t k = i; k < j; ++k) {
      const uint64_t p = at(k);
      if (all || p != first) repeats.set(p);
    }
  }));
  std::vector<RawSpan> spans;
  std::vector<uint32_t> span_doc;
  collect_spans(text_, starts_, repeats, min_bytes, spans, span_doc);
  if (spans.empty()) return std::vector<SubstringSpan>{};

  // The place each span duplicates: the blocks holding p0 give the first other occurrence in
  // input order and the documents that hold p0's min_bytes bytes (its own shard's, counted in
  // every pair, plus each other shard's, counted in the pair with it).
  Bits starts_bits(n);
  for (const RawSpan& r : spans) starts_bits.set(r.p0);
  std::vector<uint32_t> stamp(starts_.size(), std::numeric_limits<uint32_t>::max());
  uint32_t block_id = 0;
  auto doc_of = [&](uint64_t p) {
    return static_cast<uint32_t>(std::upper_bound(starts_.begin(), starts_.end(), p) -
                                 starts_.begin() - 1);
  };
  auto shard_of = [&](uint64_t p) {
    return static_cast<size_t>(std::upper_bound(bounds.begin(), bounds.end(), p) - bounds.begin() -
                               1);
  };
  DOCSIFT_RETURN_IF_ERROR(for_each_pair([&](uint64_t i, uint64_t j, const auto& at) {
    bool any = false;
    uint64_t first = n, second = n;
    for (uint64_t k = i; k < j; ++k) {
      const uint64_t p = at(k);
      any = any || starts_bits.get(p);
      if (p < first) {
        second = first;
        first = p;
      } else if (p < second) {
        second = p;
      }
    }
    if (!any) return;
    // Documents per shard of the pair (a document lies in one shard).
    std::pair<size_t, uint32_t> count[2] = {{shards, 0}, {shards, 0}};
    for (uint64_t k = i; k < j; ++k) {
      const uint64_t p = at(k);
      const uint32_t d = doc_of(p);
      if (stamp[d] == block_id) continue;
      stamp[d] = block_id;
      const size_t s = shard_of(p);
      auto& c = count[0].first == s || count[0].first == shards ? count[0] : count[1];
      c.first = s;
      ++c.second;
    }
    ++block_id;
    for (uint64_t k = i; k < j; ++k) {
      const uint64_t p = at(k);
      if (!starts_bits.get(p)) continue;
      auto it = std::lower_bound(spans.begin(), spans.end(), p,
                                 [](const RawSpan& r, uint64_t v) { return r.p0 < v; });
      it->q = std::min(it->q, p == first ? second : first);
      const size_t s = shard_of(p);
      const bool mine = count[0].first == s;
      it->own_docs = (mine ? count[0] : count[1]).second;
      it->other_docs += (mine ? count[1] : count[0]).second;
    }
  }));

  return finish_spans(text_, starts_, spans, span_doc);
}

}  // namespace docsift
