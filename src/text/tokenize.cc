#include "text/tokenize.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include "core/xxh3.h"

#include "core/assert.h"
#include "text/internal/fast_path.h"
#include "text/internal/form_filter.h"

namespace docsift {
namespace {

// ICU always breaks on both sides of ASCII whitespace when the next byte is ASCII (it cannot be
// a combining mark or format character that WB4 would attach to the space), so text can be cut
// there and the pieces tokenised independently, some by the fast path, some by ICU.
inline bool is_ascii_space(uint8_t c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

inline bool is_safe_cut(std::string_view text, size_t p) {
  return p > 0 && p < text.size() && is_ascii_space(static_cast<uint8_t>(text[p - 1])) &&
         static_cast<uint8_t>(text[p]) < 0x80;
}

// Largest safe cut in (floor, p], or floor.
size_t safe_cut_at_or_before(std::string_view text, size_t floor, size_t p) {
  for (size_t q = p; q > floor; --q) {
    if (is_safe_cut(text, q)) return q;
  }
  return floor;
}

// Smallest safe cut after p, or text.size().
size_t safe_cut_after(std::string_view text, size_t p) {
  for (size_t q = p + 1; q < text.size(); ++q) {
    if (is_safe_cut(text, q)) return q;
  }
  return text.size();
}

// Removes the tokens that start at or after `offset`.
void truncate_tokens(TokenizedText& out, size_t offset) {
  size_t n = out.spans.size();
  while (n > 0 && out.spans[n - 1].begin >= offset) --n;
  out.spans.resize(n);
  out.norm_offsets.resize(n + 1);
  out.norm_chars.resize(out.norm_offsets[n]);
}

}  // namespace

struct Tokenizer::IcuState {
  std::unique_ptr<icu::BreakIterator> words;
  const icu::Normalizer2* nfkc_cf = nullptr;
  UText text = UTEXT_INITIALIZER;
  std::string scratch;

  IcuState() {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    DOCSIFT_ASSERT(U_SUCCESS(status) && words != nullptr &&
                   nfkc_cf != nullptr);  // data is linked in
  }
  ~IcuState() { utext_close(&text); }

  // Appends the tokens of text[begin, end) found by ICU's word-break iterator.
  void tokenize(std::string_view all, size_t begin, size_t end, bool fold_digits,
                TokenizedText& out) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&text, all.data() + begin, static_cast<int64_t>(end - begin), &status);
    words->setText(&text, status);
    if (U_FAILURE(status)) return;
    int32_t p = words->first();
    for (int32_t q = words->next(); q != icu::BreakIterator::DONE; p = q, q = words->next()) {
      if (words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation
      scratch.clear();
      icu::StringByteSink<std::string> sink(&scratch);
      UErrorCode norm_status = U_ZERO_ERROR;
      nfkc_cf->normalizeUTF8(0, icu::StringPiece(all.data() + begin + p, q - p), sink, nullptr,
                             norm_status);
      if (U_FAILURE(norm_status)) continue;
      const size_t before = out.norm_chars.size();
      detail::append_filtered_form(scratch, fold_digits, out.norm_chars);
      if (out.norm_chars.size() == before) continue;
      out.spans.push_back({static_cast<uint32_t>(begin + p), static_cast<uint32_t>(begin + q)});
      out.norm_offsets.push_back(static_cast<uint32_t>(out.norm_chars.size()));
    }
  }
};

Tokenizer::Tokenizer(NormalizeOptions options)
    : options_(options), icu_(std::make_unique<IcuState>()) {}
Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;

void Tokenizer::tokenize(std::string_view text, TokenizedText& out) {
  DOCSIFT_ASSERT(text.size() <= UINT32_MAX);
  out.clear();
  out.spans.reserve(text.size() / 6 + 1);
  out.norm_offsets.reserve(text.size() / 6 + 2);
  out.norm_chars.reserve(2 * text.size() + 16);  // the fast path's bound on form growth
  const bool fold = options_.fold_digits;
  if (options_.force_icu) {
    icu_->tokenize(text, 0, text.size(), fold, out);
    return;
  }
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t slow = detail::fast_tokenize(text, pos, text.size(), fold, out);
    if (slow == text.size()) break;
    // Give ICU everything from the last cut before the slow code point up to a cut after which
    // the next piece is fast again, so runs of slow pieces go to ICU in one call.
    const size_t icu_begin = safe_cut_at_or_before(text, pos, slow);
    truncate_tokens(out, icu_begin);
    size_t icu_end = safe_cut_after(text, slow);
    while (icu_end < text.size()) {
      const size_t piece_end = safe_cut_after(text, icu_end);
      const size_t next_slow = detail::first_slow_code_point(text, icu_end, piece_end);
      if (next_slow == piece_end) break;
      icu_end = safe_cut_after(text, next_slow);
    }
    icu_->tokenize(text, icu_begin, icu_end, fold, out);
    pos = icu_end;
  }
}

void token_hashes(const TokenizedText& tokens, uint64_t seed, std::vector<uint64_t>& out) {
  out.resize(tokens.size());
  const char* chars = tokens.norm_chars.data();
  for (size_t i = 0; i < tokens.size(); ++i) {
    const uint32_t b = tokens.norm_offsets[i];
    out[i] = XXH3_64bits_withSeed(chars + b, tokens.norm_offsets[i + 1] - b, seed);
  }
}

}  // namespace docsift
