// Differential fuzzer for io/internal/utf8.h: is_valid_utf8 (simdjson, SIMD) and
// first_invalid_utf8 (table scan) against a decoder written here from RFC 3629's definition:
// decode each sequence to its code point, then reject overlongs, surrogates and values above
// U+10FFFF by value. Every suffix start 0..7 is checked so SIMD blocks see every alignment.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "io/internal/utf8.h"

namespace {

// Offset of the first byte that starts an invalid sequence, or s.size().
size_t reference_first_invalid(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    size_t len;
    uint32_t cp;
    if (lead < 0x80) {
      len = 1, cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      len = 2, cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      len = 3, cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      len = 4, cp = lead & 0x07;
    } else {
      return i;  // continuation byte or 0xF8..0xFF as a lead
    }
    if (s.size() - i < len) return i;
    for (size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr uint32_t kMinForLength[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len]) return i;       // overlong
    if (cp >= 0xD800 && cp <= 0xDFFF) return i;  // surrogate
    if (cp > 0x10FFFF) return i;                 // beyond Unicode
    i += len;
  }
  return s.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  for (size_t start = 0; start < 8 && start <= size; ++start) {
    const std::string_view s = all.substr(start);
    const size_t expected = reference_first_invalid(s);
    const size_t got = docsift::detail::first_invalid_utf8(s);
    FUZZ_CHECK(got == expected,
               "start " << start << ": first_invalid_utf8 " << got << ", reference " << expected);
    const bool valid = docsift::detail::is_valid_utf8(s);
    FUZZ_CHECK(valid == (expected == s.size()), "start " << start << ": is_valid_utf8 " << valid
                                                         << ", reference first invalid " << expected
                                                         << " of " << s.size());
  }
  return 0;
}
