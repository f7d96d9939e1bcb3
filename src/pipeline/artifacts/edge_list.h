#pragma once
// EdgeList: document pairs with a similarity (candidate pairs from an index, or verified
// near-duplicate edges), kept sorted by (a, b) with a < b and each pair once, so lists from
// different shards or bands merge by a linear merge and the result does not depend on how the
// work was split.
//
//   EdgeList edges(options);
//   DOCSIFT_RETURN_IF_ERROR(edges.insert(verified));    // any order; a > b is swapped
//   DOCSIFT_RETURN_IF_ERROR(edges.save("edges.bin"));
//   Result<EdgeList> all = EdgeList::merge(shard_lists);
//
// Duplicates: when a pair is inserted or merged more than once, the copy with the largest
// similarity is kept (order-independent, so merging is commutative and associative). A pair
// with a == b, or a similarity that is NaN or outside [0, 1], is refused. Candidate pairs that
// were never verified carry similarity 0.
//
// Document ids are uint32 (group/edge.h Edge), as in the rest of the grouping stage.
//
// File (core/binary_file.h container, magic "DSED", version 1, counts {num_edges}): payload =
// num_edges uint32 a, then num_edges uint32 b, then num_edges float32 similarities. Loading
// refuses other options, a count that does not match the file size, pairs out of order or
// repeated, a >= b, and similarities outside [0, 1] (or -0).
//
// Memory: 12 bytes per edge (insert needs a sorted copy of the batch). Guarantees:
// deterministic; not thread-safe to mutate; const methods may be called concurrently.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/binary_file.h"
#include "core/options_fingerprint.h"
#include "core/status.h"
#include "group/edge.h"
#include "index/doc_pair.h"

namespace docsift {

inline constexpr BinaryFormat kEdgeListFormat{{'D', 'S', 'E', 'D'}, 1, "edge list"};

class EdgeList {
 public:
  explicit EdgeList(OptionsText options) : options_(std::move(options)) {}

  const OptionsText& options() const { return options_; }
  size_t size() const { return edges_.size(); }
  bool empty() const { return edges_.empty(); }
  // Sorted by (a, b), a < b, unique.
  std::span<const Edge> edges() const { return edges_; }

  // Adds edges in any order (a > b is swapped); see "Duplicates" above.
  Status insert(std::span<const Edge> edges);
  // Adds unverified candidate pairs with similarity 0.
  Status insert(std::span<const DocPair> pairs);

  // A list holding `edges` as they are (no copy), when they are already sorted by (a, b) with
  // a < b, unique, similarities in [0, 1] (a verification's output over sorted candidates is);
  // InvalidArgument naming the first edge that is not.
  static Result<EdgeList> from_sorted(OptionsText options, std::vector<Edge> edges);

  // All shards' edges in one list. Fails if there are no shards or their options differ.
  static Result<EdgeList> merge(std::span<const EdgeList> shards);

  Status save(const std::string& path) const;
  // expected == nullptr accepts any options (see options() of the result).
  static Result<EdgeList> load(const std::string& path, const OptionsText* expected);

  friend bool operator==(const EdgeList& x, const EdgeList& y);

 private:
  // Merges sorted unique `other` into edges_, keeping the larger similarity of equal pairs.
  void merge_sorted(std::span<const Edge> other);

  OptionsText options_;
  std::vector<Edge> edges_;
};

}  // namespace docsift
