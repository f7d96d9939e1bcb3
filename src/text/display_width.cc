#include "text/display_width.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "core/assert.h"

namespace docsift {
namespace {

int code_point_width(UChar32 c) {
  if (c < 0) return 1;                       // an invalid byte
  if (c >= 0x1160 && c <= 0x11FF) return 0;  // Hangul Jamo medial vowels, final consonants
  const int8_t category = static_cast<int8_t>(u_charType(c));
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) {
    return 0;
  }
  const int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

// One ICU character (grapheme cluster) iterator per thread.
struct ClusterIterator {
  std::unique_ptr<icu::BreakIterator> iter;
  UText text = UTEXT_INITIALIZER;
  ClusterIterator() {
    UErrorCode status = U_ZERO_ERROR;
    iter.reset(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    DOCSIFT_ASSERT(U_SUCCESS(status) && iter != nullptr);
  }
  ~ClusterIterator() { utext_close(&text); }
};

// Calls fn(begin, end, width) for each grapheme cluster of `s` in order, until fn returns false.
template <typename Fn>
void for_each_cluster(std::string_view s, Fn&& fn) {
  if (s.empty()) return;
  thread_local ClusterIterator clusters;
  UErrorCode status = U_ZERO_ERROR;
  utext_openUTF8(&clusters.text, s.data(), static_cast<int64_t>(s.size()), &status);
  DOCSIFT_ASSERT(U_SUCCESS(status));
  clusters.iter->setText(&clusters.text, status);
  DOCSIFT_ASSERT(U_SUCCESS(status));
  // UTF-8 UText indexes are byte offsets into s.
  int32_t begin = clusters.iter->first();
  for (int32_t end = clusters.iter->next(); end != icu::BreakIterator::DONE;
       begin = end, end = clusters.iter->next()) {
    int width = 0;
    for (int32_t i = begin; i < end;) {
      UChar32 c;
      U8_NEXT(s.data(), i, end, c);
      width = std::max(width, code_point_width(c));
    }
    if (!fn(static_cast<size_t>(begin), static_cast<size_t>(end), static_cast<size_t>(width))) {
      return;
    }
  }
}

}  // namespace

size_t display_width(std::string_view utf8) {
  size_t width = 0;
  for_each_cluster(utf8, [&](size_t, size_t, size_t w) {
    width += w;
    return true;
  });
  return width;
}

std::string clip_to_width(std::string_view utf8, size_t max_width, std::string_view ellipsis) {
  const size_t ellipsis_width = display_width(ellipsis);
  // Cluster ends and the width up to each, until max_width is passed.
  size_t width = 0, fits_with_ellipsis = 0;
  bool cut = false;
  for_each_cluster(utf8, [&](size_t, size_t end, size_t w) {
    width += w;
    if (width > max_width) {
      cut = true;
      return false;
    }
    if (width + ellipsis_width <= max_width) fits_with_ellipsis = end;
    return true;
  });
  if (!cut) return std::string(utf8);
  if (ellipsis_width > max_width) return clip_to_width(ellipsis, max_width, "");
  std::string out(utf8.substr(0, fits_with_ellipsis));
  out += ellipsis;
  return out;
}

}  // namespace docsift
