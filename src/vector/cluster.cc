#include "vector/cluster.h"

#include <algorithm>
#include <numeric>

#include "core/parallel.h"
#include "vector/internal/random.h"
#include "vector/silhouette.h"

namespace docsift {
namespace {

struct AutoK {
  size_t k = 0;
  std::vector<std::pair<size_t, double>> curve;
};

Result<AutoK> choose_k(const SparseRows& x, size_t with_terms, const ClusterOptions& opt) {
  const size_t k_min = std::max<size_t>(2, opt.k_min);
  const size_t k_max = std::min({opt.k_max, with_terms / 5, with_terms});
  if (k_max < k_min) {
    // Auto tries k up to n / 5 (five documents per cluster at least, so that the silhouette
    // compares groups, not single documents): say how many documents that takes and what to pass.
    const std::string have = std::to_string(with_terms) + " document" +
                             (with_terms == 1 ? "" : "s") + " with terms after min_df/max_df";
    if (opt.k_max < k_min)
      return Status::InvalidArgument("cluster: k auto needs k_max >= " + std::to_string(k_min) +
                                     " (got " + std::to_string(opt.k_max) +
                                     "): raise --k-max or pass --k N");
    const std::string fixed = with_terms >= 2
                                  ? "pass a number of clusters instead, --k N with 2 <= N <= " +
                                        std::to_string(with_terms)
                                  : "add documents (or lower --min-df)";
    return Status::InvalidArgument(
        "cluster: k auto needs at least " + std::to_string(5 * k_min) +
        " documents with terms (5 per cluster for k = " + std::to_string(k_min) +
        "), the input has " + have + ": " + fixed);
  }
  const std::vector<size_t> rows =
      silhouette_sample(x, opt.silhouette_sample, detail::derive_seed(opt.kmeans.seed, 1000));
  const Eigen::MatrixXf gram = sample_similarities(x, rows, opt.kmeans.threads);
  AutoK best;
  double best_score = -2;
  std::vector<int32_t> labels(rows.size());
  for (size_t k = k_min; k <= k_max; ++k) {
    KMeansOptions kopt = opt.kmeans;
    kopt.k = k;
    kopt.n_init = opt.auto_k_n_init;
    Result<KMeansResult> r = spherical_kmeans(x, kopt);
    if (!r.ok()) return r.status();
    for (size_t i = 0; i < rows.size(); ++i) labels[i] = r->assignment[rows[i]];
    const double score = mean_silhouette(gram, labels);
    best.curve.emplace_back(k, score);
    if (score > best_score) {
      best_score = score;
      best.k = k;
    }
  }
  return best;
}

// What building the TF-IDF matrix holds at most, from the texts alone: a word per 6 bytes of
// text at most (word pairs double it), each a distinct term of its document while counting (8
// bytes) and a stored value (index, weight, count: 12) with the copy made while the matrix is
// normalised and pruned (16), a vocabulary entry per four words (about 64 bytes), and row
// pointers.
uint64_t tfidf_bytes_estimate(std::span<const std::string_view> texts, const TfidfOptions& o) {
  uint64_t bytes = 0;
  for (std::string_view t : texts) bytes += t.size();
  const uint64_t words = bytes / 6 * (o.ngram >= 2 ? 2 : 1);
  return words * (8 + 12 + 16) + words * 64 / 4 + texts.size() * 16;
}

// Clusters the rows of a TF-IDF matrix (k-means, renumbering, labels, representatives).
// texts, tokens and normalize are what the matrix was built from (for phrase labels).
Result<ClusterResult> cluster_matrix(Result<TfidfMatrix> tfidf,
                                     std::span<const std::string_view> texts,
                                     std::span<const TokenizedText> tokens,
                                     const NormalizeOptions& normalize, const ClusterOptions& opt) {
  if (!tfidf.ok()) return tfidf.status();
  const SparseRows& x = tfidf->rows;
  const size_t n = static_cast<size_t>(x.rows());
  size_t with_terms = 0;
  for (size_t i = 0; i < n; ++i) with_terms += x.outerIndexPtr()[i + 1] > x.outerIndexPtr()[i];

  ClusterResult out;
  out.vocabulary_size = static_cast<size_t>(x.cols());
  out.num_communities = tfidf->num_communities;
  KMeansOptions kopt = opt.kmeans;
  // Dense k x V centroids, a copy per worker for the updates and the best restart's, and per
  // document an assignment and score; auto k adds the silhouette sample's similarities.
  MemoryCharge kmeans_charge(opt.budget, MemoryUse::kClusters);
  {
    const uint64_t k = kopt.k == 0 ? opt.k_max : kopt.k;
    const uint64_t workers = kopt.threads == 0 ? hardware_threads() : kopt.threads;
    const uint64_t sample = kopt.k == 0 ? std::min<uint64_t>(opt.silhouette_sample, n) : 0;
    DOCSIFT_RETURN_IF_ERROR(
        kmeans_charge.set(k * static_cast<uint64_t>(x.cols()) * sizeof(float) * (workers + 2) +
                              n * 16 + sample * sample * sizeof(float),
                          n));
  }
  if (kopt.k == 0) {
    Result<AutoK> chosen = choose_k(x, with_terms, opt);
    if (!chosen.ok()) return chosen.status();
    kopt.k = chosen->k;
    out.k_curve = std::move(chosen->curve);
  }
  if (kopt.k > with_terms)
    return Status::InvalidArgument("cluster: k = " + std::to_string(kopt.k) + " but only " +
                                   std::to_string(with_terms) + " of " + std::to_string(n) +
                                   " documents have terms after min_df/max_df");
  Result<KMeansResult> km = spherical_kmeans(x, kopt);
  if (!km.ok()) return km.status();
  out.docs_without_terms = n - with_terms;
  auto has_terms = [&](size_t i) { return x.outerIndexPtr()[i + 1] > x.outerIndexPtr()[i]; };
  out.k = kopt.k;
  out.objective = km->objective;
  out.history = km->history;

  // Renumber by decreasing size; ties by first member.
  const size_t k = kopt.k;
  std::vector<size_t> size(k, 0), first(k, n);
  for (size_t i = 0; i < n; ++i) {
    if (!has_terms(i)) continue;  // k-means parks them in cluster 0 with similarity 0
    const auto c = static_cast<size_t>(km->assignment[i]);
    ++size[c];
    first[c] = std::min(first[c], i);
  }
  std::vector<size_t> order(k);
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return size[a] != size[b] ? size[a] > size[b] : first[a] < first[b];
  });
  std::vector<int32_t> new_id(k, -1);
  size_t kept = 0;
  for (size_t c : order)
    if (size[c] > 0) new_id[c] = static_cast<int32_t>(kept++);
  const Eigen::MatrixXf gram = km->centroids * km->centroids.transpose();
  out.centroid_similarity.assign(kept * kept, 0.0);
  for (size_t a = 0; a < k; ++a)
    for (size_t b = 0; b < k; ++b)
      if (new_id[a] >= 0 && new_id[b] >= 0)
        out.centroid_similarity[static_cast<size_t>(new_id[a]) * kept +
                                static_cast<size_t>(new_id[b])] = gram(a, b);
  std::vector<int32_t> assignment(n);
  out.docs.resize(n);
  for (size_t i = 0; i < n; ++i) {
    assignment[i] = has_terms(i) ? new_id[static_cast<size_t>(km->assignment[i])] : -1;
    out.docs[i] = {assignment[i], has_terms(i) ? km->similarity[i] : 0.0f};
  }

