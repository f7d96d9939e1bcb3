#include "pipeline/artifacts/stage_report.h"

#include <span>

namespace docsift {
namespace {

std::span<const uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace

bool operator==(const StageReport& x, const StageReport& y) {
  if (x.options != y.options || x.lines != y.lines ||
      x.most_repeated.size() != y.most_repeated.size()) {
    return false;
  }
  for (size_t i = 0; i < x.most_repeated.size(); ++i) {
    const RepeatedPassage &a = x.most_repeated[i], &b = y.most_repeated[i];
    if (a.text != b.text || a.occurrences != b.occurrences || a.documents != b.documents) {
      return false;
    }
  }
  return true;
}

Status save_stage_report(const StageReport& r, const std::string& path) {
  if (!r.lines.empty() && r.lines.back() != '\n') {
    return Status::InvalidArgument("stage report: the last line does not end in a newline");
  }
  std::string texts;
  std::vector<uint64_t> lengths, occurrences, documents;
  for (const RepeatedPassage& p : r.most_repeated) {
    texts += p.text;
    lengths.push_back(p.text.size());
    occurrences.push_back(p.occurrences);
    documents.push_back(p.documents);
  }
  BinaryFileWriter w;
  const uint64_t counts[] = {r.lines.size(), r.most_repeated.size(), texts.size()};
  DOCSIFT_RETURN_IF_ERROR(w.open(path, kStageReportFormat, r.options, counts));
  w.put_array<uint8_t>(bytes_of(r.lines));
  w.put_array<uint64_t>(lengths);
  w.put_array<uint8_t>(bytes_of(texts));
  w.put_array<uint64_t>(occurrences);
  w.put_array<uint64_t>(documents);
  return w.commit();
}

Result<StageReport> load_stage_report(const std::string& path, const OptionsText* expected) {
  BinaryFileReader r;
  DOCSIFT_RETURN_IF_ERROR(r.open(path, kStageReportFormat, expected, 3));
  const uint64_t line_bytes = r.counts()[0], num_repeated = r.counts()[1],
                 text_bytes = r.counts()[2];
  auto corrupt = [&](const std::string& what) {
    return Status::InvalidInput(r.error_prefix() + "corrupt stage report: " + what);
  };
  // Each count is checked against the bytes left before anything is allocated (read_array).
  std::vector<uint8_t> lines, texts;
  std::vector<uint64_t> lengths, occurrences, documents;
  DOCSIFT_RETURN_IF_ERROR(r.read_array(line_bytes, &lines));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(num_repeated, &lengths));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(text_bytes, &texts));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(num_repeated, &occurrences));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(num_repeated, &documents));
  DOCSIFT_RETURN_IF_ERROR(r.finish());
  StageReport out{.options = r.options(),
                  .lines = std::string(lines.begin(), lines.end()),
                  .most_repeated = {}};
  if (!out.lines.empty() && out.lines.back() != '\n') {
    return corrupt("the last line does not end in a newline");
  }
  uint64_t at = 0;
  for (uint64_t i = 0; i < num_repeated; ++i) {
    if (lengths[i] > text_bytes - at) return corrupt("text lengths exceed the texts");
    out.most_repeated.push_back(
        {std::string(reinterpret_cast<const char*>(texts.data()) + at, lengths[i]), occurrences[i],
         documents[i]});
    at += lengths[i];
  }
  if (at != text_bytes) return corrupt("text lengths do not add up to the texts");
  return out;
}

}  // namespace docsift
