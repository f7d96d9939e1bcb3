#include "text/segment.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>
#include <string>

#include "core/assert.h"
#include "text/internal/line_scan.h"

namespace docsift {
namespace {

using detail::bullet_marker_end;
using detail::skip_whitespace;
using detail::trim_end;

// Lines of at most this many code points count as short: digests, headlines, footers. Lines of
// text wrapped at 60-80 columns are longer, so wrapped paragraphs stay whole.
constexpr size_t kShortLineCodePoints = 40;

struct Line {
  uint32_t start;          // first byte of the line
  uint32_t content_begin;  // first non-space byte (the marker, if any)
  uint32_t content_end;    // one past the last non-space byte
  uint32_t text_begin;     // first byte after the marker and its spaces (== content_begin if none)
  bool bullet;
};

Line scan_line(std::string_view text, size_t start, size_t end) {
  Line line{};
  line.start = static_cast<uint32_t>(start);
  const size_t content_begin = skip_whitespace(text, start, end);
  const size_t content_end = trim_end(text, content_begin, end);
  line.content_begin = static_cast<uint32_t>(content_begin);
  line.content_end = static_cast<uint32_t>(content_end);
  const size_t marker_end = bullet_marker_end(text, content_begin, content_end);
  line.bullet = marker_end != content_begin;
  line.text_begin = static_cast<uint32_t>(
      line.bullet ? skip_whitespace(text, marker_end, content_end) : content_begin);
  return line;
}

void add(std::vector<Passage>& out, uint32_t begin, uint32_t end, uint32_t marker_begin,
         PassageKind kind) {
  if (begin < end) out.push_back(Passage{begin, end, marker_begin, kind});
}

// A run of non-bullet lines: separate lines when they are a list (all short, or each ends a
// sentence), otherwise one wrapped paragraph.
void add_run(std::string_view text, const std::vector<Line>& lines, size_t first, size_t last,
             std::vector<Passage>& out) {
  bool all_short = true;
  bool all_end_sentence = true;
  for (size_t i = first; i < last; ++i) {
    const Line& l = lines[i];
    if (i + 1 < last &&
        detail::count_code_points(text, l.content_begin, l.content_end) > kShortLineCodePoints) {
      all_short = false;
    }
    if (!detail::ends_sentence(text, l.content_begin, l.content_end)) all_end_sentence = false;
  }
  if (last - first >= 2 && (all_short || all_end_sentence)) {
    for (size_t i = first; i < last; ++i) {
      add(out, lines[i].content_begin, lines[i].content_end, lines[i].content_begin,
          PassageKind::kLine);
    }
  } else {
    add(out, lines[first].content_begin, lines[last - 1].content_end, lines[first].content_begin,
        PassageKind::kParagraph);
  }
}

void add_paragraph(std::string_view text, const std::vector<Line>& lines,
                   std::vector<Passage>& out) {
  size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].bullet) {
      // A bullet item takes the following non-bullet lines indented deeper than its marker.
      const Line& head = lines[i];
      const uint32_t indent = head.content_begin - head.start;
      size_t j = i + 1;
      while (j < lines.size() && !lines[j].bullet &&
             lines[j].content_begin - lines[j].start > indent) {
        ++j;
      }
      add(out, head.text_begin, lines[j - 1].content_end, head.content_begin, PassageKind::kBullet);
      i = j;
    } else {
      size_t j = i + 1;
      while (j < lines.size() && !lines[j].bullet) ++j;
      add_run(text, lines, i, j, out);
      i = j;
    }
  }
}

// One ICU sentence iterator per thread: creating one costs far more than segmenting a block.
struct SentenceIterator {
  std::unique_ptr<icu::BreakIterator> iter;
  UText text = UTEXT_INITIALIZER;
  SentenceIterator() {
    UErrorCode status = U_ZERO_ERROR;
    // "ss=standard" suppresses breaks after common abbreviations ("Mr.", "e.g.").
    iter.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    if (U_FAILURE(status) || iter == nullptr) {
      status = U_ZERO_ERROR;
      iter.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    }
    DOCSIFT_ASSERT(U_SUCCESS(status) && iter != nullptr);
  }
  ~SentenceIterator() { utext_close(&text); }
};

}  // namespace

const char* passage_kind_name(PassageKind kind) {
  switch (kind) {
    case PassageKind::kParagraph:
      return "paragraph";
    case PassageKind::kLine:
      return "line";
    case PassageKind::kBullet:
      return "bullet";
    case PassageKind::kSentence:
      return "sentence";
  }
  return "unknown";
}

std::vector<Passage> segment_blocks(std::string_view text) {
  DOCSIFT_ASSERT(text.size() <= UINT32_MAX);
  std::vector<Passage> out;
  std::vector<Line> paragraph;
  size_t start = 0;
  while (start <= text.size()) {
    size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) newline = text.size();
    const Line line = scan_line(text, start, newline);
    if (line.content_begin == line.content_end) {  // blank line: ends the paragraph
      add_paragraph(text, paragraph, out);
      paragraph.clear();
    } else {
      paragraph.push_back(line);
    }
    start = newline + 1;
  }
  add_paragraph(text, paragraph, out);
  return out;
}

std::vector<Passage> segment_sentences(std::string_view text) {
  thread_local SentenceIterator sentences;
  thread_local std::string block;
  std::vector<Passage> out;
  for (const Passage& p : segment_blocks(text)) {
    // ICU breaks hard at line ends; a wrapped paragraph's sentences continue across them.
    block.assign(text.data() + p.begin, p.end - p.begin);
    for (char& c : block) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&sentences.text, block.data(), static_cast<int64_t>(block.size()), &status);
    sentences.iter->setText(&sentences.text, status);
    if (U_FAILURE(status)) continue;
    bool first = true;
    int32_t a = sentences.iter->first();
    for (int32_t b = sentences.iter->next(); b != icu::BreakIterator::DONE;
         a = b, b = sentences.iter->next()) {
      // Trim in the copy, where line breaks are spaces too.
      const size_t begin = p.begin + skip_whitespace(block, a, b);
      const size_t end = p.begin + trim_end(block, begin - p.begin, b);
      if (begin >= end) continue;
      const uint32_t marker = first ? p.marker_begin : static_cast<uint32_t>(begin);
      out.push_back(Passage{static_cast<uint32_t>(begin), static_cast<uint32_t>(end), marker,
                            PassageKind::kSentence});
      first = false;
    }
  }
  return out;
}

}  // namespace docsift
