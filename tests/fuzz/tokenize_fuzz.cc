// Differential fuzzer for text/tokenize.h and text/normalize.h: the tokenizer with its ASCII /
// Latin / Cyrillic fast path (default) against the pure-ICU path (force_icu), with and without
// digit folding, and, for short inputs, against the naive UTF-16 reference of
// tests/reference/text_reference.h. They must give the same spans and the same normalised forms.
// Also checked on every input (valid UTF-8 or not; invalid input must only not crash): spans
// in order, non-overlapping, non-empty and inside the text, norm_offsets consistent, and
// normalize_for_match / exact_key equal to joining the forms.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "io/internal/utf8.h"
#include "reference/text_reference.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace {

using docsift::NormalizeOptions;
using docsift::TokenizedText;
using docsift::Tokenizer;

std::string describe(const TokenizedText& t) {
  std::string s;
  for (size_t i = 0; i < t.size() && i < 64; ++i) {
    s += "[" + std::to_string(t.spans[i].begin) + "," + std::to_string(t.spans[i].end) +
         ")=" + std::string(t.norm(i)) + " ";
  }
  return s;
}

void check_shape(const TokenizedText& t, size_t text_size, const char* which) {
  FUZZ_CHECK(t.norm_offsets.size() == t.size() + 1 && t.norm_offsets[0] == 0 &&
                 t.norm_offsets.back() == t.norm_chars.size(),
             which << ": norm_offsets do not frame norm_chars");
  uint32_t prev_end = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const auto& sp = t.spans[i];
    FUZZ_CHECK(prev_end <= sp.begin && sp.begin < sp.end && sp.end <= text_size,
               which << ": token " << i << " [" << sp.begin << "," << sp.end
                     << ") out of order or bounds (previous end " << prev_end << ", text "
                     << text_size << ")");
    FUZZ_CHECK(t.norm_offsets[i] < t.norm_offsets[i + 1], which << ": empty form " << i);
    prev_end = sp.end;
  }
}

bool same(const TokenizedText& a, const TokenizedText& b) {
  if (a.size() != b.size() || a.norm_chars != b.norm_chars || a.norm_offsets != b.norm_offsets)
    return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a.spans[i].begin != b.spans[i].begin || a.spans[i].end != b.spans[i].end) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Tokenizer fast[2] = {Tokenizer(NormalizeOptions{.fold_digits = false}),
                              Tokenizer(NormalizeOptions{.fold_digits = true})};
  static Tokenizer icu[2] = {Tokenizer(NormalizeOptions{.fold_digits = false, .force_icu = true}),
                             Tokenizer(NormalizeOptions{.fold_digits = true, .force_icu = true})};
  static TokenizedText a, b;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool valid = docsift::detail::is_valid_utf8(text);

  for (int fold = 0; fold < 2; ++fold) {
    fast[fold].tokenize(text, a);
    icu[fold].tokenize(text, b);
    check_shape(a, size, "fast");
    check_shape(b, size, "icu");
    if (!valid) continue;  // only "no crash, in bounds" is promised for ill-formed UTF-8
    FUZZ_CHECK(same(a, b),
               "fold " << fold << "\nfast: " << describe(a) << "\nicu:  " << describe(b));
    if (size <= 512) {
      const auto ref = docsift::reference::tokenize(text, fold);
      bool agree = ref.size() == a.size();
      for (size_t i = 0; agree && i < ref.size(); ++i) {
        agree = ref[i].begin == a.spans[i].begin && ref[i].end == a.spans[i].end &&
                ref[i].form == a.norm(i);
      }
      FUZZ_CHECK(agree, "fold " << fold << ": tokenizer differs from the reference\nfast: "
                                << describe(a) << "\nref tokens: " << ref.size() << " joined \""
                                << docsift::reference::join(ref) << "\"");
    }
    const std::string joined = docsift::join_normalized(a);
    FUZZ_CHECK(docsift::normalize_for_match(fast[fold], text) == joined,
               "normalize_for_match differs from join_normalized");
    FUZZ_CHECK(docsift::exact_key(fast[fold], text) == docsift::exact_key(a),
               "exact_key(text) differs from exact_key(tokens)");
  }
  return 0;
}
