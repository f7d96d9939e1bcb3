#pragma once
// UTF-8 validation of plain-text inputs. The fast check is simdjson::validate_utf8 (SIMD,
// several GB/s); only when it fails does a scalar scan (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF) find the offset of the first bad byte for the error message.

#include <cstddef>
#include <string_view>

namespace docsift::detail {

// Returns true when `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);

// Offset of the first byte that starts an invalid sequence; s.size() when `s` is valid.
size_t first_invalid_utf8(std::string_view s);

}  // namespace docsift::detail
