#pragma once
// The last step of token normalisation, shared by the ICU path and the fast-path table: keep only
// letters, marks and numbers of an nfkc_cf-normalised UTF-8 string, optionally mapping decimal
// digits to '0'.

#include <string>
#include <string_view>

namespace docsift::detail {

// Appends the kept code points of `normalized` (valid UTF-8) to `out`.
void append_filtered_form(std::string_view normalized, bool fold_digits, std::string& out);

}  // namespace docsift::detail
