#include "vector/stories.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "vector/internal/average_linkage.h"
#include "vector/internal/similar_pairs.h"

namespace docsift {

Result<StoryResult> cluster_stories(const TfidfMatrix& tfidf,
                                    std::span<const std::string_view> texts,
                                    std::span<const int64_t> dates,
                                    const NormalizeOptions& normalize,
                                    const StoryOptions& options) {
  const SparseRows& x = tfidf.rows;
  const size_t n = static_cast<size_t>(x.rows());
  if (!(options.similarity > 0 && options.similarity <= 1))
    return Status::InvalidArgument("stories: similarity must be in (0, 1], not " +
                                   std::to_string(options.similarity));
  if (options.window < 0)
    return Status::InvalidArgument("stories: window must be >= 0, not " +
                                   std::to_string(options.window));
  if (!dates.empty() && dates.size() != n)
    return Status::InvalidArgument("stories: " + std::to_string(dates.size()) + " dates for " +
                                   std::to_string(n) + " documents");

  StoryResult out;
  out.vocabulary_size = static_cast<size_t>(x.cols());
  out.num_communities = tfidf.num_communities;
  const std::vector<detail::Link> links = detail::similar_pairs(
      x, options.similarity, dates, options.window, options.threads, &out.candidate_pairs);
  out.links = links.size();
  const std::vector<uint32_t> group =
      detail::average_linkage(x, links, options.similarity, &out.merges);

  // Number stories by decreasing size, ties by first member (= the group id).
  std::vector<size_t> size(n, 0);
  for (uint32_t g : group) ++size[g];
  std::vector<uint32_t> roots;
  for (size_t i = 0; i < n; ++i)
    if (group[i] == i) roots.push_back(static_cast<uint32_t>(i));
  std::stable_sort(roots.begin(), roots.end(),
                   [&](uint32_t a, uint32_t b) { return size[a] > size[b]; });
  std::vector<int32_t> story_of_root(n, -1);
  for (size_t s = 0; s < roots.size(); ++s) story_of_root[roots[s]] = static_cast<int32_t>(s);
  std::vector<int32_t> assignment(n);
  for (size_t i = 0; i < n; ++i) assignment[i] = story_of_root[group[i]];

  // Centroid cosines: document . (sum of its story's rows) / |sum|, in double.
  const size_t k = roots.size();
  std::vector<std::vector<size_t>> members(k);
  for (size_t i = 0; i < n; ++i) members[static_cast<size_t>(assignment[i])].push_back(i);
  out.docs.resize(n);
  out.stories.resize(k);
  std::vector<double> centroid(static_cast<size_t>(x.cols()), 0);
  const int32_t* outer = x.outerIndexPtr();
  const int32_t* inner = x.innerIndexPtr();
  const float* value = x.valuePtr();
  std::vector<int32_t> touched;
  for (size_t s = 0; s < k; ++s) {
    touched.clear();
    for (size_t i : members[s])
      for (int32_t p = outer[i]; p < outer[i + 1]; ++p) {
        if (centroid[inner[p]] == 0) touched.push_back(inner[p]);  // TF-IDF weights are > 0
        centroid[inner[p]] += value[p];
      }
    double norm = 0;
    for (int32_t c : touched) norm += centroid[c] * centroid[c];
    norm = std::sqrt(norm);
    StorySummary& story = out.stories[s];
    story.summary.size = members[s].size();
    for (size_t i : members[s]) {
      double d = 0;
      for (int32_t p = outer[i]; p < outer[i + 1]; ++p) d += value[p] * centroid[inner[p]];
      const float score = norm > 0 ? static_cast<float>(d / norm) : 0.0f;
      out.docs[i] = {static_cast<int32_t>(s), score};
      if (i == members[s].front() || score > story.summary.representative_score) {
        story.summary.representative = i;
        story.summary.representative_score = score;
      }
      if (!dates.empty()) {
        if (dates[i] < dates[story.first_doc] || i == members[s].front()) story.first_doc = i;
        if (dates[i] > dates[story.last_doc] || i == members[s].front()) story.last_doc = i;
      } else if (i == members[s].front()) {
        story.first_doc = story.last_doc = i;
      }
    }
    for (int32_t c : touched) centroid[c] = 0;
  }
  for (size_t i = 0; i < n; ++i) out.docs_without_terms += outer[i] == outer[i + 1];

  LabelOptions lopt = options.labels;
  lopt.threads = options.threads;
  const std::vector<ClusterTerms> labels =
      cluster_labels(tfidf, texts, {}, normalize, assignment, k, lopt);
  for (size_t s = 0; s < k; ++s) {
    out.stories[s].summary.labels = labels[s].surface;
    out.stories[s].summary.label_terms = labels[s].terms;
    out.stories[s].summary.label_scores = labels[s].scores;
  }
  return out;
}

Result<StoryResult> cluster_stories(std::span<const std::string_view> texts,
                                    std::span<const int64_t> dates,
                                    const NormalizeOptions& normalize,
                                    const StoryOptions& options) {
  TfidfOptions topt = options.tfidf;
  topt.threads = options.threads;
  Result<TfidfMatrix> tfidf = build_tfidf(texts, normalize, topt);
  if (!tfidf.ok()) return tfidf.status();
  return cluster_stories(*tfidf, texts, dates, normalize, options);
}

}  // namespace docsift
