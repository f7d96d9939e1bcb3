#include "html_output.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "report/cluster_map.h"
#include "report/html_report.h"

namespace docsift::cli {

Status write_cluster_html(const std::string& path, const std::vector<std::string>& inputs,
                          const ClusterJobResult& r) {
  const ClusterResult& res = r.result;
  const size_t k = res.clusters.size();
  TopicReport t;
  t.inputs = inputs;
  t.docs_read = r.docs_read;
  t.duplicates_removed = r.duplicates_removed;
  std::vector<Point2> xy(k);
  if (res.centroid_similarity.size() == k * k) {
    Eigen::MatrixXd gram(k, k);
    for (size_t a = 0; a < k; ++a)
      for (size_t b = 0; b < k; ++b) gram(a, b) = res.centroid_similarity[a * k + b];
    xy = project_2d(gram);
    t.projection = "classical MDS of the cosine similarities between cluster centroids";
  }
  for (size_t c = 0; c < k; ++c) {
    const ClusterSummary& s = res.clusters[c];
    t.clusters.push_back(
        {s.size, s.labels, clip_text(r.titles[c], 200), r.ids[s.representative], xy[c].x, xy[c].y});
  }
  // Per cluster, the members closest to its centroid.
  std::vector<size_t> order(res.docs.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (res.docs[a].cluster != res.docs[b].cluster)
      return res.docs[a].cluster < res.docs[b].cluster;
    return res.docs[a].score > res.docs[b].score;
  });
  std::vector<size_t> taken(k, 0);
  t.members_total = res.docs.size();
  for (size_t i : order) {
    const auto c = static_cast<size_t>(res.docs[i].cluster);
    if (c >= k || taken[c]++ >= kHtmlMembersPerCluster) continue;
    t.members.push_back({r.ids[i], res.docs[i].cluster, res.docs[i].score,
                         i < r.first_lines.size() ? clip_text(r.first_lines[i], 100) : ""});
  }
  return write_html_file(path, inputs, topic_report_html(t));
}

Status write_clean_html(const std::string& path, const std::vector<std::string>& inputs,
                        const CleanSummary& s) {
  const DedupSummary& ds = s.documents;
  CleanReport c;
  c.inputs = inputs;
  c.docs_before = ds.docs_read;
  c.docs_after = ds.docs_kept;
  c.bytes_before = ds.text_bytes;
  const uint64_t removed = ds.text_bytes_removed + s.passages.bytes_removed;
  c.bytes_after = ds.text_bytes > removed ? ds.text_bytes - removed : 0;
  c.docs_removed = ds.docs_removed;
  c.passages_removed = s.passages.passages_removed;
  c.groups_total = ds.duplicate_groups;
  // Groups in order of their first removed document; the texts come from the clean job's pass.
  static_assert(kHtmlExcerptColumns < kRemovalTextPoints, "excerpts are clipped from them");
  std::unordered_map<std::string, size_t> group_of;
  for (const CleanRemoval& r : s.first_removed) {
    auto [it, fresh] = group_of.emplace(r.kept_id, c.groups.size());
    if (fresh)
      c.groups.push_back({{r.kept_id, 1.0, clip_text(r.kept_text, kHtmlExcerptColumns)}, {}});
    c.groups[it->second].removed.push_back(
        {r.id, r.similarity, clip_text(r.text, kHtmlExcerptColumns)});
  }
  for (const RepeatedPassage& p : s.passages.most_repeated) {
    c.repeated.push_back({clip_text(p.text, 500), p.occurrences, p.documents});
  }
  return write_html_file(path, inputs, clean_report_html(c));
}

}  // namespace docsift::cli
