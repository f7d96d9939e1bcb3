#include "passages/line_boilerplate.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "core/parallel.h"
#include "core/xxh3.h"

namespace docsift {
namespace {

constexpr size_t kChunk = 64;
// A node of the map (key, stat, next pointer, cached hash, malloc header) and its bucket.
constexpr uint64_t kBytesPerDistinct = 128;

UChar32 decode_at(std::string_view s, size_t& i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  auto pos = static_cast<int32_t>(i);
  UChar32 cp;
  U8_NEXT(p, pos, static_cast<int32_t>(s.size()), cp);
  i = static_cast<size_t>(pos);
  return cp < 0 ? 0xFFFD : cp;
}

bool is_space(UChar32 cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\v' || cp == '\f' || u_isUWhiteSpace(cp) ||
         cp == 0xFEFF || cp == 0x200B;
}

Key128 key_of(std::string_view text) {
  const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  return {h.low64, h.high64};
}

// What one pass over a line gives: its key text (the rules in the header), letters (counted up
// to 2, all the rules need), words (up to 4, where docs_needed stops changing) and the trimmed
// bounds. ASCII bytes are classified directly; other code points are decoded for ICU.
struct LineFacts {
  uint32_t letters = 0;
  uint32_t words = 0;
  size_t begin = 0, end = 0;  // trimmed
};

void scan_line(std::string_view line, std::string* key, LineFacts& f) {
  f = LineFacts{};
  if (key) key->clear();
  bool space = false, digit = false, word_counted = false, any = false;
  for (size_t i = 0; i < line.size();) {
    const size_t at = i;
    const auto c = static_cast<unsigned char>(line[i]);
    bool is_sp, alpha, alnum;
    if (c < 0x80) {
      ++i;
      is_sp = c == ' ' || (c >= '\t' && c <= '\r');
      alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
      alnum = alpha || (c >= '0' && c <= '9');
    } else if (f.letters >= 2 && f.words >= 4 && c >= 0xC3 && c != 0xE1 && c != 0xE2 && c != 0xE3 &&
               c != 0xEF) {
      // Nothing left to count and no space starts with this byte (U+0085, U+00A0: C2; U+1680:
      // E1; U+2000..U+205F: E2; U+3000: E3; U+FEFF: EF): copy the code point undecoded.
      const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      i = std::min(line.size(), i + len);
      is_sp = false;
      alpha = alnum = false;
    } else {
      const UChar32 cp = decode_at(line, i);
      is_sp = is_space(cp);
      alpha = !is_sp && u_isalpha(cp);
      alnum = alpha || (!is_sp && u_isdigit(cp));
    }
    if (is_sp) {
      space = any;
      digit = word_counted = false;
      continue;
    }
    if (!any) f.begin = at;
    any = true;
    f.end = i;
    if (alpha && f.letters < 2) ++f.letters;
    if (alnum && !word_counted) {
      word_counted = true;
      if (f.words < 4) ++f.words;
    }
    if (!key) continue;
    if (space) key->push_back(' ');
    space = false;
    if (c >= '0' && c <= '9') {
      if (!digit) key->push_back('0');
      digit = true;
      continue;
    }
    digit = false;
    if (c >= 'A' && c <= 'Z') {
      key->push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (i - at == 1) {
      key->push_back(static_cast<char>(c));
    } else {
      key->append(line.data() + at, i - at);
    }
  }
}

}  // namespace

std::string line_key_text(std::string_view line) {
  std::string key;
  LineFacts f;
  scan_line(line, &key, f);
  return key;
}

uint32_t line_letters(std::string_view line) {
  uint32_t n = 0;
  for (size_t i = 0; i < line.size();) n += u_isalpha(decode_at(line, i)) ? 1 : 0;
  return n;
}

uint32_t line_words(std::string_view line) {
  LineFacts f;
  scan_line(line, nullptr, f);
  return f.words;
}

uint32_t docs_needed(uint32_t words, uint32_t min_docs) {
  // One word lines ("Поделиться", "#news", "Reuters") are the likeliest to be real content that
  // recurs, so they need ten times as many documents; 2 and 3 words scale as 1/words.
  if (words <= 1) return 10 * min_docs;
  if (words >= 4) return min_docs;
  return (4 * min_docs + words - 1) / words;
}

void scan_lines(std::string_view text, std::vector<ScannedLine>& out) {
  out.clear();
  std::string key_text;
  LineFacts f;
  size_t pos = 0;
  // Code points before byte `at` (at never decreases from call to call).
  size_t counted_to = 0;
  uint32_t points = 0;
  auto points_before = [&](size_t at) {
    for (; counted_to < at; ++counted_to) {
      points += (static_cast<unsigned char>(text[counted_to]) & 0xC0) != 0x80;
    }
    return points;
  };
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    scan_line(text.substr(pos, nl - pos), &key_text, f);
    if (f.letters >= 2) {
      ScannedLine s;
      s.begin = static_cast<uint32_t>(pos + f.begin);
      s.end = static_cast<uint32_t>(pos + f.end);
      s.char_begin = points_before(s.begin);
      s.char_end = points_before(s.end);
      s.words = f.words;
      s.key = key_of(key_text);
      if (!out.empty()) {
        // A pair's key hashes the two line keys (32 bytes, seed 1), so it never equals a line's.
        const Key128 both[2] = {out.back().key, s.key};
        const XXH128_hash_t h = XXH3_128bits_withSeed(both, sizeof both, 1);
        s.pair_key = {h.low64, h.high64};
        s.has_pair = true;
      }
      out.push_back(s);
    }
    if (nl == text.size()) break;
    pos = nl + 1;
  }
}

LineIndex::LineIndex(const LineOptions& options, unsigned threads, MemoryBudget* budget)
    : options_(options),
      threads_(threads == 0 ? hardware_threads() : threads),
      charge_(budget, MemoryUse::kPassages) {}

Status LineIndex::add(std::span<const Record> batch) {
  const size_t n = batch.size();
  const size_t chunks = (n + kChunk - 1) / kChunk;
  chunk_lines_.resize(chunks);
  chunk_counts_.resize(chunks);
  parallel_for(n, threads_, kChunk, [&](size_t b, size_t e, unsigned) {
    std::vector<ScannedLine>& lines = chunk_lines_[b / kChunk];
    std::vector<uint32_t>& counts = chunk_counts_[b / kChunk];
    lines.clear();
    counts.clear();
    std::vector<ScannedLine> doc;
    for (size_t i = b; i < e; ++i) {
      scan_lines(batch[i].text, doc);
      lines.insert(lines.end(), doc.begin(), doc.end());
      counts.push_back(static_cast<uint32_t>(doc.size()));
    }
  });
  uint64_t scanned = 0;
  for (size_t c = 0; c < chunks; ++c) scanned += chunk_lines_[c].size();
  // Every line and pair of the batch counted as possibly new.
  DOCSIFT_RETURN_IF_ERROR(
      charge_.grow_to(kBytesPerDistinct * (stats_.size() + 2 * scanned), docs_ + n));
  auto count = [&](const Key128& key, uint32_t doc, const ScannedLine& line) {
    LineStat& s = stats_[key];
    if (s.last_doc == doc) return;
    s.last_doc = doc;
    const LineSpot spot{doc, line.begin, line.end, line.char_begin, line.char_end};
    if (s.docs++ == 0) {
      s.first = spot;
    } else if (s.docs == 2) {
      s.other = spot;
    }
  };
  for (size_t c = 0; c < chunks; ++c) {
    size_t at = 0;
    for (uint32_t num : chunk_counts_[c]) {
      const uint32_t doc = docs_++;
      for (uint32_t k = 0; k < num; ++k, ++at) {
        const ScannedLine& s = chunk_lines_[c][at];
        count(s.key, doc, s);
        if (s.has_pair) count(s.pair_key, doc, s);
      }
      lines_counted_ += num;
    }
  }
  return Status::Ok();
}

void LineIndex::use_stored_counts(StoredCountFn stored, bool collect) {
  stored_ = std::move(stored);
  collect_ = collect;
}

void LineIndex::finish() {
  if (collect_) {
    batch_counts_.clear();
    batch_counts_.reserve(stats_.size());
    for (const auto& [key, s] : stats_) batch_counts_.emplace_back(key, s.docs);
  }
  if (stored_) {
    for (auto& [key, s] : stats_) s.stored_docs = stored_(key);
  }
  std::erase_if(
      stats_, [](const auto& kv) { return uint64_t{kv.second.docs} + kv.second.stored_docs < 2; });
  chunk_lines_ = {};
  chunk_counts_ = {};
  (void)charge_.set(kBytesPerDistinct * stats_.size(), docs_);  // shrinking never fails
}

const LineStat* LineIndex::find(const Key128& key) const {
  const auto it = stats_.find(key);
  return it == stats_.end() ? nullptr : &it->second;
}

void LineDecider::decide(uint32_t doc, std::string_view text, std::vector<LineRow>& rows) {
  rows.clear();
  scan_lines(text, lines_);
  const uint32_t min_docs = index_.options().min_docs;
  boiler_.assign(lines_.size(), 0);
  for (size_t i = 0; i < lines_.size(); ++i) {
    const ScannedLine& s = lines_[i];
    auto docs = [](const LineStat& st) { return uint64_t{st.docs} + st.stored_docs; };
    if (const LineStat* st = index_.find(s.key);
        st && docs(*st) >= docs_needed(s.words, min_docs)) {
      boiler_[i] = 1;
    }
    if (!s.has_pair) continue;
    const LineStat* pair = index_.find(s.pair_key);
    if (pair && docs(*pair) >= docs_needed(lines_[i - 1].words + s.words, min_docs)) {
      boiler_[i - 1] = boiler_[i] = 1;
    }
  }
  for (size_t i = 0; i < lines_.size(); ++i) {
    if (!boiler_[i]) continue;
    const ScannedLine& s = lines_[i];
    // A line of a boilerplate pair is in at least as many documents as the pair: never null.
    const LineStat* st = index_.find(s.key);
    if (st == nullptr) continue;
    // A line earlier batches hold is never the corpus's first.
    const bool first_doc = st->first.doc == doc && st->stored_docs == 0;
    if (first_doc && keep_first_) continue;
    LineSpot of = st->first.doc == doc ? st->other : st->first;
    // Only in this document and the stored batches: it names itself.
    if (of.doc == UINT32_MAX) of = {doc, s.begin, s.end, s.char_begin, s.char_end};
    rows.push_back({s.begin, s.end, st, of, s.char_begin, s.char_end});
  }
}

void merge_line_cuts(std::vector<Cut>& cuts, std::vector<LineRow>& rows,
                     std::vector<char>& is_line_cut) {
  is_line_cut.assign(cuts.size(), 0);
  if (rows.empty()) return;
  struct Range {
    Cut cut;
    bool line;
  };
  std::vector<Range> all;
  all.reserve(cuts.size() + rows.size());
  for (const Cut& c : cuts) all.push_back({c, false});
  // Drop the rows a passage cut already removes whole.
  size_t kept = 0, p = 0;
  for (const LineRow& r : rows) {
    while (p < cuts.size() && cuts[p].end <= r.begin) ++p;
    const bool covered = p < cuts.size() && cuts[p].marker_begin <= r.begin && r.end <= cuts[p].end;
    if (covered) continue;
    all.push_back({{r.begin, r.end}, true});
    rows[kept++] = r;
  }
  rows.resize(kept);
  std::stable_sort(all.begin(), all.end(), [](const Range& a, const Range& b) {
    return a.cut.marker_begin < b.cut.marker_begin;
  });
  cuts.clear();
  is_line_cut.clear();
  for (const Range& r : all) {
    if (!cuts.empty() && r.cut.marker_begin < cuts.back().end) {
      cuts.back().end = std::max(cuts.back().end, r.cut.end);
      is_line_cut.back() = is_line_cut.back() && r.line;
    } else {
      cuts.push_back(r.cut);
      is_line_cut.push_back(r.line);
    }
  }
}

}  // namespace docsift
