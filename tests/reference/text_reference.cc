#include "reference/text_reference.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>

namespace docsift::reference {

namespace {

icu::UnicodeString keep_letters_marks_numbers(const icu::UnicodeString& normalized,
                                              bool fold_digits) {
  icu::UnicodeString kept;
  for (int32_t k = 0; k < normalized.length(); k += U16_LENGTH(normalized.char32At(k))) {
    const UChar32 cp = normalized.char32At(k);
    const int8_t type = u_charType(cp);
    const bool letter = type >= U_UPPERCASE_LETTER && type <= U_OTHER_LETTER;
    const bool mark = type >= U_NON_SPACING_MARK && type <= U_COMBINING_SPACING_MARK;
    const bool number = type >= U_DECIMAL_DIGIT_NUMBER && type <= U_OTHER_NUMBER;
    if (!letter && !mark && !number) continue;
    kept.append(fold_digits && type == U_DECIMAL_DIGIT_NUMBER ? UChar32('0') : cp);
  }
  return kept;
}

}  // namespace

std::string normalize_token(std::string_view token, bool fold_digits) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(token.data(), static_cast<int32_t>(token.size())));
  std::string out;
  keep_letters_marks_numbers(nfkc_cf->normalize(u, status), fold_digits).toUTF8String(out);
  return out;
}

std::vector<RefToken> tokenize(std::string_view text, bool fold_digits) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  // utf8_offset[k] = UTF-8 byte offset of UTF-16 index k.
  std::vector<uint32_t> utf8_offset(u.length() + 1, 0);
  uint32_t bytes = 0;
  for (int32_t k = 0; k < u.length();) {
    const UChar32 cp = u.char32At(k);
    const int32_t units = U16_LENGTH(cp);
    for (int32_t j = 0; j < units; ++j) utf8_offset[k + j] = bytes;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    k += units;
  }
  utf8_offset[u.length()] = bytes;

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  std::vector<RefToken> out;
  if (U_FAILURE(status)) return out;
  words->setText(u);
  int32_t a = words->first();
  for (int32_t b = words->next(); b != icu::BreakIterator::DONE; a = b, b = words->next()) {
    if (words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
    const icu::UnicodeString normalized = nfkc_cf->normalize(u.tempSubStringBetween(a, b), status);
    const icu::UnicodeString kept = keep_letters_marks_numbers(normalized, fold_digits);
    if (kept.isEmpty()) continue;
    RefToken t;
    t.begin = utf8_offset[a];
    t.end = utf8_offset[b];
    kept.toUTF8String(t.form);
    out.push_back(std::move(t));
  }
  return out;
}

std::string join(const std::vector<RefToken>& tokens) {
  std::string joined;
  for (const RefToken& t : tokens) {
    if (!joined.empty()) joined.push_back(' ');
    joined += t.form;
  }
  return joined;
}

}  // namespace docsift::reference
