#include "pipeline/artifacts/edge_list.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace docsift {
namespace {

bool pair_less(const Edge& x, const Edge& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; }
bool same_pair(const Edge& x, const Edge& y) { return x.a == y.a && x.b == y.b; }
bool similarity_ok(float s) { return s >= 0.0f && s <= 1.0f; }  // false for NaN

// Sorts by (a, b) and keeps, of equal pairs, the one with the largest similarity.
void sort_unique_max(std::vector<Edge>& edges) {
  std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
    if (!same_pair(x, y)) return pair_less(x, y);
    return x.similarity > y.similarity;  // largest first, so unique() keeps it
  });
  edges.erase(std::unique(edges.begin(), edges.end(), same_pair), edges.end());
}

}  // namespace

bool operator==(const EdgeList& x, const EdgeList& y) {
  // Bitwise similarity comparison, as the saved bytes are compared.
  return x.options_ == y.options_ && std::equal(x.edges_.begin(), x.edges_.end(), y.edges_.begin(),
                                                y.edges_.end(), [](const Edge& p, const Edge& q) {
                                                  return same_pair(p, q) &&
                                                         std::bit_cast<uint32_t>(p.similarity) ==
                                                             std::bit_cast<uint32_t>(q.similarity);
                                                });
}

Status EdgeList::insert(std::span<const Edge> edges) {
  std::vector<Edge> batch;
  batch.reserve(edges.size());
  for (size_t i = 0; i < edges.size(); ++i) {
    Edge e = edges[i];
    if (e.a == e.b || !similarity_ok(e.similarity)) {
      return Status::InvalidArgument("edge list: edge " + std::to_string(i) + " (" +
                                     std::to_string(e.a) + ", " + std::to_string(e.b) + ", " +
                                     std::to_string(e.similarity) +
                                     "): needs a != b and a similarity in [0, 1]");
    }
    if (e.a > e.b) std::swap(e.a, e.b);
    if (e.similarity == 0.0f) e.similarity = 0.0f;  // -0 -> +0: one byte pattern per value
    batch.push_back(e);
  }
  sort_unique_max(batch);
  merge_sorted(batch);
  return Status::Ok();
}

Result<EdgeList> EdgeList::from_sorted(OptionsText options, std::vector<Edge> edges) {
  for (size_t i = 0; i < edges.size(); ++i) {
    Edge& e = edges[i];
    if (e.a >= e.b || !similarity_ok(e.similarity) || (i > 0 && !pair_less(edges[i - 1], e))) {
      return Status::InvalidArgument("edge list: edge " + std::to_string(i) + " (" +
                                     std::to_string(e.a) + ", " + std::to_string(e.b) + ", " +
                                     std::to_string(e.similarity) +
                                     ") breaks a < b, (a, b) increasing or similarity in [0, 1]");
    }
    if (e.similarity == 0.0f) e.similarity = 0.0f;  // -0 -> +0, as insert
  }
  EdgeList out(std::move(options));
  out.edges_ = std::move(edges);
  return out;
}

Status EdgeList::insert(std::span<const DocPair> pairs) {
  std::vector<Edge> edges;
  edges.reserve(pairs.size());
  for (const DocPair& p : pairs) edges.push_back({p.a, p.b, 0.0f});
  return insert(edges);
}

void EdgeList::merge_sorted(std::span<const Edge> other) {
  if (other.empty()) return;
  if (edges_.empty()) {
    edges_.assign(other.begin(), other.end());
    return;
  }
  std::vector<Edge> out;
  out.reserve(edges_.size() + other.size());
  size_t i = 0, j = 0;
  while (i < edges_.size() && j < other.size()) {
    if (same_pair(edges_[i], other[j])) {
      Edge e = edges_[i++];
      e.similarity = std::max(e.similarity, other[j++].similarity);
      out.push_back(e);
    } else if (pair_less(edges_[i], other[j])) {
      out.push_back(edges_[i++]);
    } else {
      out.push_back(other[j++]);
    }
  }
  out.insert(out.end(), edges_.begin() + i, edges_.end());
  out.insert(out.end(), other.begin() + j, other.end());
  edges_.swap(out);
}

Result<EdgeList> EdgeList::merge(std::span<const EdgeList> shards) {
  if (shards.empty()) return Status::InvalidArgument("edge list merge: no shards");
  EdgeList out(shards.front().options_);
  for (size_t s = 0; s < shards.size(); ++s) {
    const std::string diff =
        describe_options_difference(shards[s].options_.text(), out.options_.text(),
                                    "edge list merge: shard " + std::to_string(s));
    if (!diff.empty()) return Status::InvalidArgument(diff + " (as shard 0)");
    out.merge_sorted(shards[s].edges_);
  }
  return out;
}

Status EdgeList::save(const std::string& path) const {
  BinaryFileWriter w;
  const uint64_t counts[] = {edges_.size()};
  DOCSIFT_RETURN_IF_ERROR(w.open(path, kEdgeListFormat, options_, counts));
  // Structure of arrays: no padding question, and each column compresses on its own.
  std::vector<uint32_t> column(edges_.size());
  for (size_t i = 0; i < edges_.size(); ++i) column[i] = edges_[i].a;
  w.put_array<uint32_t>(column);
  for (size_t i = 0; i < edges_.size(); ++i) column[i] = edges_[i].b;
  w.put_array<uint32_t>(column);
  std::vector<float> sims(edges_.size());
  for (size_t i = 0; i < edges_.size(); ++i) sims[i] = edges_[i].similarity;
  w.put_array<float>(sims);
  return w.commit();
}

Result<EdgeList> EdgeList::load(const std::string& path, const OptionsText* expected) {
  BinaryFileReader r;
  DOCSIFT_RETURN_IF_ERROR(r.open(path, kEdgeListFormat, expected, 1));
  const uint64_t n = r.counts()[0];
  if (n > r.payload_bytes_left() / 12 || r.payload_bytes_left() != n * 12) {
    return Status::InvalidInput(r.error_prefix() + "corrupt edge list: " + std::to_string(n) +
                                " edges do not fill the " + std::to_string(r.payload_bytes_left()) +
                                " payload bytes");
  }
  std::vector<uint32_t> a, b;
  std::vector<float> sims;
  DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &a));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &b));
  DOCSIFT_RETURN_IF_ERROR(r.read_array(n, &sims));
  DOCSIFT_RETURN_IF_ERROR(r.finish());
  EdgeList out(r.options());
  out.edges_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const Edge e{a[i], b[i], sims[i]};
    if (e.a >= e.b || !similarity_ok(e.similarity) || std::signbit(e.similarity) ||
        (i > 0 && !pair_less(out.edges_[i - 1], e))) {
      return Status::InvalidInput(r.error_prefix() + "corrupt edge list: edge " +
                                  std::to_string(i) + " (" + std::to_string(e.a) + ", " +
                                  std::to_string(e.b) + ", " + std::to_string(e.similarity) +
                                  ") breaks a < b, (a, b) increasing or similarity in [0, 1]");
    }
    out.edges_[i] = e;
  }
  return out;
}

}  // namespace docsift
