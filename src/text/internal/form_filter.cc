#include "text/internal/form_filter.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace docsift::detail {

void append_filtered_form(std::string_view normalized, bool fold_digits, std::string& out) {
  const auto* s = reinterpret_cast<const uint8_t*>(normalized.data());
  const int32_t n = static_cast<int32_t>(normalized.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 cp;
    U8_NEXT(s, i, n, cp);
    if (cp < 0) continue;  // ill-formed input byte: dropped
    const uint32_t mask = U_GET_GC_MASK(cp);
    if ((mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) == 0) continue;
    if (fold_digits && (mask & U_GC_ND_MASK) != 0) {
      out.push_back('0');
    } else {
      out.append(normalized.data() + start, static_cast<size_t>(i - start));
    }
  }
}

}  // namespace docsift::detail