  LabelOptions lopt = opt.labels;
  lopt.threads = kopt.threads;
  const std::vector<ClusterTerms> labels =
      cluster_labels(*tfidf, texts, tokens, normalize, assignment, kept, lopt);
  out.clusters.resize(kept);
  for (size_t i = 0; i < n; ++i) {
    if (assignment[i] < 0) continue;
    ClusterSummary& s = out.clusters[static_cast<size_t>(assignment[i])];
    if (s.size == 0 || out.docs[i].score > s.representative_score) {
      s.representative = i;
      s.representative_score = out.docs[i].score;
    }
    ++s.size;
  }
  for (size_t c = 0; c < kept; ++c) {
    out.clusters[c].labels = labels[c].surface;
    out.clusters[c].label_terms = labels[c].terms;
    out.clusters[c].label_scores = labels[c].scores;
  }
  return out;
}

}  // namespace

Result<ClusterResult> cluster_documents(std::span<const std::string_view> texts,
                                        std::span<const TokenizedText> tokens,
                                        const ClusterOptions& opt) {
  MemoryCharge vectors(opt.budget, MemoryUse::kVectors);
  DOCSIFT_RETURN_IF_ERROR(vectors.set(tfidf_bytes_estimate(texts, opt.tfidf), texts.size()));
  return cluster_matrix(build_tfidf(texts, tokens, opt.tfidf), texts, tokens, NormalizeOptions{},
                        opt);
}

Result<ClusterResult> cluster_documents(std::span<const std::string_view> texts,
                                        const NormalizeOptions& normalize,
                                        const ClusterOptions& opt) {
  MemoryCharge vectors(opt.budget, MemoryUse::kVectors);
  DOCSIFT_RETURN_IF_ERROR(vectors.set(tfidf_bytes_estimate(texts, opt.tfidf), texts.size()));
  return cluster_matrix(build_tfidf(texts, normalize, opt.tfidf), texts, {}, normalize, opt);
}

}  // namespace docsift
