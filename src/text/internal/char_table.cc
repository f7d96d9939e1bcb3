#include "text/internal/char_table.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <string>

#include "text/internal/form_filter.h"

namespace docsift::detail {
namespace {

// Word-break class as ICU 72's root word rules (word.txt) use it. Differences from the UAX #29
// property, found by experiment: ICU removes ':' (and U+FE55, U+FF1A) from MidLetter and adds
// '@' to ALetter. Everything the fast rules do not model is kSlow.
WordClass icu_word_class(UChar32 cp) {
  if (cp == ':' || cp == 0xFE55 || cp == 0xFF1A) return WordClass::kOther;
  if (cp == '@') return WordClass::kLetter;
  if (u_hasBinaryProperty(cp, UCHAR_EXTENDED_PICTOGRAPHIC)) return WordClass::kSlow;
  if (u_getIntPropertyValue(cp, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) return WordClass::kSlow;
  if (u_charType(cp) == U_UNASSIGNED || u_charType(cp) == U_SURROGATE) return WordClass::kSlow;
  switch (u_getIntPropertyValue(cp, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER:
      return WordClass::kLetter;
    case U_WB_NUMERIC:
      return WordClass::kNumeric;
    case U_WB_MIDLETTER:
      return WordClass::kMidLetter;
    case U_WB_MIDNUM:
      return WordClass::kMidNum;
    case U_WB_MIDNUMLET:
    case U_WB_SINGLE_QUOTE:  // differs from MidNumLet only next to Hebrew letters (slow)
      return WordClass::kMidNumLet;
    case U_WB_EXTENDNUMLET:
      return WordClass::kExtendNumLet;
    case U_WB_OTHER:
    case U_WB_WSEGSPACE:  // WB3d joins spaces, but space runs are dropped either way
    case U_WB_CR:
    case U_WB_LF:
    case U_WB_NEWLINE:
    case U_WB_DOUBLE_QUOTE:  // only special next to Hebrew letters (slow)
      return WordClass::kOther;
    default:  // Extend, Format, ZWJ, Hebrew_Letter, Katakana, RI, E_*...
      return WordClass::kSlow;
  }
}

CharEntry make_entry(UChar32 cp, const icu::Normalizer2& nfkc_cf) {
  CharEntry e;
  WordClass cls = icu_word_class(cp);
  if (cls == WordClass::kSlow || !nfkc_cf.hasBoundaryBefore(cp)) return e;  // kSlow
  if (cls == WordClass::kOther) {  // never part of a token: its form is never used
    e.cls = cls;
    return e;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString normalized = nfkc_cf.normalize(icu::UnicodeString(cp), status);
  if (U_FAILURE(status)) return e;
  std::string utf8;
  normalized.toUTF8String(utf8);
  std::string form, folded;
  append_filtered_form(utf8, /*fold_digits=*/false, form);
  append_filtered_form(utf8, /*fold_digits=*/true, folded);
  const bool word_char = cls == WordClass::kLetter || cls == WordClass::kNumeric;
  // Joiners must contribute nothing so that a token of joiners only (ICU status 200 for "__")
  // is dropped like in the ICU path; all such characters are punctuation or spaces anyway.
  if (!word_char && !form.empty()) return e;
  // Bound the growth of forms so the fast path can size its output once (2 bytes per input byte).
  if (form.size() > sizeof(e.form) || form.size() > 2u * U8_LENGTH(cp)) return e;
  if (folded.size() != form.size()) return e;
  e.cls = cls;
  e.form_len = static_cast<uint8_t>(form.size());
  e.folded_len = static_cast<uint8_t>(folded.size());
  form.copy(e.form, form.size());
  folded.copy(e.folded, folded.size());
  return e;
}

CharTable* build_table() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  auto* table = new CharTable;
  if (U_FAILURE(status)) return table;  // all kSlow: everything goes through ICU
  for (UChar32 cp = 0; cp < static_cast<UChar32>(kLowLimit); ++cp) {
    table->low[cp] = make_entry(cp, *nfkc_cf);
  }
  for (UChar32 cp = kPunctBegin; cp < static_cast<UChar32>(kPunctEnd); ++cp) {
    table->punct[cp - kPunctBegin] = make_entry(cp, *nfkc_cf);
  }
  return table;
}

}  // namespace

const CharTable& char_table() {
  static const CharTable* table = build_table();  // leaked on purpose: used until exit
  return *table;
}

}  // namespace docsift::detail
