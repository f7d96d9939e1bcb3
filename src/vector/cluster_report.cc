#include "vector/cluster_report.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "io/json_writer.h"

namespace docsift {
namespace {

bool is_space(UChar32 c) { return c < 0 || u_isUWhiteSpace(c); }
bool is_word_char(UChar32 c) {
  return c >= 0 && (u_isalpha(c) || u_isdigit(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0);
}

// Whether `run` (ASCII digits and - . / :) is a date or a time: d:dd[:dd] or d<s>d<s>d with one
// separator s ("20:14", "2024-03-09", "07.03.2024", "9/3/24").
bool is_date_or_time(std::string_view run) {
  while (!run.empty() && !(run.back() >= '0' && run.back() <= '9')) run.remove_suffix(1);
  while (!run.empty() && !(run.front() >= '0' && run.front() <= '9')) run.remove_prefix(1);
  char sep = 0;
  size_t groups = 1, len = 0;
  std::vector<size_t> lengths;
  for (char ch : run) {
    if (ch >= '0' && ch <= '9') {
      ++len;
      continue;
    }
    if (len == 0 || (sep != 0 && ch != sep)) return false;  // "1--2", "1.2-3"
    sep = ch;
    lengths.push_back(len);
    len = 0;
    ++groups;
  }
  lengths.push_back(len);
  if (sep == ':') return groups <= 3 && lengths[0] <= 2 && lengths[1] == 2;
  return sep != 0 && groups == 3;
}

}  // namespace

bool is_metadata_line(std::string_view line) {
  size_t chars = 0, letters = 0, letter_words = 0;
  size_t first_solid = std::string_view::npos, last_solid = 0;  // code point indices
  bool in_word = false, word_has_letter = false, dated = false;
  std::string run;  // digits and date separators
  auto end_run = [&] {
    dated = dated || (!run.empty() && is_date_or_time(run));
    run.clear();
  };
  const auto* bytes = reinterpret_cast<const uint8_t*>(line.data());
  const auto size = static_cast<int32_t>(line.size());
  for (int32_t i = 0; i < size;) {
    UChar32 c;
    U8_NEXT(bytes, i, size, c);
    if (!is_space(c)) {
      if (first_solid == std::string_view::npos) first_solid = chars;
      last_solid = chars;
    }
    ++chars;
    const bool letter = c >= 0 && u_isalpha(c);
    letters += letter;
    if (is_word_char(c)) {
      word_has_letter = word_has_letter || letter;
      in_word = true;
    } else if (in_word) {
      letter_words += word_has_letter;
      in_word = word_has_letter = false;
    }
    if ((c >= '0' && c <= '9') || c == '-' || c == '.' || c == '/' || c == ':')
      run.push_back(static_cast<char>(c));
    else
      end_run();
  }
  letter_words += in_word && word_has_letter;
  end_run();
  const size_t trimmed = first_solid == std::string_view::npos ? 0 : last_solid - first_solid + 1;
  return letters < 2 || letter_words < 2 || trimmed < 8 || (dated && letter_words <= 2);
}

std::string representative_title(std::string_view text, size_t max_chars) {
  std::string_view title;
  for (size_t pos = 0; pos <= text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!is_metadata_line(line)) {
      title = line;
      break;
    }
  }
  std::string out = title.empty() ? first_line(text) : first_line(title);
  // Cut at a word boundary, by code points.
  size_t points = 0, cut = std::string::npos, last_space = std::string::npos;
  for (size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) continue;
    if (points == max_chars) {
      cut = i;
      break;
    }
    if (out[i] == ' ') last_space = i;
    ++points;
  }
  if (cut != std::string::npos) {
    if (last_space != std::string::npos && last_space > 0) cut = last_space;
    out.resize(cut);
    while (!out.empty() && (out.back() == ' ' || out.back() == ',')) out.pop_back();
    out += "...";
  }
  return out;
}

std::string first_line(std::string_view text) {
  size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = text.find('\n', b);
  std::string line(text.substr(b, e == std::string::npos ? std::string::npos : e - b));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

void write_assignments(const StringPool& ids, std::span<const uint32_t> kept_of,
                       const ClusterResult& result, OutputFile& out) {
  std::vector<uint32_t> slot_of(kept_of.size(), UINT32_MAX);  // doc -> index among clustered
  uint32_t slots = 0;
  for (size_t i = 0; i < kept_of.size(); ++i) {
    if (kept_of[i] == i) slot_of[i] = slots++;
  }
  std::string line;
  for (size_t i = 0; i < kept_of.size(); ++i) {
    const DocAssignment& a = result.docs[slot_of[kept_of[i]]];
    line.clear();
    JsonObject obj(line);
    obj.field("id", ids[i]).field("cluster", int64_t{a.cluster}).field("score", double{a.score});
    if (kept_of[i] != i) obj.field("duplicate_of", ids[kept_of[i]]);
    obj.close();
    line.push_back('\n');
    out.write(line);
  }
}

void write_cluster_summaries(const ClusterResult& result,
                             const std::vector<std::string>& clustered_ids,
                             const std::vector<std::string>& titles, OutputFile& out,
                             std::span<const std::pair<std::string, std::string>> date_ranges) {
  std::string line;
  for (size_t c = 0; c < result.clusters.size(); ++c) {
    const ClusterSummary& s = result.clusters[c];
    std::string labels = "[";
    for (size_t l = 0; l < s.labels.size(); ++l) {
      if (l) labels.push_back(',');
      append_json_string(labels, s.labels[l]);
    }
    labels.push_back(']');
    line.clear();
    JsonObject obj(line);
    obj.field("cluster", uint64_t{c})
        .field("size", uint64_t{s.size})
        .raw_field("labels", labels)
        .field("representative", clustered_ids[s.representative])
        .field("title", titles[c])
        .field("representative_score", double{s.representative_score});
    if (c < date_ranges.size())
      obj.field("first_date", date_ranges[c].first).field("last_date", date_ranges[c].second);
    obj.close();
    line.push_back('\n');
    out.write(line);
  }
}

}  // namespace docsift
