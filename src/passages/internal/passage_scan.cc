#include "passages/internal/passage_scan.h"

#include <algorithm>

#include "shingle/shingle.h"
#include "text/segment.h"

namespace docsift::detail {
namespace {

// Code points in text[begin, end) (valid UTF-8: the bytes that do not continue a sequence).
uint32_t code_points(std::string_view text, size_t begin, size_t end) {
  uint32_t n = 0;
  for (size_t i = begin; i < end; ++i) n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return n;
}

}  // namespace

PassageScanner::PassageScanner(const PassageOptions& options)
    : options_(options),
      tokenizer_(options.normalize),
      hasher_(MinHashOptions{.num_perm = options.num_perm, .seed = options.seed}) {}

void PassageScanner::scan(std::string_view text, std::vector<ScannedPassage>& out,
                          std::vector<uint32_t>& signatures) {
  const bool sentences = options_.unit == PassageUnit::kSentence;
  const std::vector<Passage> passages = sentences ? segment_sentences(text) : segment_blocks(text);
  // Sentence parts cost an ICU sentence pass, so only documents with bullets pay for them.
  const bool with_parts =
      !sentences && std::any_of(passages.begin(), passages.end(),
                                [](const Passage& p) { return p.kind == PassageKind::kBullet; });
  // Blocks are in text order: their code point offsets follow one cursor.
  size_t cursor = 0;
  uint32_t cursor_chars = 0;
  for (const Passage& p : passages) {
    cursor_chars += code_points(text, cursor, p.begin);
    cursor = p.begin;
    const size_t before = out.size();
    add(text, p.marker_begin, p.begin, p.end, cursor_chars, false, out, signatures);
    if (!with_parts || out.size() == before) continue;
    const std::string_view block = text.substr(p.begin, p.end - p.begin);
    const std::vector<Passage> parts = segment_sentences(block);
    if (parts.size() < 2) continue;
    const size_t first_part = out.size();
    size_t part_cursor = p.begin;
    uint32_t part_chars = cursor_chars;
    for (const Passage& s : parts) {
      part_chars += code_points(text, part_cursor, p.begin + s.begin);
      part_cursor = p.begin + s.begin;
      add(text, p.begin + s.begin, p.begin + s.begin, p.begin + s.end, part_chars, true, out,
          signatures);
    }
    // A short sentence is no passage: a block holding one has content no anchor can vouch for.
    out[before].all_sentences_parts = out.size() - first_part == parts.size();
  }
}

void PassageScanner::add(std::string_view text, uint32_t marker_begin, uint32_t begin, uint32_t end,
                         uint32_t char_begin, bool part, std::vector<ScannedPassage>& out,
                         std::vector<uint32_t>& signatures) {
  tokenizer_.tokenize(text.substr(begin, end - begin), tokens_);
  if (tokens_.size() < options_.min_words) return;
  out.push_back({marker_begin, begin, end, char_begin, char_begin + code_points(text, begin, end),
                 exact_key(tokens_), part});
  if (!options_.near) return;
  if (options_.shingle_unit == ShingleUnit::kWord) {
    token_hashes(tokens_, options_.seed, token_hashes_);
    word_shingles(token_hashes_, options_.ngram, options_.seed, shingles_);
  } else {
    joined_ = join_normalized(tokens_);
    char_shingles(joined_, options_.ngram, options_.seed, shingles_);
  }
  // No sort/unique: a minimum does not care about repeats, and sorting cost more than signing.
  const size_t at = signatures.size();
  signatures.resize(at + options_.num_perm);
  hasher_.sign(shingles_, std::span<uint32_t>(signatures.data() + at, options_.num_perm));
}

}  // namespace docsift::detail
