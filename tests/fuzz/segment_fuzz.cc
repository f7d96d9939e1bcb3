// Fuzzer for text/segment.h: segment_blocks and segment_sentences on any input, checking the
// header's guarantees on valid UTF-8: every passage has marker_begin <= begin < end <= size,
// passages are in text order and non-overlapping (a passage's marker starts at or after the
// previous passage's end), content does not start or end with ASCII whitespace, every ASCII
// graphic byte is inside a passage or its marker, and segmentation is deterministic (a second
// call gives the same passages). Ill-formed UTF-8 must only give passages inside the text.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "io/internal/utf8.h"
#include "text/segment.h"

namespace {

using docsift::Passage;

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void check(const std::vector<Passage>& ps, std::string_view text, bool valid, const char* which) {
  uint32_t prev_end = 0;
  for (size_t i = 0; i < ps.size(); ++i) {
    const Passage& p = ps[i];
    FUZZ_CHECK(p.begin <= p.end && p.end <= text.size() && p.marker_begin <= p.begin,
               which << ": passage " << i << " [" << p.marker_begin << "/" << p.begin << ","
                     << p.end << ") outside the " << text.size() << "-byte text");
    if (!valid) continue;
    FUZZ_CHECK(p.begin < p.end, which << ": passage " << i << " is empty at " << p.begin);
    FUZZ_CHECK(prev_end <= p.marker_begin,
               which << ": passage " << i << " [" << p.marker_begin << "/" << p.begin << ","
                     << p.end << ") overlaps or precedes the previous one ending at " << prev_end);
    FUZZ_CHECK(!is_ascii_space(text[p.begin]) && !is_ascii_space(text[p.end - 1]),
               which << ": passage " << i << " [" << p.begin << "," << p.end << ") is not trimmed");
    prev_end = p.end;
  }
  if (!valid) return;
  // Coverage: every ASCII graphic byte lies in a passage or its marker.
  size_t next = 0;  // first byte not yet accounted for
  for (const Passage& p : ps) {
    for (size_t k = next; k < p.marker_begin; ++k) {
      FUZZ_CHECK(!(text[k] > 0x20 && text[k] < 0x7F),
                 which << ": byte " << k << " '" << text[k] << "' is in no passage");
    }
    next = p.end;
  }
  for (size_t k = next; k < text.size(); ++k) {
    FUZZ_CHECK(!(text[k] > 0x20 && text[k] < 0x7F),
               which << ": byte " << k << " '" << text[k] << "' is in no passage");
  }
}

bool same(const std::vector<Passage>& a, const std::vector<Passage>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].begin != b[i].begin || a[i].end != b[i].end ||
        a[i].marker_begin != b[i].marker_begin || a[i].kind != b[i].kind)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool valid = docsift::detail::is_valid_utf8(text);
  const auto blocks = docsift::segment_blocks(text);
  check(blocks, text, valid, "blocks");
  const auto sentences = docsift::segment_sentences(text);
  check(sentences, text, valid, "sentences");
  FUZZ_CHECK(same(blocks, docsift::segment_blocks(text)), "segment_blocks is not deterministic");
  FUZZ_CHECK(same(sentences, docsift::segment_sentences(text)),
             "segment_sentences is not deterministic");
  return 0;
}
