#include "vector/cluster_job.h"

#include <chrono>
#include <memory>

#include "core/parallel.h"
#include "group/doc_grouping.h"
#include "io/json_writer.h"
#include "io/output_file.h"
#include "io/record_batch.h"

namespace docsift {
namespace {

std::string first_line(std::string_view text) {
  size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = text.find('\n', b);
  std::string line(text.substr(b, e == std::string::npos ? std::string::npos : e - b));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

}  // namespace

Result<ClusterJobResult> run_cluster(const ClusterPaths& paths, const ClusterJobOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto opened = CorpusReader::open(paths.inputs, options.read);
  if (!opened.ok()) return opened.status();
  CorpusReader& reader = *opened.value();
  std::unique_ptr<OutputFile> assign_out, summary_out;
  if (!paths.assignments.empty()) {
    auto f = OutputFile::open(paths.assignments, paths.inputs);
    if (!f.ok()) return f.status();
    assign_out = std::move(f).value();
  }
  if (!paths.summary.empty()) {
    auto f = OutputFile::open(paths.summary, paths.inputs);
    if (!f.ok()) return f.status();
    summary_out = std::move(f).value();
  }

  // Everything in memory: k-means revisits every document on every iteration.
  std::vector<std::string> all_ids, all_texts;
  Record rec;
  while (true) {
    auto more = reader.next(rec);
    if (!more.ok()) return more.status();
    if (!*more) break;
    all_ids.push_back(rec.id);
    all_texts.push_back(std::move(rec.text));
  }
  ClusterJobResult out;
  out.docs_read = all_ids.size();
  out.bytes_read = reader.bytes_read();
  if (out.docs_read == 0) return Status::InvalidInput("no documents to cluster");
  const unsigned threads = options.threads == 0 ? hardware_threads() : options.threads;

  // Optional dedup: cluster only kept documents; duplicates inherit their kept doc's cluster.
  std::vector<uint32_t> kept_of(out.docs_read);
  for (size_t i = 0; i < kept_of.size(); ++i) kept_of[i] = static_cast<uint32_t>(i);
  if (options.dedup) {
    std::vector<std::string_view> views(all_texts.begin(), all_texts.end());
    DedupOptions d;
    d.method = DedupMethod::kMinHash;
    d.threshold = options.dedup_threshold;
    d.normalize = options.normalize;
    d.threads = threads;
    auto g = dedup_texts(views, d);
    if (!g.ok()) return g.status();
    kept_of = g->kept_of;
  }
  std::vector<uint32_t> slot_of(out.docs_read, UINT32_MAX);  // doc -> index among clustered
  std::vector<std::string_view> texts;
  for (size_t i = 0; i < out.docs_read; ++i) {
    if (kept_of[i] != i) continue;
    slot_of[i] = static_cast<uint32_t>(texts.size());
    texts.push_back(all_texts[i]);
    out.ids.push_back(all_ids[i]);
  }
  out.duplicates_removed = out.docs_read - texts.size();

  if (options.cluster.kmeans.k > texts.size()) {  // refuse before the costly part
    return Status::InvalidArgument("--k " + std::to_string(options.cluster.kmeans.k) +
                                   " is more than the " + std::to_string(texts.size()) +
                                   " documents to cluster");
  }
  const auto cluster_start = Clock::now();
  ClusterOptions co = options.cluster;
  co.tfidf.threads = threads;
  co.kmeans.threads = threads;
  auto clustered = cluster_documents(texts, options.normalize, co);
  if (!clustered.ok()) return clustered.status();
  out.result = std::move(clustered).value();
  out.cluster_seconds = std::chrono::duration<double>(Clock::now() - cluster_start).count();
  for (const ClusterSummary& s : out.result.clusters)
    out.titles.push_back(first_line(texts[s.representative]));

  std::string line;
  if (assign_out) {
    for (size_t i = 0; i < out.docs_read; ++i) {
      const uint32_t slot = slot_of[kept_of[i]];
      const DocAssignment& a = out.result.docs[slot];
      line.clear();
      JsonObject obj(line);
      obj.field("id", all_ids[i])
          .field("cluster", int64_t{a.cluster})
          .field("score", double{a.score});
      if (kept_of[i] != i) obj.field("duplicate_of", all_ids[kept_of[i]]);
      obj.close();
      line.push_back('\n');
      assign_out->write(line);
    }
    DOCSIFT_RETURN_IF_ERROR(assign_out->commit());
  }
  if (summary_out) {
    for (size_t c = 0; c < out.result.clusters.size(); ++c) {
      const ClusterSummary& s = out.result.clusters[c];
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
          .field("representative", out.ids[s.representative])
          .field("representative_score", double{s.representative_score})
          .close();
      line.push_back('\n');
      summary_out->write(line);
    }
    DOCSIFT_RETURN_IF_ERROR(summary_out->commit());
  }
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return out;
}

}  // namespace docsift
