#include "vector/cluster_report.h"

#include "io/json_writer.h"

namespace docsift {

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
                             const std::vector<std::string>& clustered_ids, OutputFile& out) {
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
    JsonObject(line)
        .field("cluster", uint64_t{c})
        .field("size", uint64_t{s.size})
        .raw_field("labels", labels)
        .field("representative", clustered_ids[s.representative])
        .field("representative_score", double{s.representative_score})
        .close();
    line.push_back('\n');
    out.write(line);
  }
}

}  // namespace docsift
